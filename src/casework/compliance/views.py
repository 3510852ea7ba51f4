"""The public Article 7 compliance tracker: table, map, CSV/XLSX."""

from __future__ import annotations

import datetime as dt
import hashlib

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from casework.compliance import services
from casework.compliance.models import Submission
from casework.exports.registry import table_response
from casework.states.models import StateParty
from casework.web import worldmap

MAP_CLASSES = {
    services.ON_TIME: "a7-on-time",
    services.LATE: "a7-late",
    services.MISSING: "a7-missing",
    services.NOT_YET_DUE: "a7-not-yet-due",
    services.INITIAL_DUE: "a7-initial-due",
    services.INITIAL_OVERDUE: "a7-initial-overdue",
}


@require_safe
def current(request: HttpRequest) -> HttpResponse:
    return redirect("compliance:year", year=timezone.localdate().year)


def _checked_year(year: int) -> int:
    if not 1999 <= year <= timezone.localdate().year + 1:
        raise Http404
    return year


@require_safe
def export(request: HttpRequest, year: int, fmt: str) -> HttpResponse:
    """The tracker's table as CSV or XLSX (`<tableformat:fmt>`: anything else is a 404)."""
    header, body = services.tracker_table(services.tracker(_checked_year(year)))
    return table_response(
        header, body, fmt=fmt, stem=f"article7-compliance-{year}", sheet=str(year)
    )


@require_safe
def tracker(request: HttpRequest, year: int) -> HttpResponse:
    _checked_year(year)
    return render(
        request,
        "compliance/tracker.html",
        {
            "year": year,
            "deadline": services.deadline(year),
            "years": range(timezone.localdate().year, 2018, -1),
            "body": _cached_body(year),
        },
    )


def _cached_body(year: int) -> str:
    """The map and table, rendered once per change of the data (and day, and language).

    The fragment holds no CSRF token or user data, so every visitor may share it.
    """
    today = timezone.localdate()
    version = Submission.objects.filter(year=year).aggregate(
        changed=Max("updated_at"), n=Count("id")
    )
    states_changed = StateParty.objects.aggregate(changed=Max("updated_at"))["changed"]
    key = (
        f"compliance:{year}:{get_language()}:{today}:{version['n']}:"
        f"{version['changed']}:{states_changed}"
    )
    key = "compliance:" + hashlib.sha256(key.encode()).hexdigest()
    body: str | None = cache.get(key)
    if body is None:
        body = render_to_string(
            "compliance/_tracker_body.html", _body_context(year, today)
        )
        cache.set(key, body, timeout=3600)
    return mark_safe(body)


def _body_context(year: int, today: dt.date) -> dict[str, object]:
    rows = services.tracker(year, today=today)
    by_iso = {row.state.iso3: row for row in rows}
    areas: list[dict[str, object]] = []
    for iso3, path in worldmap.country_paths().items():
        row = by_iso.get(iso3)
        if row is None:
            areas.append({"iso3": iso3, "path": path, "css": "not-party", "row": None})
        else:
            areas.append(
                {"iso3": iso3, "path": path, "css": MAP_CLASSES[row.status], "row": row}
            )
    drawn = {a["iso3"] for a in areas}
    return {
        "year": year,
        "table_rows": [(row, MAP_CLASSES[row.status]) for row in rows],
        "summary": [
            (MAP_CLASSES[s], label, n) for s, label, n in services.summary(rows)
        ],
        "areas": areas,
        "undrawn": [row for row in rows if row.state.iso3 not in drawn],
    }
