"""Public pages: a published case's final report and the public calendar feed."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from casework.engagement import documents
from casework.engagement.calendar import calendar_items, to_ical
from casework.engagement.permissions import get_published_case
from casework.engagement.views.cases import case_report_file


@require_safe
def published_case(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_published_case(pk)
    context = {"case": case, "document_languages": documents.document_languages()}
    return render(request, "engagement/published_case.html", context)


@require_safe
def published_case_download(
    request: HttpRequest, pk: int, language: str, fmt: str
) -> HttpResponse:
    return case_report_file(get_published_case(pk), language, fmt)


@require_safe
def public_calendar_ics(request: HttpRequest) -> HttpResponse:
    """The public feed (`/calendar.ics`): public events and deadlines, a year back and two ahead."""
    today = timezone.localdate()
    items = calendar_items(
        today - dt.timedelta(days=366),
        today + dt.timedelta(days=2 * 366),
        public_only=True,
    )
    data = to_ical(items, name=_("Casework public calendar"))
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    return response
