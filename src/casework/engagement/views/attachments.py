"""Attachments (presentations, minutes, event documents) served only to those who may
see the page they are on; the files themselves are never served from MEDIA_URL."""

from __future__ import annotations

import mimetypes
from pathlib import PurePosixPath

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.views.decorators.http import require_safe

from casework.engagement.permissions import get_attachment_for_user

# Shown in the browser when it can (a PDF opens in a tab); anything else is downloaded.
INLINE_TYPES = {"application/pdf", "image/png", "image/jpeg", "text/plain"}


# Log in first (302); `get_attachment_for_user` then refuses (403) anybody but the
# Committee and the support unit, as `committee_only` does for the pages.
@require_safe
@login_required
def attachment_file(request: HttpRequest, pk: int) -> HttpResponseBase:
    attachment = get_attachment_for_user(request.user, pk)
    name = PurePosixPath(attachment.file.name).name
    try:
        handle = attachment.file.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        # The row outlived its file (a restore without media, a manual clean-up).
        raise Http404 from exc
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    inline = content_type in INLINE_TYPES
    response = FileResponse(
        handle, as_attachment=not inline, filename=name, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
