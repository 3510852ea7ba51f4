"""The public Article 7 compliance tracker: table, map, CSV/XLSX."""

from __future__ import annotations

import hashlib

from django.core.cache import cache
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from casework.compliance import services
from casework.compliance.models import Submission
from casework.exports.responses import file_response
from casework.exports.tables import render_csv, render_xlsx
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


def current(request: HttpRequest) -> HttpResponse:
    return redirect("compliance:year", year=timezone.localdate().year)


def tracker(request: HttpRequest, year: int, fmt: str = "") -> HttpResponse:
    if not 1999 <= year <= timezone.localdate().year + 1:
        raise Http404
    if fmt in {"csv", "xlsx"}:
        header, body = services.tracker_table(services.tracker(year))
        if fmt == "csv":
            return file_response(
                render_csv(header, body), f"article7-compliance-{year}.csv"
            )
        return file_response(
            render_xlsx({str(year): (header, body)}), f"article7-compliance-{year}.xlsx"
        )
    if fmt:
        raise Http404
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
    body = cache.get(key)
    if body is None:
        body = render_to_string(
            "compliance/_tracker_body.html", _body_context(year, today)
        )
        cache.set(key, body, timeout=3600)
    return mark_safe(body)


def _body_context(year: int, today) -> dict:
    rows = services.tracker(year, today=today)
    by_iso = {row.state.iso3: row for row in rows}
    areas = []
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
