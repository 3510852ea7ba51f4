"""Every export format, registered once, and the one way to answer with a file.

Generated documents (a `DocumentSpec`) come as DOCX or PDF, tables as CSV or XLSX,
calendars as ICS. URLs name a document as `…/<language>.<format>`, e.g.
`/observations/compilation/2025/fr.pdf`, through the path converters in
`exports.converters`: an unknown language or format never matches, so it is a 404.
Adding a format is one `ExportFormat(...)` below (and its renderer module).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Final

from django.http import Http404, HttpResponse

from casework.exports.spec import DocumentSpec

Row = Sequence[object]
Sheets = dict[str, tuple[Row, Iterable[Row]]]


def _docx(spec: DocumentSpec) -> bytes:
    from casework.exports.docx import render_docx

    return render_docx(spec)


def _pdf(spec: DocumentSpec) -> bytes:
    from casework.exports.pdf import render_pdf

    return render_pdf(spec)


@dataclass(frozen=True, slots=True)
class ExportFormat:
    code: str  # the file extension, as in URLs
    kind: str  # "document", "table" or "calendar"
    content_type: str
    render_document: Callable[[DocumentSpec], bytes] | None = None


FORMATS: Final[dict[str, ExportFormat]] = {
    f.code: f
    for f in (
        ExportFormat(
            "docx",
            "document",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            _docx,
        ),
        ExportFormat("pdf", "document", "application/pdf", _pdf),
        ExportFormat("csv", "table", "text/csv; charset=utf-8"),
        ExportFormat(
            "xlsx",
            "table",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ExportFormat("ics", "calendar", "text/calendar; charset=utf-8"),
    )
}


def codes(kind: str) -> tuple[str, ...]:
    return tuple(code for code, f in FORMATS.items() if f.kind == kind)


DOCUMENT_FORMATS: Final = codes("document")
TABLE_FORMATS: Final = codes("table")


def export_format(code: str, *, kind: str) -> ExportFormat:
    """The format, or 404 when the code is not a registered format of that kind."""
    found = FORMATS.get(code)
    if found is None or found.kind != kind:
        raise Http404(f"No {kind} export as {code!r}")
    return found


def file_response(data: bytes, filename: str, *, inline: bool = False) -> HttpResponse:
    """An attachment named `filename`; its extension picks the content type."""
    extension = filename.rsplit(".", 1)[-1].lower()
    found = FORMATS.get(extension)
    response = HttpResponse(
        data,
        content_type=found.content_type if found else "application/octet-stream",
    )
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def document_response(spec: DocumentSpec, *, fmt: str, stem: str) -> HttpResponse:
    """The spec rendered as `fmt` (docx or pdf), named `<stem>.<fmt>`."""
    found = export_format(fmt, kind="document")
    assert found.render_document is not None
    return file_response(found.render_document(spec), f"{stem}.{fmt}")


def table_response(
    header: Row,
    rows: Iterable[Row],
    *,
    fmt: str,
    stem: str,
    sheet: str = "Sheet1",
    more_sheets: Sheets | None = None,
) -> HttpResponse:
    """One table as CSV, or as XLSX (with any further sheets), named `<stem>.<fmt>`."""
    from casework.exports.tables import render_csv, render_xlsx

    export_format(fmt, kind="table")
    if fmt == "csv":
        return file_response(render_csv(header, rows), f"{stem}.csv")
    sheets: Sheets = {sheet: (header, rows), **(more_sheets or {})}
    return file_response(render_xlsx(sheets), f"{stem}.xlsx")


def sheets_response(sheets: Sheets, *, stem: str) -> HttpResponse:
    """Several tables as one XLSX workbook."""
    from casework.exports.tables import render_xlsx

    return file_response(render_xlsx(sheets), f"{stem}.xlsx")
