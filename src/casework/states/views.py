"""Public pages on States Parties, and each State's private workspace."""

from __future__ import annotations

import importlib

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from casework.accounts.models import Role
from casework.accounts.permissions import can_view_state_workspace, signed_in_required
from casework.states.forms import PartyOnForm
from casework.states.models import StateParty
from casework.states.permissions import get_workspace_for_user
from casework.states.services import get_state, is_party

# Apps that publish material about a State on its public page. Each has a
# `services.published_for_state(state)` and a template `<app>/_published_for_state.html`.
PUBLISHING_APPS = ("observations", "engagement", "reporting", "extensions")


def published_sections(state: StateParty) -> list[dict[str, object]]:
    """What other apps have published about the State, in page order; empty ones are left out."""
    sections: list[dict[str, object]] = []
    for app in PUBLISHING_APPS:
        try:
            services = importlib.import_module(f"casework.{app}.services")
        except ModuleNotFoundError as exc:
            if exc.name != f"casework.{app}.services":
                raise
            continue
        publish = getattr(services, "published_for_state", None)
        if publish is None:
            continue
        items = publish(state)
        if items:
            sections.append(
                {"template": f"{app}/_published_for_state.html", "items": items}
            )
    return sections


@require_safe
def state_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    states = list(StateParty.objects.all())
    rows = [(state, state.is_party_on(today)) for state in states]
    rows.sort(key=lambda row: row[0].name)
    return render(request, "states/list.html", {"rows": rows, "today": today})


@require_safe
def state_detail(request: HttpRequest, iso3: str) -> HttpResponse:
    state = get_state(iso3)
    today = timezone.localdate()
    from casework.compliance.services import state_status

    asked = "on" in request.GET
    party_on_form = PartyOnForm(request.GET if asked else None)
    asked_day = party_on_form.cleaned_data["on"] if party_on_form.is_valid() else None
    context = {
        "state": state,
        "today": today,
        "is_party": state.is_party_on(today),
        "party_on_form": party_on_form,
        "asked_day": asked_day,
        "is_party_on_asked_day": is_party(state, asked_day) if asked_day else None,
        "report_status": state_status(state, today=today),
        "terms": state.committee_memberships.select_related(
            "committee"
        ).prefetch_related("roles"),
        "article5_events": state.article5_events.all(),
        "can_open_workspace": can_view_state_workspace(request.user, state),
        "published_sections": published_sections(state),
    }
    if request.headers.get("HX-Request") and asked:
        return render(request, "states/_party_on.html", context)
    return render(request, "states/detail.html", context)


@signed_in_required
@require_safe
def state_workspace(request: HttpRequest, iso3: str) -> HttpResponse:
    """Contacts and working notes of one State: not public."""
    state = get_workspace_for_user(request.user, iso3)
    focal_points = state.profiles.filter(role=Role.FOCAL_POINT).select_related("user")
    return render(
        request, "states/workspace.html", {"state": state, "focal_points": focal_points}
    )
