"""Services of the web shell: the dashboard's figures and the worker check."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from casework.states.models import Article5Status, StateParty
from casework.web import maps, worldmap
from casework.web.models import WorkerHeartbeat
from casework.web.tasks import heartbeat

# Article 5 status -> CSS class of the map and its legend
MAP_CLASSES = {
    Article5Status.YES: "art5-yes",
    Article5Status.COMPLETED: "art5-completed",
    Article5Status.NONE: "art5-none",
    Article5Status.UNKNOWN: "art5-unknown",
}
ARTICLE5_MAP = "article5"


def article5_classes(states: list[StateParty], day: dt.date) -> dict[str, str]:
    """ISO3 -> map class of each State that is (or may be) a party on `day`."""
    return {
        state.iso3: MAP_CLASSES[Article5Status(state.article5_status)]
        for state in states
        if state.is_party_on(day) is not False
    }


def article5_map_svg() -> str:
    """The home page's map, drawn once per version of the States' data and day."""
    return maps.cached_svg(
        ARTICLE5_MAP,
        lambda: article5_classes(list(StateParty.objects.all()), timezone.localdate()),
    )


def undrawn(states: list[StateParty], day: dt.date) -> list[StateParty]:
    """The parties too small to draw at the map's scale (listed beside it)."""
    drawn = worldmap.country_paths()
    return [
        s for s in states if s.iso3 not in drawn and s.is_party_on(day) is not False
    ]


def request_heartbeat() -> None:
    """Queue a heartbeat task; the worker answers by writing a WorkerHeartbeat row."""
    heartbeat.enqueue(timezone.now().isoformat())


def latest_heartbeat() -> WorkerHeartbeat | None:
    return WorkerHeartbeat.objects.order_by("-created_at").first()
