"""Upload limits enforced while the request streams in, before anything is stored.

`LimitedUploadHandler` goes first in the request's upload handlers (see
`views.upload`): it counts each file's bytes as they arrive and, past the limit, makes
Django skip the rest of that file, so the temporary copy is closed and deleted and the
file never reaches the form. The view then names the refused files.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, SkipFile
from django.http import HttpRequest

logger = logging.getLogger(__name__)
MB = 1024 * 1024


def max_upload_bytes() -> int:
    """`CASEWORK_MAX_UPLOAD_MB` in bytes (200 MB unless configured)."""
    return int(getattr(settings, "MAX_UPLOAD_MB", 200)) * MB


def max_upload_mb() -> int:
    return max_upload_bytes() // MB


class LimitedUploadHandler(FileUploadHandler):
    """Refuses any one file over `limit` bytes while it is received."""

    def __init__(self, request: HttpRequest | None = None, *, limit: int) -> None:
        super().__init__(request)
        self.limit = limit
        self.refused: list[str] = []

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > self.limit:
            self.refused.append(str(self.file_name or ""))
            raise SkipFile
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler (memory or temporary file) keeps the bytes


class SiteUploadLimit(LimitedUploadHandler):
    """The same limit for every upload of the site (settings.FILE_UPLOAD_HANDLERS).

    A file over `CASEWORK_MAX_UPLOAD_MB` is skipped while it streams in, on any page (an
    attachment, an import), so no oversized temporary copy is ever kept; the names it
    refused are on the request for the view's message (`refused_uploads`).
    """

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request, limit=max_upload_bytes())
        if request is not None:
            request.refused_uploads = self.refused  # type: ignore[attr-defined]


def refused_uploads(request: HttpRequest) -> list[str]:
    """The names of the files `SiteUploadLimit` dropped from this request (after its body
    was read: request.FILES or request.POST touched)."""
    return list(getattr(request, "refused_uploads", []))


def limit_uploads(request: HttpRequest) -> LimitedUploadHandler:
    """Put the limit first among the request's upload handlers; call it before the
    request's POST or FILES is read (the view must be csrf_exempt, then csrf_protect)."""
    handler = LimitedUploadHandler(request, limit=max_upload_bytes())
    try:
        request.upload_handlers = [handler, *request.upload_handlers]
    except AttributeError:
        # The body was read before the view (a middleware read request.POST): the file
        # is already received; the form's size check still refuses it before storing.
        logger.warning("upload limit not applied while streaming: body already read")
    return handler
