"""Preliminary observations: drafting from reviewed findings, editing, status, publication."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from casework.audit import services as audit
from casework.domain import state_names
from casework.domain.languages import LANGUAGES, pick
from casework.domain.locale import format_date
from casework.exports.spec import DocumentSpec, Heading, Paragraph, TitleBlock
from casework.exports.word_edits import (
    Change,
    DraftChangedError,
    apply,
    body_paragraphs,
    changes,
)
from casework.observations import citations, consistency
from casework.observations.drafting import draft
from casework.observations.knowledge import Knowledge, gather
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


def drafts(state: StateParty, year: int, knowledge: Knowledge) -> dict[str, str]:
    """The generated text in every language from what the Committee knows."""
    return {
        language: draft(
            state, year, set(knowledge.reported), language=language, knowledge=knowledge
        )
        for language in LANGUAGES
    }


@transaction.atomic
def generate(
    state: StateParty, year: int, *, discard_edits: bool = False
) -> Observation:
    """(Re)draft the three language versions; edited texts are kept unless discarded."""
    knowledge = gather(state, year)
    observation, _created = Observation.objects.get_or_create(state=state, year=year)
    observation.reported_codes = sorted(knowledge.reported)
    observation.sources_stamp = knowledge.stamp
    observation.save(update_fields=["reported_codes", "sources_stamp", "updated_at"])
    for language, text in drafts(state, year, knowledge).items():
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
                Paragraph(text, number=f"{n}.", footnotes=tuple(sources))
                for n, (text, sources) in enumerate(
                    (citations.split(p) for p in item.paragraphs()), start=1
                )
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
        base=citations.plain(item.paragraphs()),
        edited=edited,
    )


def word_changes(upload: WordUpload) -> list[Change]:
    return changes(list(upload.base), list(upload.edited))


@transaction.atomic
def apply_word(
    upload: WordUpload, accepted: set[int], *, user: User
) -> ObservationText:
    """Make the accepted changes (indexes into `word_changes`) a new revision."""
    item = ObservationText.objects.select_for_update().get(pk=upload.text_id)
    if citations.plain(item.paragraphs()) != list(upload.base):
        raise DraftChangedError
    found = word_changes(upload)
    chosen = [c for n, c in enumerate(found) if n in accepted]
    paragraphs = citations.restore(apply(list(upload.base), chosen), item.paragraphs())
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


def is_stale(observation: Observation, knowledge: Knowledge | None = None) -> bool:
    """A source changed since the draft was generated."""
    current = knowledge or gather(observation.state, observation.year)
    return observation.sources_stamp != current.stamp


@dataclass(frozen=True, slots=True)
class Update:
    """The changes a fresh draft would make to one language text."""

    language: str
    current: list[str]
    proposed: list[str]
    changes: list[Change]


def proposed_update(
    observation: Observation, knowledge: Knowledge | None = None
) -> list[Update]:
    """Per language, the paragraph changes from the text as it stands to a fresh draft."""
    current = knowledge or gather(observation.state, observation.year)
    fresh = drafts(observation.state, observation.year, current)
    updates = []
    for item in observation.texts.all():
        proposed = [p.strip() for p in fresh[item.language].split("\n\n") if p.strip()]
        found = changes(item.paragraphs(), proposed)
        updates.append(Update(item.language, item.paragraphs(), proposed, found))
    return updates


@transaction.atomic
def accept_update(
    observation: Observation, accepted: dict[str, set[int]], *, user: User
) -> Observation:
    """Take the ticked changes (per language, indexes into `proposed_update`); the
    fresh draft becomes the generated text and the draft is no longer stale."""
    knowledge = gather(observation.state, observation.year)
    fresh = drafts(observation.state, observation.year, knowledge)
    updates = {u.language: u for u in proposed_update(observation, knowledge)}
    for item in observation.texts.select_for_update():
        update = updates[item.language]
        chosen = [
            c
            for n, c in enumerate(update.changes)
            if n in accepted.get(item.language, set())
        ]
        result = apply(update.current, chosen)
        item.generated = fresh[item.language]
        item.save(update_fields=["generated", "updated_at"])
        keep = update.current if item.is_edited else update.proposed
        if result != keep:
            edit(
                observation,
                item.language,
                "\n\n".join(result),
                user=user,
                note=f"update: {len(chosen)}/{len(update.changes)}",
            )
    observation.reported_codes = sorted(knowledge.reported)
    observation.sources_stamp = knowledge.stamp
    observation.save(update_fields=["reported_codes", "sources_stamp", "updated_at"])
    return observation


class AgreeError(ValueError):
    """The draft cannot be agreed yet; the message says why and what to do."""


def blockers(observation: Observation, knowledge: Knowledge | None = None) -> list[str]:
    """Why the draft may not be marked as agreed (translated; empty when it may)."""
    from django.utils.translation import gettext as _

    from casework.domain.indicators import label

    knowledge = knowledge or gather(observation.state, observation.year)
    found: list[str] = []
    if is_stale(observation, knowledge):
        found.append(
            _(
                "Its sources changed since it was generated. Take or leave out the "
                "changes offered on this page first."
            )
        )
    if knowledge.pending - knowledge.informed:
        topics = ", ".join(
            label(code, _lang())
            for code in sorted(knowledge.pending - knowledge.informed)
        )
        found.append(
            _(
                "Findings on %(topics)s are pending review. Review them on the "
                "document's findings page, then mark the draft as agreed."
            )
            % {"topics": topics}
        )
    for item in observation.texts.all():
        for problem in consistency.contradictions(
            item.text, item.language, knowledge=knowledge
        ):
            found.append(
                _(
                    "%(language)s text: %(problem)s Correct the text or update the draft."
                )
                % {"language": item.language.upper(), "problem": problem.message}
            )
    return found


def _lang() -> str:
    from django.utils import translation

    from casework.domain.languages import normalise

    return normalise(translation.get_language())


def _stored(observation: Observation) -> dict[str, Any] | None:
    """The observation as stored now, for the audit log's "before"."""
    return audit.snapshot(Observation.objects.filter(pk=observation.pk).first())


def _record_status(
    action: str,
    observation: Observation,
    *,
    by: User | None,
    before: dict[str, Any] | None,
    was: str,
) -> None:
    """Who moved the observation from `was` to its status, in the step's transaction."""
    audit.record(
        action,
        actor=by,
        obj=observation,
        before=before,
        after=audit.snapshot(observation),
        message=f"status: {was} → {observation.status}",
        source=audit.Source.APP if by is not None else audit.Source.COMMAND,
    )


@transaction.atomic
def advance(observation: Observation, *, by: User | None) -> Observation:
    """draft → agreed (AgreeError while findings are pending review or the text
    contradicts itself or the records) → published. The audit log records who (`by`;
    None for a command such as the demo loader)."""
    following = NEXT_STATUS.get(Observation.Status(observation.status))
    if following is None:
        return observation
    if following == Observation.Status.AGREED:
        problems = blockers(observation)
        if problems:
            raise AgreeError(" ".join(problems))
    before, was = _stored(observation), observation.status
    observation.status = following
    if following == Observation.Status.PUBLISHED:
        observation.published_at = timezone.now()
    observation.save(update_fields=["status", "published_at", "updated_at"])
    action = (
        audit.Action.PUBLISHED
        if following == Observation.Status.PUBLISHED
        else audit.Action.CHANGED  # agreed: a status change of the draft
    )
    _record_status(action, observation, by=by, before=before, was=was)
    return observation


@transaction.atomic
def reopen(observation: Observation, *, by: User | None) -> Observation:
    """Back to draft (e.g. after new findings); unpublishes. Recorded with who (`by`):
    "withdrawn" when it was published, "returned for changes" otherwise."""
    before, was = _stored(observation), observation.status
    if was == Observation.Status.DRAFT:
        return observation  # nothing to reopen, nothing to record
    observation.status = Observation.Status.DRAFT
    observation.published_at = None
    observation.save(update_fields=["status", "published_at", "updated_at"])
    action = (
        audit.Action.WITHDRAWN
        if was == Observation.Status.PUBLISHED
        else audit.Action.RETURNED
    )
    _record_status(action, observation, by=by, before=before, was=was)
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
