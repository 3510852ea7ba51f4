"""Preliminary observations: drafting from reviewed findings, editing, status, publication."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from casework.domain import state_names
from casework.domain.languages import LANGUAGES, pick
from casework.domain.locale import format_date
from casework.exports.spec import DocumentSpec, Heading, Paragraph, TitleBlock
from casework.exports.word_edits import Change, apply, body_paragraphs, changes
from casework.findings.services import reviewed_coverage
from casework.observations.drafting import draft
from casework.observations.models import (
    Observation,
    ObservationText,
    Revision,
    WordUpload,
)
from casework.observations.register import PlatformRecord
from casework.states.models import StateParty

WORD_TITLE = {
    "en": "Preliminary observations on cooperation and assistance, {year}",
    "fr": "Observations préliminaires sur la coopération et l'assistance, {year}",
    "es": "Observaciones preliminares sobre la cooperación y la asistencia, {year}",
}
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


@transaction.atomic
def edit(
    observation: Observation,
    language: str,
    text: str,
    *,
    user: User,
    source: str = Revision.Source.BROWSER,
    note: str = "",
) -> ObservationText:
    """Save an editor's text, kept as a revision; from now on readers and exports see it."""
    item = observation.texts.select_for_update().get(language=language)
    item.edited = text.replace("\r\n", "\n").strip()
    item.is_edited = True
    item.edited_by = user
    item.save()
    Revision.objects.create(
        text=item, body=item.edited, source=source, author=user, note=note
    )
    return item


# --- Word round trip: export one language text, read an edited copy back ----------


def word_spec(observation: Observation, language: str) -> DocumentSpec:
    """One language text as a Word/PDF document, marked draft until agreed."""
    item = observation.texts.get(language=language)
    name = state_names.forms(observation.state.iso3, language)
    return DocumentSpec(
        title=pick(WORD_TITLE, language).format(year=observation.year),
        language=language,
        symbol=f"APLC/CONF/{observation.year}/CA",
        date_line=format_date(timezone.localdate(), language),
        head=TitleBlock(original_language=language),
        draft=observation.status == Observation.Status.DRAFT,
        blocks=(
            Heading(name.subject_cap),
            *(
                Paragraph(p, number=f"{n}.")
                for n, p in enumerate(item.paragraphs(), start=1)
            ),
        ),
    )


def read_word(
    observation: Observation, language: str, data: bytes, *, filename: str, user: User
) -> WordUpload:
    """Keep an edited Word copy's paragraphs beside the draft's (WordFileError if the
    file cannot be read; nothing is stored then)."""
    edited = body_paragraphs(data)
    item = observation.texts.get(language=language)
    return WordUpload.objects.create(
        text=item,
        filename=filename[:255],
        uploaded_by=user,
        base=item.paragraphs(),
        edited=edited,
    )


class DraftChangedError(Exception):
    """The draft was edited after the Word copy was uploaded."""


def word_changes(upload: WordUpload) -> list[Change]:
    return changes(list(upload.base), list(upload.edited))


@transaction.atomic
def apply_word(
    upload: WordUpload, accepted: set[int], *, user: User
) -> ObservationText:
    """Make the accepted changes (indexes into `word_changes`) a new revision."""
    item = ObservationText.objects.select_for_update().get(pk=upload.text_id)
    if item.paragraphs() != list(upload.base):
        raise DraftChangedError
    found = word_changes(upload)
    chosen = [c for n, c in enumerate(found) if n in accepted]
    paragraphs = apply(item.paragraphs(), chosen)
    note = f"{upload.filename}: {len(chosen)}/{len(found)}"
    edited = edit(
        item.observation,
        item.language,
        "\n\n".join(paragraphs),
        user=user,
        source=Revision.Source.WORD,
        note=note,
    )
    upload.applied_at = timezone.now()
    upload.applied = len(chosen)
    upload.save(update_fields=["applied_at", "applied", "updated_at"])
    return edited


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
