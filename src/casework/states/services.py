"""Services of the states app: reference data, registry imports, look-ups for other apps."""

from __future__ import annotations

import csv
import datetime as dt
import logging
from pathlib import Path

from django.db import transaction
from django.db.models import Q
from django.http import Http404

from casework.states import registry
from casework.states.models import Article5Event, Committee, StateParty

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"
SHIPPED_REGISTRY = DATA_DIR / "states_parties.csv"
SHIPPED_ARTICLE5_EVENTS = DATA_DIR / "article5_events.csv"
# The shipped list was compiled when Tonga (in force 1 December 2025) was the latest party.
SHIPPED_REGISTRY_LISTED_ON = dt.date(2025, 12, 1)


def current_registry() -> dict[str, dict[str, object]]:
    """The registry as iso3 -> field values, in the shape registry.compare expects."""
    fields = list(registry.FIELDS)
    return {
        values.pop("iso3"): values
        for values in StateParty.objects.values("iso3", *fields)
    }


def plan_import(path: Path) -> registry.RegistryDiff:
    """Read a registry file and say what importing it would change; writes nothing."""
    return registry.compare(current_registry(), registry.read_rows(path))


@transaction.atomic
def apply_import(diff: registry.RegistryDiff, *, listed_on: dt.date) -> int:
    """Apply a diff in one transaction; return the number of States added or changed."""
    for row in diff.added:
        values = dict(row.values)
        if not values.get("name_es"):
            values["name_es"] = values["name_en"]
        StateParty.objects.create(iso3=row.iso3, **values)
    for iso3, changes in diff.changed.items():
        state = StateParty.objects.select_for_update().get(iso3=iso3)
        for change in changes:
            setattr(state, change.field, change.new)
        state.save()
    # Every State in the list that has not withdrawn was a party on the list's date.
    StateParty.objects.filter(
        iso3__in=diff.in_file, withdrawal_effective__isnull=True
    ).filter(
        Q(listed_as_party_on__isnull=True) | Q(listed_as_party_on__lt=listed_on)
    ).update(listed_as_party_on=listed_on)
    from casework.web import versions  # the update sends no signal: maps redraw

    versions.bump_on_commit("states")
    logger.info(
        "registry import: %d added, %d changed", len(diff.added), len(diff.changed)
    )
    return len(diff.added) + len(diff.changed)


@transaction.atomic
def load_reference_data() -> dict[str, int]:
    """Load the shipped registry, Article 5 history and committees; safe to run again."""
    diff = plan_import(SHIPPED_REGISTRY)
    if StateParty.objects.exists():
        # Never overwrite what the support unit has edited since: only add what was
        # missing or unknown (an existing database gets the dates the new list knows).
        diff = registry.fills_only(diff)
    apply_import(diff, listed_on=SHIPPED_REGISTRY_LISTED_ON)
    events = _load_article5_events()
    for code in Committee.Code:
        Committee.objects.get_or_create(code=code)
    return {
        "states": StateParty.objects.count(),
        "article5_events": events,
        "committees": Committee.objects.count(),
    }


def _load_article5_events() -> int:
    created = 0
    with SHIPPED_ARTICLE5_EVENTS.open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            state = StateParty.objects.get(iso3=record["iso3"])
            _, was_created = Article5Event.objects.get_or_create(
                state=state,
                year=int(record["year"]),
                kind=record["kind"],
                meeting=record["meeting"],
                defaults={
                    "new_deadline": record["new_deadline"],
                    "note": record["note"],
                    "source": record["source"],
                },
            )
            created += was_created
    return created


def get_state(iso3: str) -> StateParty:
    """The State with this ISO3 code (any case), or 404."""
    try:
        return StateParty.objects.get(iso3=iso3.upper())
    except StateParty.DoesNotExist:
        raise Http404(f"No State Party {iso3}") from None


def is_party(state: StateParty, day: dt.date) -> bool | None:
    """Whether `state` was bound by the Convention on `day` (None: the sources don't say).

    From entry into force until the day before the withdrawal takes effect; the rule is
    the treaty's (`casework.domain.treaty.Treaty.is_party`).
    """
    return state.is_party_on(day)


def parties_on(day: dt.date) -> list[StateParty]:
    """The States that were certainly parties on `day`, by ISO3 code."""
    return [s for s in StateParty.objects.order_by("iso3") if is_party(s, day) is True]


def parse_day(raw: str) -> dt.date:
    """A day typed as YYYY-MM-DD; ValueError with a message naming the expected form."""
    text = raw.strip()
    try:
        if len(text) != 10:
            raise ValueError(text)
        return dt.date.fromisoformat(text)
    except ValueError:
        raise ValueError(
            f"{raw!r} is not a date: write the day as YYYY-MM-DD, e.g. 2025-12-26"
        ) from None


def count_parties_on(day: dt.date) -> dict[str, int]:
    """How many States were parties on `day`, and for how many the sources don't say."""
    answers = [state.is_party_on(day) for state in StateParty.objects.all()]
    return {"parties": answers.count(True), "unknown": answers.count(None)}
