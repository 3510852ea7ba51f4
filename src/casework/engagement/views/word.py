"""Word copies coming back: the annual report and a case's final report, edited in Word,
compared paragraph by paragraph with the document, applied change by change."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.domain.languages import NATIVE, checked
from casework.engagement import word
from casework.engagement.models import Case, Document, WordUpload
from casework.engagement.permissions import (
    committee_only,
    get_case_for_user,
    get_word_upload_for_user,
)
from casework.engagement.views.years import check_year
from casework.exports import word_views


def _editor(request: HttpRequest) -> User:
    """The signed-in user; `committee_only` has already sent the others away."""
    assert isinstance(request.user, User)
    return request.user


def _back(upload: WordUpload) -> str:
    if upload.document == Document.CASE_REPORT and upload.case_id:
        return reverse("engagement:case_report", args=[upload.case_id])
    return reverse("engagement:report", args=[upload.year, upload.language])


def _receive(
    request: HttpRequest,
    back: str,
    *,
    language: str,
    year: int | None = None,
    case: Case | None = None,
) -> HttpResponse:
    return word_views.receive(
        request,
        back=back,
        read=lambda data, filename: word.read_word(
            data,
            filename=filename,
            user=_editor(request),
            language=language,
            year=year,
            case=case,
        ),
        review=lambda stored: reverse("engagement:word_review", args=[stored.pk]),
    )


@committee_only
@require_POST
def report_word_upload(request: HttpRequest, year: int, language: str) -> HttpResponse:
    """An edited Word copy of the annual report: its changes are shown, not saved yet."""
    check_year(year)
    language = checked(language)
    back = reverse("engagement:report", args=[year, language])
    return _receive(request, back, year=year, language=language)


@committee_only
@require_POST
def case_word_upload(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """An edited Word copy of a case's final report."""
    case = get_case_for_user(request.user, pk)
    back = reverse("engagement:case_report", args=[case.pk])
    return _receive(request, back, case=case, language=checked(language))


@committee_only
def word_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The uploaded copy's changes, paragraph by paragraph; apply the ones ticked."""
    upload = get_word_upload_for_user(request.user, pk)
    found = word.word_changes(upload)
    if request.method == "POST" and upload.applied_at is None:
        return word_views.apply_ticked(
            request,
            found=found,
            apply=lambda accepted: word.apply_word(
                upload, accepted, user=_editor(request)
            ),
            back=_back(upload),
        )
    if upload.document == Document.CASE_REPORT and upload.case is not None:
        title = _("Final report: individualised approach of %(name)s") % {
            "name": upload.case.state.name
        }
    else:
        title = _("Annual report %(year)s") % {"year": upload.year}
    context = {
        "upload": upload,
        "title": title,
        "back": _back(upload),
        "language_name": NATIVE.get(upload.language, upload.language),
        "changes": list(enumerate(found)),
    }
    return render(request, "engagement/word_review.html", context)
