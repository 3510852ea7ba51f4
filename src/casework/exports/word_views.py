"""The two steps every Word round trip has in a view: receive the edited copy, then
apply the changes the reviewer ticked. Apps give what differs (how to read and store the
copy for their text, how to apply changes to it, where to go back to)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casework.exports.word_edits import Change, DraftChangedError, WordFileError

Upload = TypeVar("Upload")


def receive(
    request: HttpRequest,
    *,
    back: str,
    read: Callable[[bytes, str], Upload],
    review: Callable[[Upload], str],
) -> HttpResponse:
    """Read the uploaded file with `read(data, filename)` and go to `review(upload)`;
    a missing or unreadable file goes `back` with a message saying what to do."""
    upload = request.FILES.get("document")
    if upload is None:
        messages.error(request, _("Choose the edited Word document (.docx) to upload."))
        return redirect(back)
    try:
        stored = read(upload.read(), upload.name or "document.docx")
    except WordFileError as error:
        messages.error(
            request,
            _("%(file)s could not be read: %(reason)s")
            % {"file": upload.name, "reason": error},
        )
        return redirect(back)
    return redirect(review(stored))


def apply_ticked(
    request: HttpRequest,
    *,
    found: list[Change],
    apply: Callable[[set[int]], object],
    back: str,
) -> HttpResponse:
    """Apply the changes ticked in the form (`accept` = their numbers in `found`)."""
    accepted = {
        int(value)
        for value in request.POST.getlist("accept")
        if value.isdigit() and int(value) < len(found)
    }
    try:
        apply(accepted)
    except DraftChangedError:
        messages.error(
            request,
            _(
                "The document was changed after this copy was uploaded. Download "
                "it again, make your changes and upload it."
            ),
        )
        return redirect(back)
    messages.success(
        request,
        ngettext(
            "%(applied)s of %(total)s change applied.",
            "%(applied)s of %(total)s changes applied.",
            len(found),
        )
        % {"applied": len(accepted), "total": len(found)},
    )
    return redirect(back)
