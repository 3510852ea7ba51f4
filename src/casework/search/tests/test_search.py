"""Search across documents, findings, observations, cases and events (SQLite FTS5 here,
PostgreSQL full-text search with DATABASE_URL), accent-insensitive, State names in EN/FR/ES,
and never past the access rules of each app."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from casework.documents.models import AnalysisRun, Document, StoredOriginal
from casework.engagement.models import Case, Event
from casework.findings import services as findings
from casework.observations import services as observations
from casework.search.index import rebuild
from casework.search.models import SearchEntry
from casework.search.services import search
from casework.search.text import find_states, fold
from casework.states.models import StateParty

pytestmark = pytest.mark.django_db


def _document(iso3: str, sha: str, text: str) -> Document:
    original = StoredOriginal.objects.create(sha256=sha * 64, size=1, extension=".txt")
    document = Document.objects.create(
        state=StateParty.objects.get(iso3=iso3),
        kind="article7_report",
        year=2025,
        filename=f"article7-{iso3.lower()}.txt",
        original=original,
        text=text,
        pages=1,
    )
    run = AnalysisRun.objects.create(document=document, status="done")
    findings.sync_findings(
        document,
        run=run,
        indicators={
            "national_resources": {
                "present": True,
                "score": 0.9,
                "evidence": [{"page": 1, "text": text.split(".")[0] + "."}],
            }
        },
    )
    return document


@pytest.fixture
def records():
    khm = _document(
        "KHM", "c", "Le déminage humanitaire a progressé. Budget national accru."
    )
    ssd = _document("SSD", "d", "Mine clearance in Jonglei state continued.")
    per = _document("PER", "e", "Desminado humanitario en la frontera.")
    case = Case.objects.create(
        state=StateParty.objects.get(iso3="SSD"),
        requested_on=dt.date(2025, 3, 1),
        summary="Needs for victim assistance in Jonglei.",
    )
    public = Event.objects.create(
        kind=Event.Kind.PANEL,
        titles={"en": "Panel on mine risk education", "fr": "Panel sur l'éducation"},
        start=dt.date(2025, 6, 18),
        is_public=True,
    )
    private = Event.objects.create(
        kind=Event.Kind.COMMITTEE_MEETING,
        titles={"en": "Committee preparatory meeting on Jonglei"},
        start=dt.date(2025, 5, 2),
    )
    return {
        "khm": khm,
        "ssd": ssd,
        "per": per,
        "case": case,
        "public": public,
        "private": private,
    }


def _kinds(results):
    return {(hit.entry.kind, hit.entry.object_id) for hit in results.hits}


def test_fold_keeps_positions_and_drops_accents():
    text = "Éducation au risque — Türkiye, Côte d'Ivoire"
    assert fold(text) == "education au risque — turkiye, cote d'ivoire"
    assert len(fold(text)) == len(text)


@pytest.mark.parametrize(
    ("query", "iso3"),
    [
        ("Cambodge", "KHM"),
        ("Camboya", "KHM"),
        ("Soudan du Sud", "SSD"),
        ("Sudán del Sur", "SSD"),
        ("South Sudan", "SSD"),
        ("Turkey", "TUR"),
        ("Turquie", "TUR"),
        ("Türkiye", "TUR"),
    ],
)
def test_state_names_in_any_language_name_the_state(query, iso3):
    states, rest = find_states(query)
    assert states == [iso3]
    assert rest == []


def test_accent_insensitive_in_every_language(records, support):
    for query in ("deminage", "Déminage", "DÉMINAGE", "démin"):
        assert ("document", records["khm"].pk) in _kinds(search(support, query))
    assert ("document", records["per"].pk) in _kinds(search(support, "desminádo"))


def test_a_state_name_finds_its_records_in_each_language(records, support):
    for query in ("Cambodge", "Cambodia", "Camboya"):
        found = _kinds(search(support, query))
        assert ("document", records["khm"].pk) in found
        assert ("document", records["ssd"].pk) not in found
    south_sudan = _kinds(search(support, "Soudan du Sud"))
    assert ("document", records["ssd"].pk) in south_sudan
    assert ("case", records["case"].pk) in south_sudan
    assert ("document", records["khm"].pk) not in south_sudan


def test_findings_observations_cases_and_events_are_found(records, support):
    state = StateParty.objects.get(iso3="KHM")
    findings.review(records["khm"].findings.get(), support, decision="accepted")
    observation = observations.generate(state, 2025)
    found = _kinds(search(support, "Cambodge déminage"))
    assert ("finding", records["khm"].findings.get().pk) in found
    assert ("observation", observation.pk) not in found  # it does not say "déminage"
    assert ("observation", observation.pk) in _kinds(search(support, "Cambodge"))
    jonglei = _kinds(search(support, "jonglei"))
    assert ("case", records["case"].pk) in jonglei
    assert ("event", records["private"].pk) in jonglei


def test_edits_reach_the_index(records, support):
    document = records["per"]
    document.text = "Una plataforma nacional se reunió en Lima."
    document.save()
    assert ("document", document.pk) in _kinds(search(support, "plataforma lima"))
    assert ("document", document.pk) not in _kinds(search(support, "frontera"))
    pk = records["public"].pk
    records["public"].delete()
    assert not SearchEntry.objects.filter(kind="event", object_id=pk).exists()


def test_a_focal_point_never_finds_another_states_private_records(
    records, owner, outsider, committee_member
):
    # outsider: Peru's focal point
    peru = _kinds(search(outsider, "humanitario"))
    assert ("document", records["per"].pk) in peru
    for query in ("Cambodge", "déminage", "jonglei", "Soudan du Sud"):
        found = _kinds(search(outsider, query))
        assert all(kind != "document" and kind != "finding" for kind, _ in found)
        assert ("case", records["case"].pk) not in found
        assert ("event", records["private"].pk) not in found
    assert ("event", records["public"].pk) in _kinds(search(outsider, "risk"))
    # the case becomes findable once its final report is published
    records["case"].published_on = dt.date(2025, 9, 1)
    records["case"].save()
    hit = next(h for h in search(outsider, "jonglei").hits if h.entry.kind == "case")
    assert hit.url == reverse("engagement:published_case", args=[records["case"].pk])
    # a committee member sees every State's documents and the Committee's events
    member = _kinds(search(committee_member, "jonglei"))
    assert ("document", records["ssd"].pk) in member
    assert ("event", records["private"].pk) in member


def test_rebuild_fills_the_index_from_every_record(records, support):
    SearchEntry.objects.filter(kind="document").delete()
    assert ("document", records["khm"].pk) not in _kinds(search(support, "Cambodge"))
    call_command("search_rebuild", verbosity=0)
    assert ("document", records["khm"].pk) in _kinds(search(support, "Cambodge"))
    assert rebuild() == SearchEntry.objects.count()


def test_an_empty_index_is_filled_at_the_first_search(records, support):
    SearchEntry.objects.all().delete()
    assert ("document", records["khm"].pk) in _kinds(search(support, "Cambodge"))


def test_search_page(client, records, outsider):
    url = reverse("search:search")
    assert client.get(url, {"q": "x"}).status_code == 302  # log in first
    client.force_login(outsider)
    page = client.get(url, {"q": "Perú"})
    assert page.status_code == 200
    assert records["per"].filename.encode() in page.content
    assert records["khm"].filename.encode() not in page.content
    assert b"Nothing found" in client.get(url, {"q": "zzzqqq"}).content
    # FTS5 syntax typed by a user is words, not an error
    assert client.get(url, {"q": 'AND "OR NEAR(*'}).status_code == 200


def _entries() -> list[tuple]:
    return sorted(
        SearchEntry.objects.values_list(
            "kind", "object_id", "state_id", "year", "title", "url", "body", "folded"
        )
    )


def _analyse(document: Document, text: str, codes: dict[str, str]) -> None:
    """What the worker writes for a document's results, in one transaction."""
    from django.db import transaction

    run = AnalysisRun.objects.create(document=document, status="done")
    with transaction.atomic():
        document.text = text
        document.save()
        findings.sync_findings(
            document,
            run=run,
            indicators={
                code: {"present": True, "evidence": [{"page": 1, "text": passage}]}
                for code, passage in codes.items()
            },
        )


@pytest.mark.parametrize("batch", [False, True])
def test_a_batch_indexes_the_document_and_its_findings_as_one_by_one(
    batch: bool,
) -> None:
    """The worker indexes a document's results in one batch (signals.batched): the
    entries are those written record by record (the same as a rebuild gives), new or
    updated, none twice."""
    import contextlib

    from casework.search.signals import batched

    document = _document("KHM", "f", "Le déminage humanitaire a progressé.")
    wrap = batched if batch else contextlib.nullcontext
    with wrap():
        _analyse(
            document,
            "Année 2025. Budget national accru.",
            {"national_resources": "Budget national accru.", "challenges": "Année."},
        )
    with wrap():  # a second analysis: the same entries, updated
        _analyse(
            document,
            "Côte d'Ivoire. Budget national accru.",
            {"challenges": "Côte d'Ivoire.", "assistance_needs": "Budget national."},
        )
    got = _entries()
    kinds = [e[0] for e in got]
    assert kinds.count("document") == 1
    assert (
        kinds.count("finding") == 3
    )  # national_resources, challenges, assistance_needs
    document_entry = next(e for e in got if e[0] == "document")
    assert "Côte d'Ivoire" in document_entry[6]
    assert "cote d'ivoire" in document_entry[7]
    challenges = next(e for e in got if e[0] == "finding" and "Côte" in e[6])
    assert "cote d'ivoire" in challenges[7] and "Année" not in challenges[6]
    rebuild()
    assert _entries() == got


def test_a_batch_leaves_nothing_behind_when_its_transaction_rolls_back() -> None:
    from django.db import transaction

    from casework.search.signals import batched

    document = _document("KHM", "g", "Le déminage humanitaire a progressé.")
    before = _entries()
    with pytest.raises(RuntimeError), transaction.atomic(), batched():
        document.text = "Texte nouveau."
        document.save()
        assert _entries() == before  # not yet: at the end of the batch
        raise RuntimeError("the write failed")
    assert _entries() == before


def test_a_batch_drops_the_entry_of_a_record_deleted_inside_it() -> None:
    from django.db import transaction

    from casework.search.signals import batched

    case = Case.objects.create(
        state=StateParty.objects.get(iso3="SSD"),
        requested_on=dt.date(2025, 3, 1),
        summary="Needs for victim assistance in Jonglei.",
    )
    assert SearchEntry.objects.filter(kind="case", object_id=case.pk).exists()
    with transaction.atomic(), batched():
        case.summary = "Changed."
        case.save()
        case.delete()
    assert not SearchEntry.objects.filter(kind="case").exists()


def test_an_index_write_that_fails_is_retried_by_the_worker(
    records, support, monkeypatch, django_capture_on_commit_callbacks, run_queued_tasks
):
    from django.db import OperationalError

    from casework.search import index as search_index

    real = search_index.index
    failures = []

    def locked(kind, record):
        if not failures:
            failures.append(kind)
            raise OperationalError("database is locked")
        return real(kind, record)

    monkeypatch.setattr(search_index, "index", locked)
    document = records["per"]
    with django_capture_on_commit_callbacks(execute=True):
        document.text = "Un taller regional sobre gestión de la información."
        document.save()  # saved, although its index entry was not written
    assert failures == ["document"]
    assert Document.objects.get(pk=document.pk).text.startswith("Un taller")
    assert ("document", document.pk) not in _kinds(search(support, "taller regional"))
    run_queued_tasks()
    assert ("document", document.pk) in _kinds(search(support, "taller regional"))
