"""Django responses for exported files."""

from __future__ import annotations

from django.http import HttpResponse

CONTENT_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
    "ics": "text/calendar; charset=utf-8",
}


def file_response(data: bytes, filename: str) -> HttpResponse:
    """An attachment named `filename`; its extension picks the content type."""
    extension = filename.rsplit(".", 1)[-1].lower()
    response = HttpResponse(
        data, content_type=CONTENT_TYPES.get(extension, "application/octet-stream")
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
