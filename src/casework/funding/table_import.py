"""CSV/XLSX imports with published templates: contributions and exchange rates.

Every row is checked on its own; a bad row gets a message naming its row number and
column, and the good rows are still imported. Numbers are read by the one parser
(`domain.locale.parse_number`) with the file's decimal mark (`decimal_mark.py`): "823,4"
is 823.4 in a decimal-comma file, "1 593 487" is read in any file, and a cell such as
"1,234" that the file does not settle is refused with its row, never guessed.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Generic, TypeVar
from urllib.parse import quote

from django.db.models import TextChoices

from casework.documents.safe_open import (
    Budget,
    FileRefused,
    Limits,
    csv_rows,
    open_xlsx,
    read_csv,
    xlsx_rows,
)
from casework.domain.locale import NumberFormatError
from casework.funding.decimal_mark import DecimalMark, decide
from casework.funding.models import Channel, DonorKind, Sector, Source, Status
from casework.funding.services import ContributionRow

CONTRIBUTION_COLUMNS = (
    "donor",
    "donor_kind",
    "donor_iso3",
    "recipient_iso3",
    "year",
    "amount",
    "currency",
    "status",
    "sector",
    "channel",
    "source",
    "source_reference",
    "description",
    "date",
    "row_key",
)
CONTRIBUTION_EXAMPLE = (
    "Norway",
    "state",
    "NOR",
    "AGO",
    "2024",
    "1500000",
    "NOK",
    "disbursed",
    "clearance",
    "ngo",
    "article7",
    "Norway Article 7 report 2024, form J",
    "Survey and clearance in Cuando Cubango",
    "2024-05-15",
    "NOR-AGO-2024-1",
)
RATE_COLUMNS = ("currency", "year", "units_per_usd", "source")
RATE_EXAMPLE = ("NOK", "2024", "10.75", "central bank annual average")
REQUIRED = {
    "donor",
    "recipient_iso3",
    "year",
    "amount",
    "currency",
    "status",
    "source",
    "source_reference",
}


# A file is imported inside the web request, ~15 ms a row (duplicate search, conversion):
# 5,000 rows stay well inside the request timeout; a larger file is refused with the limit
# named, to be split (or imported in the worker once imports run there).
IMPORT_LIMITS = Limits(rows=5_000, cells=5_000 * 40)


class TableError(ValueError):
    """The file cannot be read as the template; the message says what to do."""


Cell = str | Decimal  # text as typed, or a number cell of a workbook (never ambiguous)
Row = dict[str, Cell]
T = TypeVar("T")


@dataclass
class Table:
    """The rows of a file keyed by the header (lower-cased), with their row numbers."""

    rows: list[tuple[int, Row]]
    delimiter: str | None = None  # a CSV's column separator; None for a workbook
    # How the file was read when that had to be guessed (a CSV's encoding), or "".
    note: str = ""


@dataclass
class ParsedTable(Generic[T]):
    rows: list[T] = field(default_factory=list)
    skipped: int = 0
    messages: list[tuple[str, str]] = field(default_factory=list)
    # How the file was read (its decimal mark), for the import's messages.
    notes: list[tuple[str, str]] = field(default_factory=list)


def _workbook_cell(value: object) -> Cell:
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    return str(value).strip()


def _delimiter(text: str) -> str:
    """The column separator of a CSV, from its header line: ',', ';' or a tab."""
    header = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=header.count) if header else ","


def read_table(data: bytes, *, filename: str, limits: Limits = IMPORT_LIMITS) -> Table:
    """The rows of a CSV or XLSX file; blank rows are left out, numbering kept.

    The file is opened by `documents.safe_open` within its limits (size, unpacked size,
    rows, cells); a file over one is refused with a message naming the limit.
    """
    delimiter: str | None = None
    note = ""
    budget = Budget(filename, limits)
    try:
        if filename.lower().endswith(".xlsx"):
            workbook = open_xlsx(data, filename=filename, limits=limits)
            try:
                values: list[list[Cell]] = [
                    [_workbook_cell(cell) for cell in row]
                    for row in xlsx_rows(workbook.worksheets[0], budget)
                ]
            finally:
                workbook.close()
        elif filename.lower().endswith(".csv"):
            read = read_csv(data, filename=filename, limits=limits)
            note = read.note(filename)
            delimiter = _delimiter(read.text)
            values = [
                [cell.strip() for cell in row]
                for row in csv_rows(read.text, budget, delimiter=delimiter)
            ]
        else:
            raise TableError(
                f"{filename}: upload a .csv or .xlsx file made from the template"
            )
    except FileRefused as exc:
        raise TableError(str(exc)) from exc
    except (KeyError, IndexError, ValueError, OSError) as exc:  # a damaged sheet part
        raise TableError(f"{filename}: not a readable XLSX file ({exc})") from exc
    if not values:
        raise TableError(f"{filename}: the file is empty")
    header = [str(name).strip().lower() for name in values[0]]
    return Table(
        rows=[
            (number, dict(zip(header, row, strict=False)))
            for number, row in enumerate(values[1:], start=2)
            if any(cell != "" for cell in row)
        ],
        delimiter=delimiter,
        note=note,
    )


def _text(value: Cell) -> str:
    if isinstance(value, Decimal):
        return str(int(value)) if value == value.to_integral_value() else f"{value:f}"
    return value.strip()


def _choice(value: str, choices: type[TextChoices], default: str | None) -> str:
    value = value.strip().lower().replace(" ", "_")
    if not value and default is not None:
        return default
    if value in choices.values:
        return value
    raise ValueError(f"'{value}' is not one of {', '.join(choices.values)}")


def decimal_mark_of(
    table: Table, columns: tuple[str, ...], *, chosen: str
) -> DecimalMark:
    """The file's decimal mark, from the form or from its number cells (see decimal_mark)."""
    cells = (
        value
        for _number, row in table.rows
        for name in columns
        if isinstance(value := row.get(name, ""), str) and value
    )
    return decide(cells, chosen=chosen, delimiter=table.delimiter)


def _number(value: Cell, mark: DecimalMark) -> Decimal:
    if isinstance(value, Decimal):
        return value
    try:
        return mark.read(value)
    except NumberFormatError as exc:
        raise ValueError(str(exc)) from None


def _year(value: str) -> int:
    if not re.fullmatch(r"\d{4}(\.0)?", value):
        raise ValueError(f"'{value}' is not a year")
    year = int(value[:4])
    if not 1990 <= year <= 2100:
        raise ValueError(f"{year} is outside 1990-2100")
    return year


def _field(raw: Row, name: str, parse: Callable[[str], T]) -> T:
    """The column `name` read by `parse`; a ValueError names the column."""
    try:
        return parse(_text(raw.get(name, "") or ""))
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None


def _number_field(raw: Row, name: str, mark: DecimalMark) -> Decimal:
    try:
        return _number(raw.get(name, "") or "", mark)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None


def _choices(choices: type[TextChoices], default: str | None) -> Callable[[str], str]:
    return lambda value: _choice(value, choices, default)


def _note(filename: str, mark: DecimalMark) -> tuple[str, str]:
    return (filename, mark.reason)


def parse_contributions(
    data: bytes, *, filename: str, publish: bool = False, decimal_mark: str = ""
) -> ParsedTable[ContributionRow]:
    """Contribution rows; `decimal_mark` ("." or ",") as chosen, "" to find it in the file."""
    parsed: ParsedTable[ContributionRow] = ParsedTable()
    table = read_table(data, filename=filename)
    if table.rows:
        missing = REQUIRED - set(table.rows[0][1])
        if missing:
            raise TableError(
                f"{filename}: columns missing: {', '.join(sorted(missing))}; "
                "start from the published template"
            )
    mark = decimal_mark_of(table, ("amount",), chosen=decimal_mark)
    if table.note:
        parsed.notes.append((filename, table.note))
    parsed.notes.append(_note(filename, mark))
    ranks: dict[str, int] = {}
    for number, raw in table.rows:
        try:
            parsed.rows.append(
                _contribution_row(raw, mark=mark, publish=publish, ranks=ranks)
            )
        except RowErrors as exc:
            parsed.skipped += 1
            parsed.messages.extend((f"row {number}", error) for error in exc.errors)
    return parsed


def _required(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty")
    return value.strip()


def _iso3(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{3}", value.strip()):
        raise ValueError(f"'{value}' is not an ISO 3166 alpha-3 code")
    return value.strip().upper()


def _currency(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{3}", value.strip()):
        raise ValueError(f"'{value}' is not an ISO 4217 code")
    return value.strip().upper()


def _date(value: str) -> dt.date | None:
    if not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        raise ValueError(f"'{value}' is not a date written 2025-03-31") from None


class RowErrors(ValueError):
    """Every problem of one row, each naming its column."""

    def __init__(self, errors: list[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = errors


def _contribution_row(
    raw: Row, *, mark: DecimalMark, publish: bool, ranks: dict[str, int] | None = None
) -> ContributionRow:
    errors: list[str] = []

    def read(name: str, parse: Callable[[str], T], empty: T) -> T:
        try:
            return _field(raw, name, parse)
        except ValueError as exc:
            errors.append(str(exc))
            return empty

    donor = read("donor", _required, "")
    recipient = read("recipient_iso3", _iso3, "")
    year = read("year", _year, 0)
    try:
        amount = _number_field(raw, "amount", mark)
    except ValueError as exc:
        errors.append(str(exc))
        amount = Decimal(0)
    currency = read("currency", _currency, "")
    status = read("status", _choices(Status, None), "")
    source = read("source", _choices(Source, None), "")
    reference = read("source_reference", _required, "")
    sector = read("sector", _choices(Sector, Sector.UNSPECIFIED), "")
    channel = read("channel", _choices(Channel, Channel.UNKNOWN), "")
    kind = read("donor_kind", _choices(DonorKind, DonorKind.OTHER), "")
    day = read("date", _date, None)
    donor_iso3 = _text(raw.get("donor_iso3", "")).upper()
    if donor_iso3:
        donor_iso3 = read("donor_iso3", _iso3, "")
    if day is not None and year and day.year != year:
        errors.append(f"date: {day.isoformat()} is not in the year {year}")
    if errors:
        raise RowErrors(errors)
    scope = ":".join(["table", source, quote(reference, safe=" ")])
    row_key = _text(raw.get("row_key", ""))
    if row_key:
        identity = "key=" + quote(row_key, safe=" ")
    else:
        # No row key: the row is who, to whom, when and what, never how much, so that a
        # corrected amount is a change of the same row; the rank tells apart two rows
        # alike in all of that.
        identity = ":".join(
            [quote(donor, safe=" "), recipient, str(year), status, sector]
        )
        if day is not None:
            identity += f":{day.isoformat()}"
        if ranks is not None:
            ranks[identity] = ranks.get(identity, 0) + 1
            identity += f"#{ranks[identity]}"
    return ContributionRow(
        natural_key=f"{scope}:{identity}",
        scope=scope,
        donor_name=donor,
        donor_kind=kind,
        donor_iso3=donor_iso3,
        recipient_iso3=recipient,
        year=year,
        date=day,
        amount=amount,
        currency=currency,
        status=status,
        source=source,
        source_reference=reference,
        sector=sector,
        channel=channel,
        description=_text(raw.get("description", "")),
        is_published=publish,
    )


@dataclass(frozen=True, slots=True)
class RateRow:
    currency: str
    year: int
    units_per_usd: Decimal
    source: str


def parse_rates(
    data: bytes, *, filename: str, decimal_mark: str = ""
) -> ParsedTable[RateRow]:
    parsed: ParsedTable[RateRow] = ParsedTable()
    table = read_table(data, filename=filename)
    mark = decimal_mark_of(table, ("units_per_usd",), chosen=decimal_mark)
    if table.note:
        parsed.notes.append((filename, table.note))
    parsed.notes.append(_note(filename, mark))
    for number, raw in table.rows:
        try:
            rate = _number_field(raw, "units_per_usd", mark)
            if rate <= 0:
                raise ValueError("units_per_usd: must be more than 0")
            parsed.rows.append(
                RateRow(
                    currency=_field(raw, "currency", _currency),
                    year=_field(raw, "year", _year),
                    units_per_usd=rate,
                    source=_text(raw.get("source", "")),
                )
            )
        except ValueError as exc:
            parsed.skipped += 1
            parsed.messages.append((f"row {number}", str(exc)))
    return parsed
