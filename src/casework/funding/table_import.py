"""CSV/XLSX imports with published templates: contributions and exchange rates.

Every row is checked on its own; a bad row gets a message naming its row number and
column, and the good rows are still imported. Numbers are read by the one parser
(`domain.locale.parse_number`) with the file's decimal mark (`decimal_mark.py`): "823,4"
is 823.4 in a decimal-comma file, "1 593 487" is read in any file, and a cell such as
"1,234" that the file does not settle is refused with its row, never guessed.

Files are read as streams (`open_table`): a CSV a line at a time in its encoding (BOM,
UTF-8, else charset-normalizer), a workbook's first sheet by openpyxl's read-only mode,
both counted against the safe-open limits. The worker reads uploaded contribution tables
this way (`importing.run_table_batch`); `parse_contributions` and `parse_rates` read a
small file in memory with the same steps.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import io
import itertools
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from typing import IO, Final, Generic, TypeVar
from urllib.parse import quote

from django.db.models import TextChoices
from django.utils.translation import gettext as _

from casework.documents.safe_open import (
    MB,
    Budget,
    FileRefused,
    Limits,
    check_size,
    check_zip,
    csv_rows,
    open_xlsx,
    read_csv,
    xlsx_rows,
)
from casework.domain.locale import NumberFormatError
from casework.funding.decimal_mark import DecimalMark, decide, shown_by
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


# Contribution tables are read in the worker (importing.run_table_batch), streamed, so the
# row cap is the safe-open one, not the request timeout's. A workbook's sheet is streamed
# by openpyxl's read-only mode, so the XML limit covers the whole unpacked size; the shared
# strings (read whole into memory) keep the ordinary XML limit (SHARED_STRINGS_BYTES).
IMPORT_LIMITS = Limits(
    rows=200_000, cells=200_000 * 40, xml_bytes=Limits().unpacked_bytes
)
SHARED_STRINGS_BYTES = Limits().xml_bytes
# Exchange rates are still read in the web request (a few hundred rows): 5,000 at most.
WEB_LIMITS = Limits(rows=5_000, cells=5_000 * 40)
# How often (in rows) a reader reports how far it has got in the file.
PROGRESS_ROWS = 1_000


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
    header: list[str] = field(default_factory=list)


@dataclass
class TableStream:
    """A file being read: its header, then its non-blank rows (numbered as in the
    spreadsheet, header = row 1), streamed within the file's limits."""

    header: list[str]
    rows: Iterator[tuple[int, Row]]
    delimiter: str | None = None
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


def _delimiter(header: str) -> str:
    """The column separator of a CSV, from its header line: ',', ';' or a tab."""
    header = header.split("\n", 1)[0]
    return max((",", ";", "\t"), key=header.count) if header else ","


# A BOM tells the encoding (UTF-32 before UTF-16: its BOM starts with UTF-16's).
_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def _csv_encoding(
    handle: IO[bytes], *, filename: str, limits: Limits
) -> tuple[str, str]:
    """(codec, note): by the BOM, else UTF-8 when every byte is, else charset-normalizer
    (through `safe_open.read_csv`, the one guess). The file is checked in chunks: only a
    file that is not UTF-8 is read whole (within the size limit)."""
    handle.seek(0)
    head = handle.read(4)
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return encoding, ""
    handle.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")()
    try:
        while chunk := handle.read(1 << 20):
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
        return "utf-8", ""
    except UnicodeDecodeError:
        pass
    handle.seek(0)
    read = read_csv(handle.read(), filename=filename, limits=limits)
    return read.encoding, read.note(filename)


def _keyed(
    header: list[str], values: Iterator[list[Cell]]
) -> Iterator[tuple[int, Row]]:
    for number, row in enumerate(values, start=2):
        if any(cell != "" for cell in row):
            yield number, dict(zip(header, row, strict=False))


def _header(first: list[Cell] | None, *, filename: str) -> list[str]:
    if first is None:
        raise TableError(_("%(file)s: the file is empty.") % {"file": filename})
    return [_text(name).lower() for name in first]


@contextmanager
def _open_csv(
    handle: IO[bytes],
    *,
    filename: str,
    limits: Limits,
    on_progress: Callable[[int], None] | None,
) -> Iterator[TableStream]:
    try:
        check_size(_size(handle), filename=filename, limits=limits)
        encoding, note = _csv_encoding(handle, filename=filename, limits=limits)
    except FileRefused as exc:
        raise TableError(str(exc)) from exc
    handle.seek(0)
    text = io.TextIOWrapper(handle, encoding=encoding, newline="")
    budget = Budget(filename, limits)
    try:
        first_line = text.readline()
        delimiter = _delimiter(first_line)
        lines = itertools.chain([first_line], text)

        def records() -> Iterator[list[Cell]]:
            try:
                rows = csv_rows(lines, budget, delimiter=delimiter, encoding=encoding)
                for row in rows:
                    if on_progress and budget.rows % PROGRESS_ROWS == 0:
                        on_progress(text.buffer.tell())
                    yield [cell.strip() for cell in row]
            except FileRefused as exc:
                raise TableError(str(exc)) from exc

        values = records()
        header = _header(next(values, None), filename=filename)
        yield TableStream(header, _keyed(header, values), delimiter, note)
    finally:
        text.detach()  # the caller closes its file


def _check_shared_strings(handle: IO[bytes], *, filename: str, limits: Limits) -> None:
    """openpyxl reads a workbook's shared strings whole: they keep the XML limit."""
    with check_zip(handle, filename=filename, limits=limits) as archive:
        size = sum(
            member.file_size
            for member in archive.infolist()
            if member.filename.lower().endswith("sharedstrings.xml")
        )
    if size > SHARED_STRINGS_BYTES:
        raise FileRefused(
            _(
                "%(name)s holds %(size)d MB of text cells (shared strings), over the "
                "%(limit)d MB limit; split it into smaller files or save it as CSV."
            )
            % {
                "name": filename,
                "size": size // MB,
                "limit": SHARED_STRINGS_BYTES // MB,
            },
            limit="xml",
        )


@contextmanager
def _open_xlsx(
    handle: IO[bytes],
    *,
    filename: str,
    limits: Limits,
    on_progress: Callable[[int], None] | None,
) -> Iterator[TableStream]:
    try:
        _check_shared_strings(handle, filename=filename, limits=limits)
        workbook = open_xlsx(handle, filename=filename, limits=limits)
    except FileRefused as exc:
        raise TableError(str(exc)) from exc
    budget = Budget(filename, limits)
    try:
        if not workbook.worksheets:
            raise TableError(_("%(file)s: the file is empty.") % {"file": filename})
        sheet = workbook.worksheets[0]

        def records() -> Iterator[list[Cell]]:
            rows = xlsx_rows(sheet, budget)
            while True:
                try:
                    row = next(rows)
                except StopIteration:
                    return
                except FileRefused as exc:
                    raise TableError(str(exc)) from exc
                except (
                    Exception
                ) as exc:  # openpyxl raises many kinds on a damaged sheet
                    raise TableError(
                        _(
                            "%(name)s, sheet %(sheet)s, after row %(row)d: the sheet "
                            "cannot be read (%(error)s); save it again as .xlsx."
                        )
                        % {
                            "name": filename,
                            "sheet": sheet.title,
                            "row": budget.rows,
                            "error": type(exc).__name__,
                        }
                    ) from exc
                if on_progress and budget.rows % PROGRESS_ROWS == 0:
                    on_progress(handle.tell())
                yield [_workbook_cell(cell) for cell in row]

        values = records()
        header = _header(next(values, None), filename=filename)
        yield TableStream(header, _keyed(header, values))
    finally:
        workbook.close()


def _size(handle: IO[bytes]) -> int:
    position = handle.tell()
    size = handle.seek(0, io.SEEK_END)
    handle.seek(position)
    return size


@contextmanager
def open_table(
    handle: IO[bytes],
    *,
    filename: str,
    limits: Limits = IMPORT_LIMITS,
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[TableStream]:
    """A CSV or XLSX file (a seekable binary file) read as a stream of rows.

    The file is opened by `documents.safe_open` within its limits (size, unpacked size,
    rows, cells); a file over one, or unreadable half-way, raises `TableError` with a
    message naming the file, the limit or the line, and what to do. `on_progress` gets
    the bytes read so far, every PROGRESS_ROWS rows.
    """
    name = filename.lower()
    if name.endswith(".xlsx"):
        opener = _open_xlsx
    elif name.endswith(".csv"):
        opener = _open_csv
    else:
        raise TableError(
            _("%(file)s: upload a .csv or .xlsx file made from the template.")
            % {"file": filename}
        )
    with opener(
        handle, filename=filename, limits=limits, on_progress=on_progress
    ) as table:
        yield table


def read_table(data: bytes, *, filename: str, limits: Limits = WEB_LIMITS) -> Table:
    """The rows of a small CSV or XLSX file in memory; blank rows are left out, numbering
    kept (see `open_table`)."""
    with open_table(io.BytesIO(data), filename=filename, limits=limits) as stream:
        rows = list(stream.rows)
    return Table(
        rows=rows, delimiter=stream.delimiter, note=stream.note, header=stream.header
    )


def check_columns(header: list[str], *, filename: str) -> None:
    """Refuse a contributions file without the template's required columns."""
    missing = REQUIRED - set(header)
    if missing:
        raise TableError(
            _(
                "%(file)s: columns missing: %(columns)s; start from the published "
                "template."
            )
            % {"file": filename, "columns": ", ".join(sorted(missing))}
        )


class MarkEvidence:
    """The number cells that show a file's decimal mark, seen row by row (a streamed
    file is read once before any row is parsed), then `decide`d as `decimal_mark` says."""

    def __init__(self, columns: tuple[str, ...]) -> None:
        self.columns = columns
        self.examples: dict[str, str] = {}

    def see(self, row: Row) -> None:
        if len(self.examples) == 2:
            return  # both marks shown: nothing more to learn
        for name in self.columns:
            value = row.get(name, "")
            if isinstance(value, str) and value:
                mark = shown_by(value)
                if mark is not None:
                    self.examples.setdefault(mark, value)

    def decide(self, *, chosen: str, delimiter: str | None) -> DecimalMark:
        return decide(self.examples.values(), chosen=chosen, delimiter=delimiter)


def _text(value: Cell) -> str:
    if isinstance(value, Decimal):
        return str(int(value)) if value == value.to_integral_value() else f"{value:f}"
    return value.strip()


@functools.cache
def _values(choices: type[TextChoices]) -> frozenset[str]:
    # Django builds `choices.values` anew on every call: once a cell, 200,000 rows a file.
    return frozenset(choices.values)


def _choice(value: str, choices: type[TextChoices], default: str | None) -> str:
    value = value.strip().lower().replace(" ", "_")
    if not value and default is not None:
        return default
    if value in _values(choices):
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
    data: bytes,
    *,
    filename: str,
    publish: bool = False,
    decimal_mark: str = "",
    limits: Limits = IMPORT_LIMITS,
) -> ParsedTable[ContributionRow]:
    """Contribution rows of a file in memory; `decimal_mark` ("." or ",") as chosen, ""
    to find it in the file. The worker reads uploads as a stream instead
    (`importing.run_table_batch`), with the same steps."""
    parsed: ParsedTable[ContributionRow] = ParsedTable()
    table = read_table(data, filename=filename, limits=limits)
    check_columns(table.header, filename=filename)
    evidence = MarkEvidence(("amount",))
    for _row_number, raw in table.rows:
        evidence.see(raw)
    mark = evidence.decide(chosen=decimal_mark, delimiter=table.delimiter)
    parsed.notes.extend(notes_of(filename, note=table.note, mark=mark))
    ranks: dict[str, int] = {}
    for number, raw in table.rows:
        try:
            parsed.rows.append(
                _contribution_row(raw, mark=mark, publish=publish, ranks=ranks)
            )
        except RowErrors as exc:
            parsed.skipped += 1
            parsed.messages.extend(row_messages(number, exc))
    return parsed


def notes_of(filename: str, *, note: str, mark: DecimalMark) -> list[tuple[str, str]]:
    """How the file was read (its encoding when guessed, its decimal mark)."""
    return [*([(filename, note)] if note else []), _note(filename, mark)]


def row_messages(number: int, errors: RowErrors) -> list[tuple[str, str]]:
    where = _("row %(row)d") % {"row": number}
    return [(where, error) for error in errors.errors]


def contribution_row(
    raw: Row, *, mark: DecimalMark, publish: bool, ranks: dict[str, int]
) -> ContributionRow:
    """One row of the template read with the file's mark; `RowErrors` names each column
    in error. `ranks` (one per file) tells apart rows alike but for the amount."""
    return _contribution_row(raw, mark=mark, publish=publish, ranks=ranks)


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
