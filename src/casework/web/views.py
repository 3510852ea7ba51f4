"""The home dashboard and the worker check."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from casework.states.models import Article5Status, StateParty
from casework.web import services
from casework.web.permissions import can_check_worker, worker_checkers_only


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    states = list(StateParty.objects.all())
    answers = [state.is_party_on(today) for state in states]
    parties = [s for s, party in zip(states, answers, strict=True) if party]
    areas, undrawn = services.map_areas(states, today)
    status_counts = Counter(state.article5_status for state in parties)
    legend = [
        (services.MAP_CLASSES[status], status.label, status_counts.get(status, 0))
        for status in Article5Status
    ]
    context: dict[str, object] = {
        "today": today,
        "party_count": len(parties),
        "unknown_count": answers.count(None),
        "withdrawn": [
            s for s in states if s.has_withdrawn and s.is_party_on(today) is False
        ],
        "areas": areas,
        "undrawn": undrawn,
        "legend": legend,
    }
    if can_check_worker(request.user):
        context["can_check_worker"] = True
        context["heartbeat"] = services.latest_heartbeat()
    return render(request, "web/home.html", context)


@worker_checkers_only
@require_POST
def check_worker(request: HttpRequest) -> HttpResponse:
    services.request_heartbeat()
    messages.info(request, _("A heartbeat task was queued; reload in a few seconds."))
    return redirect("home")
