"""Public pages: a published case's final report and the public calendar feed."""

from __future__ import annotations

import datetime as dt

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from casework.accounts.permissions import profile_of
from casework.domain.languages import DEFAULT, normalise
from casework.engagement import documents
from casework.engagement.calendar import calendar_items, feed_by_token, to_ical
from casework.engagement.permissions import can_work_on_engagement, get_published_case
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


@require_safe
def calendar_feed_ics(request: HttpRequest, token: str) -> HttpResponse:
    """A user's secret feed (`/engagement/calendar/<token>.ics`), for subscription.

    No session: the token stands for its user, who sees what they may see on the calendar
    page (the Committee's own items for the Committee, public ones for others), with titles
    in their profile language. An unknown or revoked token is a 404.
    """
    feed = feed_by_token(token)
    if feed is None:
        raise Http404("no such calendar feed")
    user = feed.user
    profile = profile_of(user)
    language = normalise(profile.preferred_language) if profile else DEFAULT
    today = timezone.localdate()
    items = calendar_items(
        today - dt.timedelta(days=366),
        today + dt.timedelta(days=2 * 366),
        public_only=not can_work_on_engagement(user),
        language=language,
    )
    with translation.override(language):
        name = str(_("Casework calendar"))
    data = to_ical(items, name=name, base_url=request.build_absolute_uri("/")[:-1])
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    response["Cache-Control"] = "private, no-store"
    response["Content-Language"] = language
    return response
