"""Services of the web shell: the dashboard's figures and the worker check."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from casework.states.models import Article5Status, StateParty
from casework.web import worldmap
from casework.web.models import WorkerHeartbeat
from casework.web.tasks import heartbeat


@dataclass(frozen=True)
class MapArea:
    iso3: str
    name: str
    path: str
    css_class: str
    label: str


# Article 5 status -> CSS class of the map legend
MAP_CLASSES = {
    Article5Status.YES: "art5-yes",
    Article5Status.COMPLETED: "art5-completed",
    Article5Status.NONE: "art5-none",
    Article5Status.UNKNOWN: "art5-unknown",
}


def map_areas(
    states: list[StateParty], day: dt.date
) -> tuple[list[MapArea], list[StateParty]]:
    """Map shapes coloured by Article 5 status, and the parties too small to draw."""
    paths = worldmap.country_paths()
    by_iso = {state.iso3: state for state in states}
    areas = []
    for iso3, path in paths.items():
        state = by_iso.get(iso3)
        if state is None or state.is_party_on(day) is False:
            areas.append(MapArea(iso3, "", path, "not-party", ""))
            continue
        status = Article5Status(state.article5_status)
        areas.append(
            MapArea(iso3, state.name, path, MAP_CLASSES[status], str(status.label))
        )
    undrawn = [
        s for s in states if s.iso3 not in paths and s.is_party_on(day) is not False
    ]
    return areas, undrawn


def request_heartbeat() -> None:
    """Queue a heartbeat task; the worker answers by writing a WorkerHeartbeat row."""
    heartbeat.enqueue(timezone.now().isoformat())


def latest_heartbeat() -> WorkerHeartbeat | None:
    return WorkerHeartbeat.objects.order_by("-created_at").first()
