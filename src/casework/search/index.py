"""What each kind of record puts into the search index, and keeping the index in step."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from casework.domain.indicators import label
from casework.domain.languages import LANGUAGES
from casework.search.models import SearchEntry
from casework.search.text import fold, state_names

# The longest text kept per record (a long report is still found by its first pages).
MAX_BODY = 200_000
Kind = SearchEntry.Kind


@dataclass(frozen=True, slots=True)
class Entry:
    kind: str
    object_id: int
    state_id: int | None
    year: int | None
    title: str
    url: str
    parts: tuple[str, ...]


def _names(state: object | None) -> list[str]:
    iso3 = getattr(state, "iso3", None)
    return state_names(iso3) if iso3 else []


def _texts(texts: object) -> list[str]:
    if not isinstance(texts, dict):
        return []
    return [t for t in texts.values() if isinstance(t, str) and t.strip()]


def document_entry(document: object) -> Entry:
    from casework.documents.models import Document

    assert isinstance(document, Document)
    return Entry(
        Kind.DOCUMENT,
        document.pk,
        document.state_id,
        document.year,
        f"{document.filename} · {document.state.name_en} · {document.year}",
        reverse("documents:detail", args=[document.pk]),
        (
            document.filename,
            str(document.get_kind_display()),
            *_names(document.state),
            document.text or "",
        ),
    )


def finding_entry(finding: object) -> Entry:
    from casework.findings.models import Finding

    assert isinstance(finding, Finding)
    document = finding.document
    evidence = [str(e.get("text", "")) for e in finding.shown_evidence]
    return Entry(
        Kind.FINDING,
        finding.pk,
        document.state_id,
        document.year,
        f"{label(finding.indicator, 'en')} · {document.filename}",
        reverse("findings:document", args=[document.pk]) + f"#finding-{finding.pk}",
        (
            *(label(finding.indicator, lang) for lang in LANGUAGES),
            *evidence,
            finding.comment,
            document.filename,
            *_names(document.state),
        ),
    )


def observation_entry(observation: object) -> Entry:
    from casework.observations.models import Observation

    assert isinstance(observation, Observation)
    return Entry(
        Kind.OBSERVATION,
        observation.pk,
        observation.state_id,
        observation.year,
        f"{observation.state.name_en} · {observation.year}",
        reverse("observations:detail", args=[observation.pk]),
        (*_names(observation.state), *(t.text for t in observation.texts.all())),
    )


def case_entry(case: object) -> Entry:
    from casework.engagement.models import Case

    assert isinstance(case, Case)
    steps = [
        part
        for step in case.steps.all()
        for part in (step.needs_presented, step.notes, step.pledged_by, step.place)
        if part
    ]
    return Entry(
        Kind.CASE,
        case.pk,
        case.state_id,
        case.requested_on.year,
        f"{case.state.name_en} · {case.requested_on:%Y}",
        reverse("engagement:case", args=[case.pk]),
        (*_names(case.state), case.summary, *_texts(case.final_reports), *steps),
    )


def event_entry(event: object) -> Entry:
    from casework.engagement.models import Event

    assert isinstance(event, Event)
    return Entry(
        Kind.EVENT,
        event.pk,
        None,
        event.start.year,
        f"{event.title('en')} · {event.start:%Y-%m-%d}",
        reverse("engagement:event", args=[event.pk]),
        (
            *_texts(event.titles),
            *_texts(event.outcomes),
            event.place,
            event.participants,
            str(event.get_kind_display()),
        ),
    )


def _store(entry: Entry) -> None:
    SearchEntry.objects.update_or_create(
        kind=entry.kind, object_id=entry.object_id, defaults=_row(entry)
    )


def _row(entry: Entry) -> dict[str, object]:
    body = "\n".join(p for p in entry.parts if p)[:MAX_BODY]
    return {
        "state_id": entry.state_id,
        "year": entry.year,
        "title": entry.title[:300],
        "url": entry.url[:300],
        "body": body,
        "folded": fold(body),
    }


# The columns `_row` fills (`state_id` is the field `state`), and the time of the change.
UPDATED_FIELDS = ["state", "year", "title", "url", "body", "folded", "updated_at"]


def _store_many(kind: str, entries: list[Entry]) -> None:
    """`_store` for several records of one kind: one read, one insert, one update."""
    stored = {
        e.object_id: e
        for e in SearchEntry.objects.filter(
            kind=kind, object_id__in=[entry.object_id for entry in entries]
        ).only("pk", "kind", "object_id")
    }
    now = timezone.now()
    fresh, changed = [], []
    for entry in entries:
        row = _row(entry)
        record = stored.get(entry.object_id)
        if record is None:
            fresh.append(SearchEntry(kind=kind, object_id=entry.object_id, **row))
        else:
            for name, value in row.items():
                setattr(record, name, value)
            record.updated_at = now  # auto_now: bulk_update does not set it
            changed.append(record)
    if fresh:
        SearchEntry.objects.bulk_create(fresh)
    if changed:
        SearchEntry.objects.bulk_update(changed, UPDATED_FIELDS)


# What each kind's entry reads besides the record itself (fetched with it).
RELATED: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    Kind.DOCUMENT: (("state",), ()),
    Kind.FINDING: (("document__state",), ()),
    Kind.OBSERVATION: (("state",), ("texts",)),
    Kind.CASE: (("state",), ("steps",)),
    Kind.EVENT: ((), ()),
}


def index_records(records: list[tuple[str, type[Model], int]]) -> None:
    """Index (kind, model, pk) records as they now are, a few queries per kind; a
    record that no longer exists leaves the index. The entries are those of `index`."""
    groups: dict[tuple[str, type[Model]], list[int]] = {}
    for kind, model, pk in records:
        groups.setdefault((kind, model), []).append(pk)
    for (kind, model), pks in groups.items():
        select, prefetch = RELATED[kind]
        found = {
            record.pk: record
            for record in model._default_manager.filter(pk__in=pks)
            .select_related(*select)
            .prefetch_related(*prefetch)
        }
        gone = [pk for pk in pks if pk not in found]
        if gone:
            SearchEntry.objects.filter(kind=kind, object_id__in=gone).delete()
        entries = [BUILDERS[kind](found[pk]) for pk in pks if pk in found]
        if entries:
            _store_many(kind, entries)


def remove(kind: str, object_id: int) -> None:
    SearchEntry.objects.filter(kind=kind, object_id=object_id).delete()


BUILDERS: dict[str, Callable[[object], Entry]] = {
    Kind.DOCUMENT: document_entry,
    Kind.FINDING: finding_entry,
    Kind.OBSERVATION: observation_entry,
    Kind.CASE: case_entry,
    Kind.EVENT: event_entry,
}


def index(kind: str, record: object) -> None:
    """Put one record into the index (again)."""
    _store(BUILDERS[kind](record))


def _all() -> Iterable[tuple[str, object]]:
    from casework.documents.models import Document
    from casework.engagement.models import Case, Event
    from casework.findings.models import Finding
    from casework.observations.models import Observation

    for document in Document.objects.select_related("state").iterator():
        yield Kind.DOCUMENT, document
    for finding in Finding.objects.select_related("document__state").iterator():
        yield Kind.FINDING, finding
    for observation in Observation.objects.select_related("state").prefetch_related(
        "texts"
    ):
        yield Kind.OBSERVATION, observation
    for case in Case.objects.select_related("state").prefetch_related("steps"):
        yield Kind.CASE, case
    for event in Event.objects.all():
        yield Kind.EVENT, event


@transaction.atomic
def rebuild() -> int:
    """Empty the index and fill it from every record; the number of entries."""
    SearchEntry.objects.all().delete()
    count = 0
    for kind, record in _all():
        index(kind, record)
        count += 1
    return count
