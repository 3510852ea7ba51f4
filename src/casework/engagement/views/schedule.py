"""The calendar page and the Committee's own iCalendar feed."""

from __future__ import annotations

import datetime as dt
from itertools import groupby

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from casework.accounts.permissions import signed_in_required
from casework.domain import locale
from casework.domain.languages import normalise
from casework.engagement.calendar import (
    calendar_items,
    feed_of,
    regenerate_feed,
    stop_feed,
    to_ical,
)
from casework.engagement.permissions import can_work_on_engagement, committee_only


def _window(request: HttpRequest) -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year", ""))
    except ValueError:
        return today - dt.timedelta(days=31), today + dt.timedelta(days=366)
    if not 1999 <= year <= 2100:
        year = today.year
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


@require_safe
def calendar_page(request: HttpRequest) -> HttpResponse:
    """Upcoming meetings and deadlines; people outside the Committee see public ones only."""
    first, last = _window(request)
    committee = can_work_on_engagement(request.user)
    language = normalise(translation.get_language())
    items = calendar_items(first, last, public_only=not committee, language=language)
    months = [
        (locale.format_month(year, month, language), list(group))
        for (year, month), group in groupby(
            items, key=lambda i: (i.start.year, i.start.month)
        )
    ]
    feed = feed_of(request.user)
    feed_url = (
        request.build_absolute_uri(reverse("calendar_feed", args=[feed.token]))
        if feed
        else ""
    )
    context = {
        "months": months,
        "first": first,
        "last": last,
        "committee": committee,
        "feed_url": feed_url,
    }
    return render(request, "engagement/calendar.html", context)


@signed_in_required
@require_POST
def calendar_feed_change(request: HttpRequest) -> HttpResponse:
    """Make (or remake) the user's secret feed address, or stop it."""
    assert request.user.is_authenticated  # signed_in_required turned others away
    if request.POST.get("action") == "stop":
        stop_feed(request.user)
        messages.info(request, _("Your calendar address no longer works."))
    else:
        regenerate_feed(request.user)
        messages.success(
            request,
            _(
                "Your new calendar address is below; the former one no longer works. "
                "Keep it to yourself: anyone who has it can read your calendar."
            ),
        )
    return redirect("engagement:calendar")


@committee_only
def committee_calendar_ics(request: HttpRequest) -> HttpResponse:
    first, last = _window(request)
    items = calendar_items(first, last, public_only=False)
    data = to_ical(
        items,
        name=_("Committee calendar"),
        base_url=request.build_absolute_uri("/")[:-1],
    )
    response = HttpResponse(data, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="committee-calendar.ics"'
    return response
