"""The XLSX/CSV template for an extension request: build it, read it back cell by cell.

The XLSX has one sheet per table (Request, Contamination, WorkPlan, Budget, PastRelease,
Documents). The CSV holds the same tables one after the other: column A names the table,
the rest of the line is the table's row. Every value read keeps the cell it came from
("Budget!C7", or "line 12, column D" for a CSV) so the analysis can cite it, and every
error names that cell and says what to write instead.

Numbers typed as text are read by `casework.domain.locale.parse_number`, the one parser,
with the decimal mark of the template's language (the `language` field of the Request
sheet: "823,4" is 823.4 in a French or Spanish template). A template whose language is
left empty refuses a number that could be read two ways ("1,234") and says what to type.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from casework.documents.safe_open import (
    Budget,
    FileRefused,
    open_xlsx,
    read_csv,
    xlsx_rows,
)
from casework.domain.languages import DEFAULT, LANGUAGES, is_language, normalise
from casework.domain.locale import (
    DECIMAL_MARK,
    AmbiguousNumberError,
    NumberFormatError,
    format_number,
    parse_number,
)
from casework.exports.registry import Row, Sheets
from casework.exports.tables import render_csv, render_xlsx

# Request sheet: field name (column A) -> example value (column B). Order is the template's.
REQUEST_FIELDS: dict[str, str] = {
    "state": "",
    "reference": "",
    "submitted_on": "2026-03-31",
    "current_deadline": "2027-03-01",
    "requested_deadline": "2031-03-01",
    "currency": "USD",
    "total_cost": "",
    "remaining_area_m2": "",
    "past_release_rate_m2": "",
    "resource_mobilisation_plan": "no",
    "risk_education": "",
    "gender_diversity": "",
    "survey_of_remaining_areas": "no",
    # Last, so that the other fields keep their cells (Request!B2 is the State).
    "language": DEFAULT,
}
TABLES: dict[str, tuple[str, ...]] = {
    "Contamination": ("region", "confirmed_m2", "suspected_m2"),
    "WorkPlan": ("year", "cancel_m2", "reduce_m2", "clear_m2", "teams", "milestones"),
    "Budget": ("year", "total", "national", "secured", "sought", "currency"),
    "PastRelease": ("year", "released_m2", "cost"),
    "Documents": ("title", "reference"),
}
# Columns that must hold whole numbers, amounts, or a year.
AREA_COLUMNS = {
    "confirmed_m2",
    "suspected_m2",
    "cancel_m2",
    "reduce_m2",
    "clear_m2",
    "released_m2",
}
INTEGER_COLUMNS = {*AREA_COLUMNS, "teams", "remaining_area_m2", "past_release_rate_m2"}
AMOUNT_COLUMNS = {"total", "national", "secured", "sought", "cost", "total_cost"}
DATE_FIELDS = {"submitted_on", "current_deadline", "requested_deadline"}
BOOLEAN_FIELDS = {"resource_mobilisation_plan", "survey_of_remaining_areas"}
YES = {"yes", "y", "oui", "sí", "si", "true", "1", "x"}
NO = {"no", "n", "non", "false", "0", ""}


class TemplateError(ValueError):
    """The file cannot be read at all (not an XLSX/CSV, or a table is missing)."""


@dataclass(frozen=True, slots=True)
class CellError:
    cell: str
    message: str

    def __str__(self) -> str:
        return f"{self.cell}: {self.message}"


@dataclass(slots=True)
class ParsedRow:
    values: dict[str, object]
    cells: dict[str, str]


@dataclass(slots=True)
class ParsedRequest:
    fields: dict[str, object] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)
    tables: dict[str, list[ParsedRow]] = field(default_factory=dict)
    errors: list[CellError] = field(default_factory=list)
    # The decimal mark of the numbers typed as text ("." or ","), from the template's
    # language; None when the language is left empty (an ambiguous number is refused).
    decimal: str | None = None


@dataclass(frozen=True, slots=True)
class Cell:
    """Where a value was read: "Budget!C7" in a workbook, "line 12, column D" in a CSV."""

    sheet: str
    row: int
    column: str
    csv: bool = False

    def __str__(self) -> str:
        if self.csv:
            return _("line %(line)d, column %(column)s") % {
                "line": self.row,
                "column": self.column,
            }
        return f"{self.sheet}!{self.column}{self.row}"

    def described(self) -> str:
        """The place in words, for messages: "sheet Budget, row 7, column C"."""
        place = {"sheet": self.sheet, "row": self.row, "column": self.column}
        if self.csv:
            return _("table %(sheet)s, line %(row)d, column %(column)s") % place
        return _("sheet %(sheet)s, row %(row)d, column %(column)s") % place


# --- writing the template -------------------------------------------------------------

REQUEST_HEADER = ("field", "value", "explanation")


def _request_rows(language: str) -> list[Row]:
    examples = dict(REQUEST_FIELDS, language=language)
    return [(name, examples[name], str(FIELD_HELP[name])) for name in REQUEST_FIELDS]


def template_sheets(language: str = DEFAULT) -> Sheets:
    """The empty template: the Request sheet's fields, then one sheet per table.

    `language` is written into the Request sheet: it gives the decimal mark with which
    the numbers typed into the file are read back.
    """
    sheets: Sheets = {"Request": (REQUEST_HEADER, _request_rows(language))}
    for title, columns in TABLES.items():
        sheets[title] = (columns, [])
    return sheets


def template_csv_table(language: str = DEFAULT) -> tuple[Row, list[Row]]:
    """The same template as one CSV table (header, rows): column A names the table."""
    rows: list[Row] = [("Request", *row) for row in _request_rows(language)]
    rows += [(title, *columns) for title, columns in TABLES.items()]
    return ("Request", *REQUEST_HEADER), rows


def build_template_xlsx(language: str = DEFAULT) -> bytes:
    return render_xlsx(template_sheets(language))


def build_template_csv(language: str = DEFAULT) -> bytes:
    return render_csv(*template_csv_table(language))


def filled_template_xlsx(
    fields: dict[str, object], tables: dict[str, list[tuple[object, ...]]]
) -> bytes:
    """The template with values filled in (for the demo, tests, and scripted imports)."""
    language = str(fields.get("language") or DEFAULT)
    sheets = template_sheets(language if is_language(language) else DEFAULT)
    header, rows = sheets["Request"]
    sheets["Request"] = (
        header,
        [
            (name, fields[str(name)] if name in fields else value, help_text)
            for name, value, help_text in rows
        ],
    )
    for title, extra in tables.items():
        columns, existing = sheets[title]
        sheets[title] = (columns, [*existing, *extra])
    return render_xlsx(sheets)


FIELD_HELP = {
    "state": gettext_lazy("ISO 3166 alpha-3 code of the requesting State, e.g. SEN"),
    "reference": gettext_lazy("symbol or short name of the request"),
    "submitted_on": gettext_lazy("date the request was submitted, YYYY-MM-DD"),
    "current_deadline": gettext_lazy("current Article 5 deadline, YYYY-MM-DD"),
    "requested_deadline": gettext_lazy("requested new deadline, YYYY-MM-DD"),
    "currency": gettext_lazy("ISO 4217 code used in the Budget sheet, e.g. USD"),
    "total_cost": gettext_lazy("total cost of the plan as stated in the request"),
    "remaining_area_m2": gettext_lazy(
        "total remaining contaminated area as stated (m²)"
    ),
    "past_release_rate_m2": gettext_lazy(
        "area released per year so far, if no PastRelease rows (m²)"
    ),
    "resource_mobilisation_plan": gettext_lazy(
        "yes if a resource-mobilisation plan is attached"
    ),
    "risk_education": gettext_lazy("risk education provisions (text; empty if none)"),
    "gender_diversity": gettext_lazy(
        "gender and diversity provisions (text; empty if none)"
    ),
    "survey_of_remaining_areas": gettext_lazy(
        "yes if the request describes a survey of remaining areas"
    ),
    "language": gettext_lazy(
        "language of the numbers typed in this file: en (1,234.5), fr or es (1 234,5); "
        "left empty, a number such as 1,234 is refused"
    ),
}


# --- reading a filled template ----------------------------------------------------------

Grid = list[tuple[list[object], Callable[[int], Cell]]]


def _no_progress(percent: int) -> None:
    return None


def read_template(
    data: bytes, filename: str, *, progress: Callable[[int], None] = _no_progress
) -> ParsedRequest:
    """Read an XLSX or CSV template; values that cannot be read become `errors`. The
    worker reads it (`extensions.import_jobs`), telling `progress` how far it got."""
    if filename.lower().endswith(".csv"):
        grids = _csv_grids(data, filename)
    elif filename.lower().endswith(".xlsx"):
        grids = _xlsx_grids(data, filename, progress)
    else:
        raise TemplateError(
            _("%(name)s: upload the template as .xlsx or .csv.") % {"name": filename}
        )
    parsed = ParsedRequest()
    if "Request" not in grids:
        raise TemplateError(
            _(
                "%(name)s has no Request table; start from the template on the list page."
            )
            % {"name": filename}
        )
    progress(80)
    _read_language(grids["Request"], parsed)
    _read_request(grids["Request"], parsed)
    for title, columns in TABLES.items():
        parsed.tables[title] = _read_table(title, grids.get(title, []), columns, parsed)
    return parsed


def _xlsx_grids(
    data: bytes,
    filename: str = "template.xlsx",
    progress: Callable[[int], None] = _no_progress,
) -> dict[str, Grid]:
    """Every sheet's rows, opened and streamed within the safe-open limits (a zip bomb
    or a workbook of too many rows or cells is a `TemplateError` naming the limit)."""
    try:
        workbook = open_xlsx(data, filename=filename)
    except FileRefused as exc:
        raise TemplateError(str(exc)) from exc
    budget = Budget(filename)
    grids: dict[str, Grid] = {}
    try:
        sheets = max(1, len(workbook.worksheets))
        for done, sheet in enumerate(workbook.worksheets):
            progress(75 * done // sheets)
            rows: Grid = []
            for number, row in enumerate(xlsx_rows(sheet, budget), start=1):

                def ref(
                    column: int, _sheet: str = sheet.title, _row: int = number
                ) -> Cell:
                    return Cell(_sheet, _row, get_column_letter(column + 1))

                rows.append((list(row), ref))
            grids[sheet.title] = rows
    except FileRefused as exc:
        raise TemplateError(str(exc)) from exc
    except (KeyError, ValueError, OSError, EOFError) as exc:  # a damaged sheet part
        raise TemplateError(
            _("%(name)s: a sheet cannot be read (%(error)s); save it again as .xlsx.")
            % {"name": filename, "error": type(exc).__name__}
        ) from exc
    finally:
        workbook.close()
    return grids


def _csv_grids(data: bytes, filename: str = "template.csv") -> dict[str, Grid]:
    """The CSV's tables, read within the safe-open limits. A BOM (UTF-8, UTF-16) or
    valid UTF-8 tells the encoding; a file whose encoding would have to be guessed is
    refused, since a wrong guess would store wrong letters in a State's record."""
    try:
        decoded = read_csv(data, filename=filename)
    except FileRefused as exc:
        raise TemplateError(str(exc)) from exc
    if decoded.guessed:
        raise TemplateError(
            _(
                "%(name)s is not UTF-8 (it looks like %(encoding)s); save it as "
                "“CSV UTF-8” and upload again."
            )
            % {"name": filename, "encoding": decoded.encoding}
        )
    text = decoded.text
    dialect: type[csv.Dialect] | csv.Dialect = csv.excel
    if text.strip():
        try:
            dialect = csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
    budget = Budget(filename)
    grids: dict[str, Grid] = {}
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        for number, row in enumerate(reader, start=1):
            budget.count(len(row))
            if not row or not row[0].strip():
                continue
            table = row[0].strip()

            def ref(column: int, _row: int = number, _table: str = table) -> Cell:
                return Cell(_table, _row, get_column_letter(column + 2), csv=True)

            grids.setdefault(table, []).append((list(row[1:]), ref))
    except FileRefused as exc:
        raise TemplateError(str(exc)) from exc
    except csv.Error as exc:  # a field over csv's size limit, a NUL byte
        raise TemplateError(
            _(
                "%(name)s, line %(line)d cannot be read as CSV (%(error)s); save "
                "the file again as CSV UTF-8."
            )
            % {"name": filename, "line": reader.line_num, "error": exc}
        ) from exc
    return grids


def _read_language(grid: Grid, parsed: ParsedRequest) -> None:
    """The template's language, read first: it decides how the numbers are read."""
    for values, ref in grid[1:]:
        if not values or str(values[0] or "").strip() != "language":
            continue
        raw = str(values[1] if len(values) > 1 and values[1] is not None else "")
        code = raw.strip().lower()
        parsed.cells["language"] = str(ref(1))
        if not code:
            return
        if not is_language(code):
            parsed.errors.append(
                CellError(
                    str(ref(1)),
                    _(
                        "“%(value)s” is not a language of the template; write one of "
                        "%(languages)s, or leave it empty."
                    )
                    % {"value": raw, "languages": ", ".join(LANGUAGES)},
                )
            )
            return
        parsed.fields["language"] = code
        parsed.decimal = DECIMAL_MARK[code]
        return


def _read_request(grid: Grid, parsed: ParsedRequest) -> None:
    for values, ref in grid[1:]:
        name = str(values[0] or "").strip() if values else ""
        if not name or name == "language":
            continue
        if name not in REQUEST_FIELDS:
            parsed.errors.append(
                CellError(str(ref(0)), _("unknown field “%(name)s”.") % {"name": name})
            )
            continue
        raw = values[1] if len(values) > 1 else None
        parsed.cells[name] = str(ref(1))
        value = _convert(name, raw, ref(1), parsed)
        if value is not None:
            parsed.fields[name] = value
    if not parsed.fields.get("state"):
        where = parsed.cells.get("state", "Request!B2")
        parsed.errors.append(
            CellError(where, _("the State is missing; write its ISO code, e.g. SEN."))
        )


def _read_table(
    title: str, grid: Grid, columns: tuple[str, ...], parsed: ParsedRequest
) -> list[ParsedRow]:
    if not grid:
        return []
    header = [str(v or "").strip().lower() for v in grid[0][0]]
    positions = {}
    for name in columns:
        if name in header:
            positions[name] = header.index(name)
        else:
            parsed.errors.append(
                CellError(
                    str(grid[0][1](len(header))),
                    _("column “%(name)s” is missing from the header row.")
                    % {"name": name},
                )
            )
    rows = []
    for values, ref in grid[1:]:
        if all(v in (None, "") for v in values):
            continue
        row = ParsedRow(values={}, cells={})
        for name, index in positions.items():
            raw = values[index] if index < len(values) else None
            row.cells[name] = str(ref(index))
            row.values[name] = _convert(name, raw, ref(index), parsed)
        first = columns[0]
        if row.values.get(first) in (None, ""):
            parsed.errors.append(
                CellError(
                    str(ref(positions.get(first, 0))),
                    _("%(name)s is missing.") % {"name": first},
                )
            )
        rows.append(row)
    return rows


def _convert(name: str, raw: object, cell: Cell, parsed: ParsedRequest) -> object:
    try:
        return _value(name, raw, cell=cell, decimal=parsed.decimal)
    except ValueError as exc:
        parsed.errors.append(CellError(str(cell), str(exc)))
        return None


def _value(name: str, raw: object, *, cell: Cell, decimal: str | None) -> object:
    if isinstance(raw, str):
        raw = raw.strip()
    if name in BOOLEAN_FIELDS:
        text = str(raw if raw is not None else "").lower()
        if text in YES:
            return True
        if text in NO:
            return False
        raise ValueError(_("“%(value)s” is not yes or no.") % {"value": raw})
    if raw in (None, ""):
        return None
    if name in DATE_FIELDS:
        return _date(raw)
    if name == "year":
        number = _integer(raw, cell=cell, decimal=decimal)
        if not 1999 <= number <= 2100:
            raise ValueError(
                _("%(value)s is not a year between 1999 and 2100.") % {"value": raw}
            )
        return number
    if name in INTEGER_COLUMNS:
        return _integer(raw, cell=cell, decimal=decimal)
    if name in AMOUNT_COLUMNS:
        return _amount(raw, cell=cell, decimal=decimal)
    if name in ("currency",):
        text = str(raw).upper()
        if not re.fullmatch(r"[A-Z]{3}", text):
            raise ValueError(
                _("“%(value)s” is not a three-letter currency code such as USD or EUR.")
                % {"value": raw}
            )
        return text
    if name == "state":
        return str(raw).upper()
    return str(raw)


def _ambiguous(raw: str, cell: Cell) -> ValueError:
    """The two readings of "1,234", where it is, and what to type instead."""
    ui = normalise(get_language())
    whole = parse_number(raw, decimal="," if "." in raw else ".")
    fraction = parse_number(raw, decimal="." if "." in raw else ",")
    return ValueError(
        _(
            "“%(value)s” (%(where)s) could be the whole number %(whole)s or "
            "%(fraction)s with decimals, and the template's language is empty. Type "
            "%(whole)s without a thousands separator if it is a whole number, or write "
            "en, fr or es in the “language” field of the Request sheet so that the "
            "file's decimal mark is known, and import the file again."
        )
        % {
            "value": raw,
            "where": cell.described(),
            "whole": f"{whole:f}",
            "fraction": format_number(fraction, ui),
        }
    )


def _number(raw: object, *, cell: Cell, decimal: str | None, message: str) -> Decimal:
    """A number cell: a spreadsheet number as it is, typed text through parse_number."""
    if isinstance(raw, bool):
        raise ValueError(message % {"value": raw})
    if isinstance(raw, int | float | Decimal):
        return Decimal(str(raw))
    text = str(raw)
    try:
        return parse_number(text, decimal=decimal)
    except AmbiguousNumberError:
        raise _ambiguous(text, cell) from None
    except NumberFormatError:
        raise ValueError(message % {"value": raw}) from None


def _integer(raw: object, *, cell: Cell, decimal: str | None) -> int:
    message = _("“%(value)s” is not a whole number; write digits only, e.g. 125000.")
    value = _number(raw, cell=cell, decimal=decimal, message=message)
    if value != value.to_integral_value():
        raise ValueError(message % {"value": raw})
    if value < 0:
        raise ValueError(_("%(value)s is negative.") % {"value": raw})
    return int(value)


def _amount(raw: object, *, cell: Cell, decimal: str | None) -> Decimal:
    mark = decimal or "."
    message = _(
        "“%(value)s” is not an amount; write digits only, with “%(mark)s” before any "
        "decimals, e.g. %(example)s."
    ) % {"value": "%(value)s", "mark": mark, "example": f"1250000{mark}50"}
    value = _number(raw, cell=cell, decimal=decimal, message=message)
    if value < 0:
        raise ValueError(_("%(value)s is negative.") % {"value": raw})
    return value.quantize(Decimal("0.01"))


def _date(raw: object) -> dt.date:
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    text = str(raw)
    for pattern in ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    raise ValueError(
        _("“%(value)s” is not a date; write it as YYYY-MM-DD, e.g. 2031-03-01.")
        % {"value": raw}
    )
