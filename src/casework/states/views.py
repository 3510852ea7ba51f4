"""Public pages on States Parties, and each State's private workspace."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from casework.accounts.permissions import can_view_state_workspace, require
from casework.states.models import StateParty
from casework.states.services import get_state


def state_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    states = list(StateParty.objects.all())
    rows = [(state, state.is_party_on(today)) for state in states]
    rows.sort(key=lambda row: row[0].name)
    return render(request, "states/list.html", {"rows": rows, "today": today})


def state_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    state = get_state(iso3)
    today = timezone.localdate()
    context = {
        "state": state,
        "today": today,
        "is_party": state.is_party_on(today),
        "terms": state.committee_memberships.select_related(
            "committee"
        ).prefetch_related("roles"),
        "article5_events": state.article5_events.all(),
        "can_open_workspace": can_view_state_workspace(request.user, state),
    }
    return render(request, "states/detail.html", context)


@login_required
def state_workspace(request: HttpRequest, iso3: str) -> HttpResponse:
    """Contacts and working notes of one State: not public."""
    state = get_state(iso3)
    require(can_view_state_workspace(request.user, state))
    focal_points = state.profiles.filter(role="focal_point").select_related("user")
    return render(
        request, "states/workspace.html", {"state": state, "focal_points": focal_points}
    )
