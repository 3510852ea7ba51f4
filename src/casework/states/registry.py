"""Reading a list of States Parties (CSV) and comparing it with the registry.

Pure Python: no Django. `services.import_registry` applies a diff to the database.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from casework.states import dates

# Column names follow the shared source list; name_es is optional.
REQUIRED_COLUMNS = ("iso3", "name_en", "name_fr")
# CSV column -> StateParty field
COLUMN_FIELDS = {
    "name_en": "name_en",
    "name_fr": "name_fr",
    "name_es": "name_es",
    "date_signed": "date_signed",
    "date_consent": "date_consent",
    "consent_method": "consent_method",
    "date_entry_into_force": "date_entry_into_force",
    "withdrawal_notified": "withdrawal_notified",
    "withdrawal_effective": "withdrawal_effective",
    "art5_clearance_obligation": "article5_status",
    "art5_current_deadline": "article5_deadline",
    "art4_stockpile_status": "article4_status",
    "notes": "notes",
    "source": "source",
    "confidence": "confidence",
}
PARTIAL_DATE_FIELDS = (
    "date_signed",
    "date_consent",
    "date_entry_into_force",
    "article5_deadline",
)
DAY_FIELDS = ("withdrawal_notified", "withdrawal_effective")
ARTICLE5_VALUES = {"yes", "completed", "no", "unknown"}
ARTICLE4_VALUES = {"ongoing", "completed", "none", "unknown"}
# A status cell may qualify its value: "completed (2017)", "none (never stockpiled)".
# The word goes into the status field, the qualification into its `_detail` field.
STATUS_DETAIL_FIELDS = {
    "article5_status": "article5_status_detail",
    "article4_status": "article4_status_detail",
}
# Every StateParty field a registry file can set.
FIELDS = (*COLUMN_FIELDS.values(), *STATUS_DETAIL_FIELDS.values())
# Free text a newer list extends (" | " after the older text) rather than replaces.
TEXT_FIELDS = ("notes", "source")
_QUALIFIED = re.compile(r"^(?P<word>[a-z]+)\s*(?:\((?P<detail>.*)\))?$", re.DOTALL)


class RegistryFileError(ValueError):
    """The file cannot be used; the message names the row and column and says what to fix."""


@dataclass(frozen=True, slots=True)
class StateRow:
    iso3: str
    values: dict[str, object]


@dataclass(slots=True)
class FieldChange:
    field: str
    old: object
    new: object


@dataclass(slots=True)
class RegistryDiff:
    added: list[StateRow] = field(default_factory=list)
    changed: dict[str, list[FieldChange]] = field(default_factory=dict)
    # States in the registry but absent from the file: never deleted automatically.
    missing: list[str] = field(default_factory=list)
    in_file: set[str] = field(default_factory=set)

    @property
    def is_empty(self) -> bool:
        return not (self.added or self.changed)


def read_rows(path: Path) -> list[StateRow]:
    """Parse and validate a registry CSV; raise RegistryFileError on the first problem."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise RegistryFileError(f"{path}: no such file") from None
    except UnicodeDecodeError as exc:
        raise RegistryFileError(
            f"{path}: not UTF-8 text (byte {exc.start}); save the file as CSV UTF-8 and retry"
        ) from None
    reader = csv.DictReader(io.StringIO(text))
    columns = reader.fieldnames or []
    absent = [name for name in REQUIRED_COLUMNS if name not in columns]
    if absent:
        raise RegistryFileError(
            f"{path}: missing column(s) {', '.join(absent)}; the first line must name the "
            f"columns, at least {', '.join(REQUIRED_COLUMNS)}"
        )
    rows: list[StateRow] = []
    seen: set[str] = set()
    for line, record in enumerate(reader, start=2):
        rows.append(_parse_row(path, line, record, columns))
        if rows[-1].iso3 in seen:
            raise RegistryFileError(
                f"{path}, line {line}: {rows[-1].iso3} appears twice"
            )
        seen.add(rows[-1].iso3)
    if not rows:
        raise RegistryFileError(f"{path}: the file has a header but no States")
    return rows


def _parse_row(
    path: Path, line: int, record: dict[str, str], columns: Sequence[str]
) -> StateRow:
    where = f"{path}, line {line}"
    iso3 = (record.get("iso3") or "").strip().upper()
    if len(iso3) != 3 or not iso3.isalpha():
        raise RegistryFileError(
            f"{where}, column iso3: {iso3!r} is not an ISO 3166 alpha-3 code"
        )
    values: dict[str, object] = {}
    for column, name in COLUMN_FIELDS.items():
        if column not in columns:
            continue
        raw = (record.get(column) or "").strip()
        try:
            if name in STATUS_DETAIL_FIELDS:
                status, detail = _parse_status(name, raw)
                values[name] = status
                values[STATUS_DETAIL_FIELDS[name]] = detail
            else:
                values[name] = _parse_value(name, raw)
        except ValueError as exc:
            raise RegistryFileError(f"{where}, column {column}: {exc}") from None
    for name in ("name_en", "name_fr"):
        if not values.get(name):
            raise RegistryFileError(f"{where}: {iso3} has no {name}")
    return StateRow(iso3=iso3, values=values)


def _parse_value(name: str, raw: str) -> object:
    if name in PARTIAL_DATE_FIELDS:
        return dates.normalise(raw)
    if name in DAY_FIELDS:
        if raw == "":
            return None
        try:
            return dt.date.fromisoformat(raw)
        except ValueError:
            raise ValueError(
                f"{raw!r} is not a date; write YYYY-MM-DD or leave it empty"
            ) from None
    if name == "consent_method":
        return raw.lower() or "unknown"
    return raw


def _parse_status(name: str, raw: str) -> tuple[str, str]:
    """("completed", "2017") from "completed (2017)"; ("none", "no stockpile declared")
    from "none (no stockpile declared)"; a free text starting with "no" is Article 4's
    "none" with the whole text kept as its detail."""
    allowed = ARTICLE5_VALUES if name == "article5_status" else ARTICLE4_VALUES
    text = raw.strip()
    if text == "":
        return "unknown", ""
    match = _QUALIFIED.match(text.lower())
    if match and match["word"] in allowed:
        detail = text[text.index("(") + 1 : -1].strip() if match["detail"] else ""
        return match["word"], detail
    first = text.split(" ", 1)[0].lower()
    if first in allowed and first != "unknown":
        return first, text
    if name == "article4_status" and first == "no":
        return "none", text
    raise ValueError(
        f"{raw!r}; start with one of {', '.join(sorted(allowed))}, optionally followed "
        "by a qualification in brackets, e.g. 'completed (2017)'"
    )


def compare(
    current: dict[str, dict[str, object]], rows: list[StateRow]
) -> RegistryDiff:
    """What applying `rows` would change in `current` (iso3 -> field values)."""
    diff = RegistryDiff()
    for row in rows:
        existing = current.get(row.iso3)
        if existing is None:
            diff.added.append(row)
            continue
        changes = [
            FieldChange(name, existing.get(name), new)
            for name, new in row.values.items()
            # An empty Spanish name in the file never erases the one we have.
            if existing.get(name) != new and not (name == "name_es" and new == "")
        ]
        if changes:
            diff.changed[row.iso3] = changes
    diff.in_file = {row.iso3 for row in rows}
    diff.missing = sorted(iso3 for iso3 in current if iso3 not in diff.in_file)
    return diff


def fills_only(diff: RegistryDiff) -> RegistryDiff:
    """The part of a diff that adds knowledge without overwriting anything known.

    Kept: a value that was unknown (or empty text, or an empty qualification); a partial
    date the file makes precise ("2030" -> "2030-12-31"); notes and sources the file
    extends; the confidence note of a State with any such change. Everything else (a
    value the support unit may have edited) is left out: `casework states import` shows it.
    """
    kept: dict[str, list[FieldChange]] = {}
    for iso3, changes in diff.changed.items():
        fills = [change for change in changes if _is_fill(change)]
        if fills:
            fills.extend(
                c for c in changes if c.field == "confidence" and c not in fills
            )
            kept[iso3] = fills
    return RegistryDiff(
        added=list(diff.added),
        changed=kept,
        missing=list(diff.missing),
        in_file=set(diff.in_file),
    )


def _is_fill(change: FieldChange) -> bool:
    old, new = change.old, change.new
    if old is None or old == dates.UNKNOWN:
        return new is not None
    if not isinstance(old, str) or not isinstance(new, str):
        return False
    if change.field in PARTIAL_DATE_FIELDS:
        return dates.is_known(old) and new.startswith(old) and len(new) > len(old)
    if change.field in TEXT_FIELDS or change.field in STATUS_DETAIL_FIELDS.values():
        return new.startswith(old)
    if change.field == "name_es":
        return old == ""
    return False


def describe(diff: RegistryDiff) -> list[str]:
    """Human-readable lines, one per added State or changed field."""
    lines = [f"+ {row.iso3} {row.values.get('name_en', '')}" for row in diff.added]
    for iso3, changes in sorted(diff.changed.items()):
        lines.extend(f"~ {iso3} {c.field}: {c.old!s} -> {c.new!s}" for c in changes)
    lines.extend(
        f"? {iso3} is in the registry but not in the file (kept; edit it in the admin)"
        for iso3 in diff.missing
    )
    return lines
