"""The home dashboard and the worker check."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.accounts.permissions import is_support_unit, require
from casework.states.models import Article5Status, StateParty
from casework.web import services


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
    context = {
        "today": today,
        "party_count": len(parties),
        "unknown_count": answers.count(None),
        "withdrawn": [
            s for s in states if s.has_withdrawn and s.is_party_on(today) is False
        ],
        "areas": areas,
        "undrawn": undrawn,
        "legend": legend,
        "heartbeat": services.latest_heartbeat()
        if is_support_unit(request.user)
        else None,
    }
    return render(request, "web/home.html", context)


@login_required
@require_POST
def check_worker(request: HttpRequest) -> HttpResponse:
    require(is_support_unit(request.user))
    services.request_heartbeat()
    messages.info(request, _("A heartbeat task was queued; reload in a few seconds."))
    return redirect("home")
