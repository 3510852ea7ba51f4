"""Tables -> CSV and XLSX, for every table a page shows: the one exporter.

Every cell goes through `cells.typed`: text that a spreadsheet would run as a formula
gets an apostrophe in front, numbers and dates are written as typed cells (XLSX) or as
plain digits and ISO dates (CSV). Code that builds its own workbook (a template with
styles, say) passes each value through `cells.typed` and writes text cells with
`write_row`, never with `sheet.append` of raw values.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from casework.exports.cells import csv_text, typed

Row = Sequence[object]

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def csv_rows(rows: Iterable[Row]) -> Iterable[list[str]]:
    """The rows as neutralised CSV fields, for a `csv.writer` of one's own."""
    for row in rows:
        yield [csv_text(value) for value in row]


def render_csv(header: Row, rows: Iterable[Row]) -> bytes:
    """UTF-8 CSV with a byte-order mark, so that Excel opens accents correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([csv_text(name) for name in header])
    writer.writerows(csv_rows(rows))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def write_row(sheet: Worksheet, values: Row, *, bold: bool = False) -> None:
    """Append one row of typed cells: text is never a formula, numbers stay numbers."""
    sheet.append([typed(value) for value in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, dt.datetime):
            cell.number_format = DATETIME_FORMAT
        elif isinstance(cell.value, dt.date):
            cell.number_format = DATE_FORMAT
        if bold:
            cell.font = Font(bold=True)


def render_xlsx(sheets: dict[str, tuple[Row, Iterable[Row]]]) -> bytes:
    """One worksheet per entry: name -> (header, rows)."""
    workbook = Workbook()
    if workbook.active is not None:
        workbook.remove(workbook.active)
    for name, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(title=name[:31])
        write_row(sheet, header, bold=True)
        for row in rows:
            write_row(sheet, row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
