"""Demo observations: drafted for every State-year with reviewed findings."""

from __future__ import annotations

from casework.findings.models import Finding
from casework.observations import services
from casework.observations.models import Observation
from casework.states.models import StateParty

# Target status per year: 2024 published, 2025 agreed for SEN, draft for the others.
PUBLISHED_YEARS = {2024}
AGREED = {("SEN", 2025), ("PER", 2025)}


def load_demo() -> None:
    pairs = (
        Finding.objects.exclude(decision=Finding.Decision.PENDING)
        .values_list("document__state_id", "document__year")
        .distinct()
    )
    for state_id, year in sorted(set(pairs)):
        state = StateParty.objects.get(pk=state_id)
        observation = services.generate(state, year)
        if year in PUBLISHED_YEARS:
            target = Observation.Status.PUBLISHED
        elif (state.iso3, year) in AGREED:
            target = Observation.Status.AGREED
        else:
            continue
        order = list(Observation.Status.values)
        while order.index(observation.status) < order.index(target):
            try:
                services.advance(observation, by=None)  # loaded by a command
            except services.AgreeError:
                break  # findings still pending review: the demo leaves it a draft
