"""Preliminary observations: drafting from reviewed findings, editing, status, publication."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from casework.domain.languages import LANGUAGES
from casework.findings.services import reviewed_coverage
from casework.observations.drafting import draft
from casework.observations.models import Observation, ObservationText
from casework.observations.register import PlatformRecord
from casework.states.models import StateParty

NEXT_STATUS = {
    Observation.Status.DRAFT: Observation.Status.AGREED,
    Observation.Status.AGREED: Observation.Status.PUBLISHED,
}


@transaction.atomic
def generate(
    state: StateParty, year: int, *, discard_edits: bool = False
) -> Observation:
    """(Re)draft the three language versions; edited texts are kept unless discarded."""
    coverage = reviewed_coverage([state.pk], year).get(state.pk)
    reported = coverage.codes if coverage else set()
    observation, _created = Observation.objects.get_or_create(state=state, year=year)
    observation.reported_codes = sorted(reported)
    observation.save(update_fields=["reported_codes", "updated_at"])
    platform = _platform_record(state)
    for language in LANGUAGES:
        text = draft(
            state,
            year,
            reported,
            language=language,
            has_documents=coverage is not None,
            platform=platform,
        )
        item, created = ObservationText.objects.get_or_create(
            observation=observation, language=language, defaults={"generated": text}
        )
        if not created:
            item.generated = text
            if discard_edits:
                item.is_edited, item.edited, item.edited_by = False, "", None
            item.save()
    return observation


def _platform_record(state: StateParty) -> PlatformRecord | None:
    """The engagement app's platform register entry, as the drafting needs it."""
    from casework.engagement.services import national_platform

    entry = national_platform(state)
    if entry is None:
        return None
    return PlatformRecord(
        exists=entry.exists,
        established_on=entry.established_on,
        last_meeting_on=entry.last_meeting_on,
    )


def edit(
    observation: Observation, language: str, text: str, *, user: User
) -> ObservationText:
    """Save an editor's text; from now on it is what readers and exports see."""
    item = observation.texts.get(language=language)
    item.edited = text.replace("\r\n", "\n").strip()
    item.is_edited = True
    item.edited_by = user
    item.save()
    return item


def advance(observation: Observation) -> Observation:
    """draft → agreed → published."""
    following = NEXT_STATUS.get(Observation.Status(observation.status))
    if following is None:
        return observation
    observation.status = following
    if following == Observation.Status.PUBLISHED:
        observation.published_at = timezone.now()
    observation.save(update_fields=["status", "published_at", "updated_at"])
    return observation


def reopen(observation: Observation) -> Observation:
    """Back to draft (e.g. after new findings); unpublishes."""
    observation.status = Observation.Status.DRAFT
    observation.published_at = None
    observation.save(update_fields=["status", "published_at", "updated_at"])
    return observation


def with_texts(observations: QuerySet[Observation]) -> QuerySet[Observation]:
    return observations.select_related("state").prefetch_related(
        Prefetch("texts", queryset=ObservationText.objects.order_by("language"))
    )


def published_for_state(state: StateParty) -> list[Observation]:
    """Published observations of a State, newest year first, texts prefetched (2 queries)."""
    return list(
        with_texts(
            Observation.objects.filter(state=state, status=Observation.Status.PUBLISHED)
        ).order_by("-year")
    )
