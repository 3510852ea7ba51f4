"""Tables -> CSV and XLSX, for every table a page shows."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font

Row = Sequence[object]


def render_csv(header: Row, rows: Iterable[Row]) -> bytes:
    """UTF-8 CSV with a byte-order mark, so that Excel opens accents correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def render_xlsx(sheets: dict[str, tuple[Row, Iterable[Row]]]) -> bytes:
    """One worksheet per entry: name -> (header, rows)."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(title=name[:31])
        sheet.append(list(header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
