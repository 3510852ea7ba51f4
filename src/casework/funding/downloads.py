"""Every table a funding page shows can be downloaded as CSV or XLSX."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.http import Http404, HttpResponse

from casework.exports.responses import file_response
from casework.exports.tables import render_csv, render_xlsx

FORMATS = ("csv", "xlsx")


def table_response(
    name: str, header: Sequence[object], rows: Iterable[Sequence[object]], *, fmt: str
) -> HttpResponse:
    """`name`.csv or `name`.xlsx with a header row; 404 for any other format."""
    header = [str(cell) for cell in header]
    rows = [[_plain(cell) for cell in row] for row in rows]
    if fmt == "csv":
        return file_response(render_csv(header, rows), f"{name}.csv")
    if fmt == "xlsx":
        return file_response(render_xlsx({name: (header, rows)}), f"{name}.xlsx")
    raise Http404("unknown format")


def _plain(cell: object) -> object:
    """Numbers stay numbers (XLSX sums them); None stays an empty, unknown cell."""
    if cell is None:
        return ""
    if isinstance(cell, (int, float)):
        return cell
    if hasattr(cell, "as_tuple"):  # Decimal
        return float(cell)  # type: ignore[arg-type]
    return str(cell)
