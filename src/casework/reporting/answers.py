"""Answers of a report: read from a posted form, carried forward, shown as text."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from casework.domain.languages import normalise
from casework.domain.locale import DECIMAL_MARK, NumberFormatError, parse_number
from casework.reporting.schema import (
    CHOICE,
    FLAGGABLE,
    FORMS,
    TABLE,
    Field,
    Form,
    choice_label,
)

# {form code: {field key: text, or a list of {column key: text} rows}}
Answers = dict[str, dict[str, Any]]

ROW_KEY = re.compile(r"^(?P<form>[A-Z]+)\.(?P<field>\w+)\.(?P<row>\d+)\.(?P<col>\w+)$")
FLAG_VALUES = {"", "unchanged", "not_applicable"}
MAX_TEXT = 20_000


def input_name(
    form: Form, field: Field, row: int | None = None, column: str = ""
) -> str:
    if row is None:
        return f"{form.code}.{field.key}"
    return f"{form.code}.{field.key}.{row}.{column}"


def _clean(value: str) -> str:
    return value.replace("\r\n", "\n").strip()[:MAX_TEXT]


def parse_post(data: Mapping[str, Any], *, forms: tuple[Form, ...] = FORMS) -> Answers:
    """The answers present in a posted form; forms whose inputs were not posted are absent.

    Table rows are ordered by their posted index and rows left entirely blank are dropped.
    """
    answers: Answers = {}
    rows: dict[tuple[str, str], dict[int, dict[str, str]]] = {}
    for name in data:
        match = ROW_KEY.match(name)
        if match:
            key = (match["form"], match["field"])
            rows.setdefault(key, {}).setdefault(int(match["row"]), {})[match["col"]] = (
                _clean(data.get(name, ""))
            )
    for form in forms:
        posted = f"{form.code}.__present" in data
        if not posted:
            continue
        values: dict[str, Any] = {}
        for field in form.fields:
            if field.kind == TABLE:
                by_index = rows.get((form.code, field.key), {})
                table = []
                for index in sorted(by_index):
                    row = {c.key: by_index[index].get(c.key, "") for c in field.columns}
                    if any(row.values()):
                        table.append(row)
                values[field.key] = table
            else:
                values[field.key] = _clean(str(data.get(input_name(form, field), "")))
        answers[form.code] = values
    return answers


def parse_flags(data: Mapping[str, Any]) -> dict[str, str]:
    """Posted per-form flags (only the forms whose flag input was posted)."""
    flags = {}
    for code in FLAGGABLE:
        value = data.get(f"flag.{code}")
        if value is not None and value in FLAG_VALUES:
            flags[code] = value
    return flags


def is_filled(value: Any) -> bool:
    if isinstance(value, list):
        return bool(value)
    return bool(str(value or "").strip())


def form_is_empty(answers: dict[str, Any]) -> bool:
    return not any(is_filled(v) for v in answers.values())


def value_text(field: Field, value: Any) -> str:
    """An answer as one line of readable text (choices by label)."""
    if field.kind == CHOICE:
        return choice_label(field.choices, value) if value else ""
    return str(value or "")


def row_text(field: Field, row: dict[str, str]) -> str:
    """A table row as a sentence-like line: 'Donor: Japan; Amount: 1000; …'."""
    parts = []
    for column in field.columns:
        value = row.get(column.key, "")
        if value:
            shown = (
                choice_label(column.choices, value) if column.kind == CHOICE else value
            )
            parts.append(f"{column.label}: {shown}")
    return "; ".join(parts)


def filled_fields(report_answers: Answers, form: Form) -> list[tuple[Field, Any]]:
    values = report_answers.get(form.code, {})
    return [(f, values.get(f.key)) for f in form.fields if is_filled(values.get(f.key))]


# --- numbers and dates as answers keep them ------------------------------------------
# A number is kept as typed in the report's language of entry ("823,4" in a French
# report) and read with `domain.locale.parse_number` in that language: the one parser.


def read_number(text: str, language: str) -> Decimal:
    """A typed number read in the report's language; NumberFormatError when it is not one."""
    return parse_number(text, language=normalise(language))


def number_or_none(text: str, language: str) -> Decimal | None:
    try:
        return read_number(text, language)
    except NumberFormatError:
        return None


def number_answer(value: Decimal | int | float, language: str) -> str:
    """How a number is kept in a report entered in `language`: its digits and the
    language's decimal mark, no thousands separator ("1250000", "823,4")."""
    number = value if isinstance(value, Decimal) else Decimal(str(value))
    text = format(number, "f")
    if "." in text and float(number).is_integer() and not isinstance(value, Decimal):
        text = text.split(".")[0]  # 250000.0 read from a spreadsheet cell
    return text.replace(".", DECIMAL_MARK[normalise(language)])


def date_or_none(text: str) -> dt.date | None:
    """A date answer (kept as YYYY-MM-DD), or None when it is not a date."""
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        return None
