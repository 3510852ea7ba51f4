"""The XLSX/CSV template for an extension request: build it, read it back cell by cell.

The XLSX has one sheet per table (Request, Contamination, WorkPlan, Budget, PastRelease,
Documents). The CSV holds the same tables one after the other: column A names the table,
the rest of the line is the table's row. Every value read keeps the cell it came from
("Budget!C7", or "line 12, column D" for a CSV) so the analysis can cite it, and every
error names that cell and says what to write instead.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

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


# --- writing the template -------------------------------------------------------------


def build_template_xlsx() -> bytes:
    """The empty template: one sheet per table, with the Request sheet's fields listed."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Request"
    sheet.append(["field", "value", "explanation"])
    for name, example in REQUEST_FIELDS.items():
        sheet.append([name, example, str(FIELD_HELP[name])])
    sheet.column_dimensions["A"].width = 30
    sheet.column_dimensions["B"].width = 24
    sheet.column_dimensions["C"].width = 70
    for title, columns in TABLES.items():
        table = workbook.create_sheet(title)
        table.append(list(columns))
        for index in range(1, len(columns) + 1):
            table.column_dimensions[get_column_letter(index)].width = 18
    for each in workbook.worksheets:
        for cell in each[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def filled_template_xlsx(
    fields: dict[str, object], tables: dict[str, list[tuple[object, ...]]]
) -> bytes:
    """The template with values filled in (for the demo, tests, and scripted imports)."""
    workbook = load_workbook(io.BytesIO(build_template_xlsx()))
    sheet = workbook["Request"]
    for row in sheet.iter_rows(min_row=2):
        if row[0].value in fields:
            row[1].value = fields[row[0].value]
    for title, rows in tables.items():
        for values in rows:
            workbook[title].append(list(values))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_template_csv() -> bytes:
    """The same template as one CSV: column A names the table."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Request", "field", "value", "explanation"])
    for name, example in REQUEST_FIELDS.items():
        writer.writerow(["Request", name, example, str(FIELD_HELP[name])])
    for title, columns in TABLES.items():
        writer.writerow([title, *columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


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
}


# --- reading a filled template ----------------------------------------------------------

Grid = list[tuple[list[object], Callable[[int], str]]]


def read_template(data: bytes, filename: str) -> ParsedRequest:
    """Read an XLSX or CSV template; values that cannot be read become `errors`."""
    if filename.lower().endswith(".csv"):
        grids = _csv_grids(data)
    elif filename.lower().endswith(".xlsx"):
        grids = _xlsx_grids(data)
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
    _read_request(grids["Request"], parsed)
    for title, columns in TABLES.items():
        parsed.tables[title] = _read_table(title, grids.get(title, []), columns, parsed)
    return parsed


def _xlsx_grids(data: bytes) -> dict[str, Grid]:
    try:
        workbook = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise TemplateError(
            _("The file is not a readable XLSX workbook (%(error)s).") % {"error": exc}
        ) from exc
    grids: dict[str, Grid] = {}
    for sheet in workbook.worksheets:
        rows: Grid = []
        for number, row in enumerate(sheet.iter_rows(values_only=True), start=1):

            def ref(column: int, _sheet: str = sheet.title, _row: int = number) -> str:
                return f"{_sheet}!{get_column_letter(column + 1)}{_row}"

            rows.append((list(row), ref))
        grids[sheet.title] = rows
    workbook.close()
    return grids


def _csv_grids(data: bytes) -> dict[str, Grid]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise TemplateError(
            _("The CSV is not UTF-8; save it as “CSV UTF-8” and upload again.")
        ) from exc
    dialect = (
        csv.Sniffer().sniff(text[:2048], delimiters=",;\t")
        if text.strip()
        else csv.excel
    )
    grids: dict[str, Grid] = {}
    for number, row in enumerate(csv.reader(io.StringIO(text), dialect), start=1):
        if not row or not row[0].strip():
            continue

        def ref(column: int, _row: int = number) -> str:
            return _("line %(line)d, column %(column)s") % {
                "line": _row,
                "column": get_column_letter(column + 2),
            }

        grids.setdefault(row[0].strip(), []).append((list(row[1:]), ref))
    return grids


def _read_request(grid: Grid, parsed: ParsedRequest) -> None:
    for values, ref in grid[1:]:
        name = str(values[0] or "").strip() if values else ""
        if not name:
            continue
        if name not in REQUEST_FIELDS:
            parsed.errors.append(
                CellError(ref(0), _("unknown field “%(name)s”.") % {"name": name})
            )
            continue
        raw = values[1] if len(values) > 1 else None
        parsed.cells[name] = ref(1)
        value = _convert(name, raw, ref(1), parsed.errors)
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
                    grid[0][1](len(header)),
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
            row.cells[name] = ref(index)
            row.values[name] = _convert(name, raw, ref(index), parsed.errors)
        first = columns[0]
        if row.values.get(first) in (None, ""):
            parsed.errors.append(
                CellError(
                    ref(positions.get(first, 0)),
                    _("%(name)s is missing.") % {"name": first},
                )
            )
        rows.append(row)
    return rows


def _convert(name: str, raw: object, cell: str, errors: list[CellError]) -> object:
    try:
        return _value(name, raw)
    except ValueError as exc:
        errors.append(CellError(cell, str(exc)))
        return None


def _value(name: str, raw: object) -> object:
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
        number = _integer(raw)
        if not 1999 <= number <= 2100:
            raise ValueError(
                _("%(value)s is not a year between 1999 and 2100.") % {"value": raw}
            )
        return number
    if name in INTEGER_COLUMNS:
        return _integer(raw)
    if name in AMOUNT_COLUMNS:
        return _amount(raw)
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


_GROUPED = re.compile(r"\d{1,3}(,\d{3})+(\.\d+)?")


def _number_text(raw: object) -> str:
    text = re.sub(r"[\s\u00a0\u202f_']", "", str(raw))
    if _GROUPED.fullmatch(text):
        return text.replace(",", "")
    if text.count(",") == 1 and "." not in text:
        return text.replace(",", ".")  # a decimal comma (French, Spanish)
    return text


def _integer(raw: object) -> int:
    if isinstance(raw, bool):
        raise ValueError(_("“%(value)s” is not a whole number.") % {"value": raw})
    if isinstance(raw, int):
        value = raw
    elif isinstance(raw, float) and raw.is_integer():
        value = int(raw)
    else:
        text = _number_text(raw)
        if not re.fullmatch(r"\d+(\.0+)?", text):
            raise ValueError(
                _("“%(value)s” is not a whole number; write digits only, e.g. 125000.")
                % {"value": raw}
            )
        value = int(Decimal(text))
    if value < 0:
        raise ValueError(_("%(value)s is negative.") % {"value": raw})
    return value


def _amount(raw: object) -> Decimal:
    if isinstance(raw, bool):
        raise ValueError(_("“%(value)s” is not an amount.") % {"value": raw})
    try:
        value = (
            Decimal(str(raw))
            if isinstance(raw, (int, float))
            else Decimal(_number_text(raw))
        )
    except InvalidOperation:
        raise ValueError(
            _("“%(value)s” is not an amount; write digits only, e.g. 1250000.")
            % {"value": raw}
        ) from None
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
