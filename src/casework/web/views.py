"""The home dashboard, its map, the favicon and the worker check."""

from __future__ import annotations

from collections import Counter

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from casework.states.models import Article5Status, StateParty
from casework.web import maps, services
from casework.web.permissions import can_check_worker, worker_checkers_only


@require_safe
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    states = list(StateParty.objects.all())
    answers = [state.is_party_on(today) for state in states]
    parties = [s for s, party in zip(states, answers, strict=True) if party]
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
        "map_version": maps.version(services.ARTICLE5_MAP),
        "undrawn": services.undrawn(states, today),
        "legend": legend,
    }
    if can_check_worker(request.user):
        context["can_check_worker"] = True
        context["heartbeat"] = services.latest_heartbeat()
    return render(request, "web/home.html", context)


@require_safe
def article5_map(request: HttpRequest) -> HttpResponse:
    """The home page's map as an SVG image. A URL naming the current version (`?v=`) is
    cached by browsers for a year: the next change of the data, or the next day, gives
    the page a new URL."""
    return maps.svg_response(
        request,
        services.article5_map_svg(),
        current_version=maps.version(services.ARTICLE5_MAP),
    )


@require_safe
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers that ignore <link rel=icon> ask for /favicon.ico: send them to the SVG."""
    response = HttpResponsePermanentRedirect(static("casework/favicon.svg"))
    patch_cache_control(response, public=True, max_age=maps.CACHE_SECONDS)
    return response


@worker_checkers_only
@require_POST
def check_worker(request: HttpRequest) -> HttpResponse:
    services.request_heartbeat()
    messages.info(request, _("A heartbeat task was queued; reload in a few seconds."))
    return redirect("home")
