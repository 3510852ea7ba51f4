"""The public Article 7 compliance tracker: table, map, CSV/XLSX."""

from __future__ import annotations

import datetime as dt

from django.core.cache import cache
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_safe

from casework.compliance import services
from casework.exports.registry import table_response
from casework.web import maps, versions, worldmap

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


MAP_DATA = (
    "states",
    "submissions",
)  # the stamps (`web.versions`) the page is drawn from


def _map_name(year: int) -> str:
    return f"compliance-{year}"


def map_version(year: int) -> str:
    """The version of the year's map: changes with the day and the States' and
    submissions' stamps (one cache read each, no query)."""
    return maps.version(_map_name(year), data=MAP_DATA)


@require_safe
def tracker_map(request: HttpRequest, year: int) -> HttpResponse:
    """The year's map as an SVG image, drawn once per data version (`web.maps`)."""
    _checked_year(year)
    today = timezone.localdate()
    svg = maps.cached_svg(
        _map_name(year),
        lambda: {
            row.state.iso3: MAP_CLASSES[row.status]
            for row in services.tracker(year, today=today)
        },
        data=MAP_DATA,
    )
    return maps.svg_response(request, svg, current_version=map_version(year))


def _cached_body(year: int) -> str:
    """The legend and table, rendered once per data version (and language).

    The key is made of version stamps (`web.versions`: bumped when a Submission or a
    StateParty is saved or deleted), not of an aggregate over the tables: checking it costs
    cache reads only, whatever the number of rows. The fragment holds no CSRF token or
    user data, so every visitor may share it.
    """
    today = timezone.localdate()
    key = f"compliance:body:{year}:{get_language()}:{map_version(year)}"
    body: str | None = cache.get(key)
    if body is None:
        body = render_to_string(
            "compliance/_tracker_body.html", _body_context(year, today)
        )
        cache.set(key, body, timeout=versions.LIFETIME)
    return mark_safe(body)


def _body_context(year: int, today: dt.date) -> dict[str, object]:
    rows = services.tracker(year, today=today)
    drawn = worldmap.country_paths()
    return {
        "year": year,
        "map_version": map_version(year),
        "table_rows": [(row, MAP_CLASSES[row.status]) for row in rows],
        "summary": [
            (MAP_CLASSES[s], label, n) for s, label, n in services.summary(rows)
        ],
        "undrawn": [row for row in rows if row.state.iso3 not in drawn],
    }
