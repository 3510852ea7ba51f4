"""Observations computed from every record, citing them, and never contradicting them."""

import datetime as dt

import pytest
from django.urls import reverse

from casework.domain.indicators import indicator
from casework.domain.locale import format_date_range
from casework.domain.state_names import short_name
from casework.engagement.models import Case, CaseStep, Event, ExchangeVisit, Platform
from casework.exports.word_edits import changes
from casework.findings import services as findings
from casework.findings.models import Finding
from casework.observations import services
from casework.observations.consistency import contradictions
from casework.observations.drafting import draft
from casework.observations.knowledge import gather
from casework.observations.models import Observation
from casework.observations.register import PlatformRecord
from casework.observations.tests.reviewed import reviewed_state
from casework.states.models import StateParty

pytestmark = pytest.mark.django_db
LANGUAGES = ("en", "fr", "es")


def _visit(nga, tur):
    return ExchangeVisit.objects.create(
        requesting_state=nga,
        host_state=tur,
        topics={"en": "a mine action centre"},
        start=dt.date(2025, 10, 6),
        end=dt.date(2025, 10, 9),
        status=ExchangeVisit.Status.DONE,
    )


@pytest.fixture
def nigeria(support):
    state = reviewed_state("NGA", 2025, support, sha="n")
    _visit(state, StateParty.objects.get(iso3="TUR"))
    return state


@pytest.fixture
def cambodia(support):
    state = reviewed_state("KHM", 2025, support, sha="k")
    Platform.objects.create(
        state=state, exists="yes", established_on=dt.date(2019, 3, 1)
    )
    return state


@pytest.mark.parametrize("language", LANGUAGES)
def test_exchange_visit_is_cited_and_never_denied(nigeria, language):
    observation = services.generate(nigeria, 2025)
    text = observation.text(language)
    when = format_date_range(dt.date(2025, 10, 6), dt.date(2025, 10, 9), language)
    route = f"{short_name('NGA', language)} → {short_name('TUR', language)}"
    assert route in text
    assert when in text
    topic = indicator("knowledge_exchange").topic(language)
    denied = draft(nigeria, 2025, {"national_resources"}, language=language)
    assert topic in denied  # the old draft said "no information" on it...
    assert contradictions(denied, language, knowledge=gather(nigeria, 2025))
    assert contradictions(text, language, knowledge=gather(nigeria, 2025)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_platform_register_is_not_contradicted(cambodia, language):
    observation = services.generate(cambodia, 2025)
    text = observation.text(language)
    platform = indicator("national_platform")
    assert platform.encouragement(language) not in text
    assert "2019" in text
    assert contradictions(text, language) == []
    # The Cambodia case of the issue: no information, encouraged to keep one, has one.
    old = draft(
        cambodia,
        2025,
        {"national_resources"},
        language=language,
        platform=PlatformRecord(exists="yes"),
    )
    found = {c.code for c in contradictions(old, language)}
    assert found == {"national_platform"}
    assert len(contradictions(old, language)) == 2


@pytest.mark.parametrize("language", LANGUAGES)
def test_said_and_denied_in_one_text_is_refused(language):
    state = StateParty.objects.get(iso3="SEN")
    said = draft(state, 2025, {"challenges"}, language=language)
    denied = draft(state, 2025, set(), language=language)
    mixed = said.split("\n\n")[:2] + denied.split("\n\n")[1:2]
    problems = contradictions("\n\n".join(mixed), language)
    assert [p.code for p in problems] == ["challenges"]


def test_cases_and_events_are_cited(support):
    state = reviewed_state("SDN", 2025, support, sha="s")
    case = Case.objects.create(state=state, requested_on=dt.date(2025, 7, 21))
    event = Event.objects.create(
        kind=Event.Kind.INTERSESSIONAL,
        titles={"en": "Intersessional Meetings", "fr": "Réunions intersessions"},
        start=dt.date(2025, 6, 17),
    )
    CaseStep.objects.create(case=case, kind=CaseStep.Kind.MEETING, in_margins_of=event)
    observation = services.generate(state, 2025)
    assert "Intersessional Meetings" in observation.text("en")
    assert "Réunions intersessions" in observation.text("fr")
    assert "individualised-approach case requested on 21 July 2025" in (
        observation.text("en")
    )
    for language in LANGUAGES:
        assert indicator("individualised_approach").encouragement(
            language
        ) not in observation.text(language)


def test_pending_finding_is_pending_review_and_blocks_agreeing(client, support):
    state = reviewed_state("SEN", 2025, support)
    document = state.documents.get()
    pending = document.findings.get(indicator="gender_diversity")
    Finding.objects.filter(pk=pending.pk).update(decision=Finding.Decision.PENDING)
    observation = services.generate(state, 2025)
    topic = indicator("gender_diversity").topic("en")
    assert f"Information on {topic} is pending review." in observation.text("en")
    assert "en attente d'examen" in observation.text("fr")
    assert "pendiente de examen" in observation.text("es")
    assert topic not in observation.text("en").split("did not provide information")[1]
    with pytest.raises(services.AgreeError):
        services.advance(observation, by=None)
    client.force_login(support)
    page = client.get(reverse("observations:detail", args=[observation.pk]))
    assert b"Pending review" in page.content
    response = client.post(
        reverse("observations:status", args=[observation.pk]),
        {"action": "advance"},
        follow=True,
    )
    assert b"cannot be marked as agreed" in response.content
    observation.refresh_from_db()
    assert observation.status == Observation.Status.DRAFT
    findings.review(pending, support, decision="accepted")
    services.generate(state, 2025)
    observation.refresh_from_db()
    assert services.advance(observation, by=None).status == Observation.Status.AGREED


def test_a_changed_source_makes_the_draft_stale_and_the_update_is_a_diff(
    client, support, nigeria
):
    observation = services.generate(nigeria, 2025)
    services.edit(
        observation, "en", observation.text("en") + "\n\nA note.", user=support
    )
    assert not services.is_stale(observation)
    Platform.objects.create(state=nigeria, exists="yes")
    assert services.is_stale(observation)
    client.force_login(support)
    page = client.get(reverse("observations:detail", args=[observation.pk]))
    assert b"The sources changed" in page.content
    updates = {u.language: u for u in services.proposed_update(observation)}
    assert updates["en"].changes  # the coordination paragraph
    # the editor's own paragraph is not in the fresh draft: leave that change unticked
    keep = [n for n, c in enumerate(updates["en"].changes) if "A note." not in c.before]
    client.post(
        reverse("observations:update", args=[observation.pk]),
        {"accept-en": keep, "accept-fr": [0, 1, 2, 3, 4], "accept-es": [0, 1, 2]},
    )
    observation.refresh_from_db()
    assert not services.is_stale(observation)
    english = observation.text("en")
    assert "register of national platforms" in english and "A note." in english
    assert (
        changes(
            observation.texts.get(language="fr").paragraphs(),
            observation.texts.get(language="fr").generated.split("\n\n"),
        )
        == []
    )


def test_word_and_pdf_put_the_sources_in_footnotes(nigeria):
    observation = services.generate(nigeria, 2025)
    spec = services.word_spec(observation, "en")
    assert not any("[" in getattr(b, "text", "") for b in spec.blocks)
    assert any("Nigeria → Türkiye" in note for note in spec.footnotes())


def test_online_report_is_cited_as_such(owner, colleague, settings, tmp_path):
    from casework.reporting import services as reporting
    from casework.reporting.models import Report
    from casework.reporting.tests.factories import make_report

    settings.MEDIA_ROOT = tmp_path
    report = make_report()
    reporting.request_clearance(report, user=owner)
    reporting.clear(report, user=colleague)
    reporting.submit(Report.objects.get(pk=report.pk), user=owner)
    observation = Observation.objects.get(state=report.state, year=report.year)
    assert f"online Article 7 report for {report.year}" in observation.text("en")
    assert "rapport en ligne" in observation.text("fr")
    assert "informe en línea" in observation.text("es")
    assert not services.is_stale(observation)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_generated_draft_contradicts_itself_or_its_records(support, language):
    """Every mix of reported, recorded, pending and missing indicators, three States
    (singular, plural, elided), every platform register answer."""
    from casework.domain.indicators import CODES

    codes = list(CODES)
    for n, iso3 in enumerate(("KHM", "NLD", "AFG")):
        state = reviewed_state(iso3, 2025, support, sha="0123"[n])
        document = state.documents.get()
        pending = document.findings.get(indicator="gender_diversity")
        Finding.objects.filter(pk=pending.pk).update(decision="pending")
        _visit(state, StateParty.objects.get(iso3="TUR"))
        for exists in ("yes", "no", "unknown"):
            Platform.objects.update_or_create(state=state, defaults={"exists": exists})
            knowledge = gather(state, 2025)
            for start in range(0, len(codes), 3):
                knowledge.reported = {
                    c: knowledge.reported.get(c, []) for c in codes[start : start + 4]
                }
                text = draft(state, 2025, set(), language=language, knowledge=knowledge)
                assert contradictions(text, language, knowledge=knowledge) == [], text


def test_a_stale_draft_is_not_agreed_before_its_update(nigeria, support):
    observation = services.generate(nigeria, 2025)
    Platform.objects.create(state=nigeria, exists="no")
    with pytest.raises(services.AgreeError, match="sources changed"):
        services.advance(observation, by=None)
    services.accept_update(observation, {}, user=support)  # nothing taken over
    observation.refresh_from_db()
    assert "register of national platforms" not in observation.text("en")
    # no longer stale, but it still denies what the register now holds
    with pytest.raises(services.AgreeError, match="holds information"):
        services.advance(observation, by=None)
    Platform.objects.filter(state=nigeria).update(exists="yes")  # no signal, no save
    assert services.is_stale(observation)
    every = {
        u.language: set(range(len(u.changes)))
        for u in services.proposed_update(observation)
    }
    services.accept_update(observation, every, user=support)
    observation.refresh_from_db()
    assert "register of national platforms" in observation.text("en")
    assert services.advance(observation, by=None).status == Observation.Status.AGREED


def test_a_paragraph_edited_in_word_keeps_its_sources():
    from casework.observations import citations

    originals = [
        "Intro.",
        "Needs. Senegal provided information on X [Article 7 report, r.txt].",
        "Exchange. Records hold Y [exchange visit A → B, 6–9 October 2025].",
    ]
    plain = citations.plain(originals)
    assert plain[1] == "Needs. Senegal provided information on X."
    edited = [plain[0], "Needs. Senegal reported on X in detail.", plain[2]]
    restored = citations.restore(edited, originals)
    assert restored[0] == originals[0] and restored[2] == originals[2]
    assert restored[1] == (
        "Needs. Senegal reported on X in detail. [Article 7 report, r.txt]"
    )
    assert citations.split(restored[1])[1] == ["Article 7 report, r.txt"]
