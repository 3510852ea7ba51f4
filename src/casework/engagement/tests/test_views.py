"""The pages work for the Committee: forms, status flow, publication, query counts."""

import datetime as dt

import pytest

from casework.engagement.models import Case, CaseStep, ExchangeVisit, LogEntry, Platform
from casework.engagement.services import published_for_state
from casework.engagement.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(client, committee_member):
    client.force_login(committee_member)
    return client


def test_a_case_goes_from_request_to_publication(member_client):
    gnb = factories.state("GNB")
    response = member_client.post(
        "/engagement/cases/", {"state": gnb.pk, "requested_on": "2025-01-15"}
    )
    case = Case.objects.get()
    assert response["Location"] == f"/engagement/cases/{case.pk}/"
    member_client.post(
        f"/engagement/cases/{case.pk}/",
        {
            "step-kind": "meeting",
            "step-date": "2025-06-18",
            "step-done": "on",
            "step-place": "Geneva",
            "step-needs_presented": "Survey teams",
        },
    )
    step = CaseStep.objects.get()
    member_client.post(
        f"/engagement/steps/{step.pk}/participants/",
        {"participant-organisation": "UNDP"},
    )
    member_client.post(
        f"/engagement/steps/{step.pk}/participants/",
        {"participant-state": factories.state("DNK").pk},
    )
    assert step.participants.count() == 2
    member_client.post(
        f"/engagement/cases/{case.pk}/",
        {"step-kind": "follow_up", "step-due_on": "2025-11-01"},
    )
    follow_up = CaseStep.objects.get(kind="follow_up")
    assert not follow_up.done
    body = member_client.get(f"/engagement/cases/{case.pk}/").content.decode()
    assert "Survey teams" in body and "UNDP" in body and "Denmark" in body

    member_client.post(f"/engagement/cases/{case.pk}/report/", {"draft": "1"})
    case.refresh_from_db()
    assert "Guinea-Bissau" in case.final_reports["en"]
    assert "la Guinée-Bissau" in case.final_reports["fr"]
    assert "Guinea-Bissau solicitó participar" in case.final_reports["es"]
    assert published_for_state(gnb) == []
    member_client.post(
        f"/engagement/cases/{case.pk}/report/",
        {"publish": "1", "published_on": "2025-06-30"},
    )
    case.refresh_from_db()
    assert case.published_on == dt.date(2025, 6, 30)
    assert published_for_state(gnb) == [case]


def test_a_case_without_a_report_cannot_be_published(member_client):
    case = factories.CaseFactory()
    member_client.post(
        f"/engagement/cases/{case.pk}/report/",
        {"publish": "1", "published_on": "2025-06-30"},
    )
    case.refresh_from_db()
    assert case.published_on is None


def test_presentations_are_uploaded_to_the_meeting(member_client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    from django.core.files.uploadedfile import SimpleUploadedFile

    step = factories.StepFactory(kind="meeting")
    member_client.post(
        f"/engagement/steps/{step.pk}/presentations/",
        {
            "attachment-title": "Needs",
            "attachment-file": SimpleUploadedFile("needs.pdf", b"%PDF-1.4"),
        },
    )
    assert step.attachments.get().title == "Needs"


def test_exchange_visit_status_flow_needs_lessons_before_the_last_step(member_client):
    visit = factories.VisitFactory()
    url = f"/engagement/visits/{visit.pk}/"
    for expected in ("approved", "done", "done"):
        member_client.post(url, {"advance": "1"})
        visit.refresh_from_db()
        assert visit.status == expected
    visit.lessons = "Train the database officer first."
    visit.save()
    member_client.post(url, {"advance": "1"})
    visit.refresh_from_db()
    assert visit.status == ExchangeVisit.Status.LESSONS_RECORDED
    body = member_client.get("/engagement/lessons/?q=database officer").content.decode()
    assert "Train the database officer first." in body
    assert (
        "No lesson matches"
        in member_client.get("/engagement/lessons/?q=helicopter").content.decode()
    )


def test_platform_register_and_coverage(member_client):
    url = "/engagement/platforms/SSD/"
    member_client.post(
        url,
        {
            "platform-exists": "yes",
            "platform-frequency": "quarterly",
            "platform-chaired_by": "National authority",
        },
    )
    assert Platform.objects.get().frequency == "quarterly"
    body = member_client.get("/engagement/platforms/").content.decode()
    assert "1 of" in body and "affected States report a platform" in body


def test_panel_with_speakers(member_client):
    member_client.post(
        "/engagement/events/",
        {
            "kind": "panel",
            "title_en": "funding",
            "title_fr": "le financement",
            "start": "2025-06-19",
            "in_report": "on",
        },
    )
    event = factories.EventFactory._meta.model.objects.get()
    member_client.post(
        f"/engagement/events/{event.pk}/",
        {"speaker": "1", "name": "A. Speaker", "organisation": "A Donor Agency"},
    )
    assert str(event.speakers.get()) == "A. Speaker (A Donor Agency)"


def test_year_page_edits_and_priorities(member_client, year_2025):
    url = "/engagement/years/2025/"
    assert member_client.get(url).status_code == 200
    member_client.post(
        url,
        {
            "priority": "1",
            "priority-order": "3",
            "priority-text_en": "Third.",
            "priority-text_fr": "Troisième.",
        },
    )
    member_client.post(
        url,
        {
            "entry": "1",
            "entry-date": "2025-09-01",
            "entry-edited_en": "A hand entry.",
            "entry-edited_fr": "Une entrée.",
        },
    )
    member_client.post(
        url,
        {
            "year": "1",
            "year-symbol": "APLC/MSP.22/2025/X",
            "year-issued_on": "2025-10-01",
            "year-status": "draft",
        },
    )
    entry = LogEntry.objects.get(
        source_key=f"event:{factories.EventFactory._meta.model.objects.get(kind='workshop').pk}"
    )
    member_client.post(
        f"/engagement/entries/{entry.pk}/",
        {"edited_en": "Rewritten.", "edited_fr": "Réécrit.", "in_report": "on"},
    )
    body = member_client.get("/engagement/years/2025/report/fr/").content.decode()
    assert "APLC/MSP.22/2025/X" in body and "1er octobre 2025" in body
    assert "Réécrit." in body and "Une entrée." in body and "Troisième." in body


def test_list_pages_have_bounded_queries(
    member_client, year_2025, django_assert_max_num_queries
):
    for _ in range(5):
        factories.StepFactory(case=factories.CaseFactory(state=factories.state("SSD")))
        factories.VisitFactory(lessons="x")
        factories.EventFactory()
    for url in (
        "/engagement/",
        "/engagement/cases/",
        "/engagement/platforms/",
        "/engagement/visits/",
        "/engagement/lessons/",
        "/engagement/events/",
        "/engagement/calendar/?year=2025",
    ):
        with django_assert_max_num_queries(14):
            assert member_client.get(url).status_code == 200
    member_client.get("/engagement/years/2025/")  # first visit writes the log
    with django_assert_max_num_queries(24):
        assert member_client.get("/engagement/years/2025/").status_code == 200


def test_published_case_is_linked_from_the_public_state_page(client, year_2025):
    assert published_for_state(year_2025.state) == [year_2025]
    body = client.get(f"/states/{year_2025.state.iso3}/").content.decode()
    assert f"/engagement/published/{year_2025.pk}/" in body


def test_case_page_lists_the_states_structured_needs(member_client):
    from decimal import Decimal

    from django.apps import apps

    need = apps.get_model("funding", "Need")
    case = factories.CaseFactory()
    need.objects.create(
        state=case.state,
        year=2025,
        amount=Decimal("1000"),
        currency="USD",
        source="case",
    )
    body = member_client.get(f"/engagement/cases/{case.pk}/").content.decode()
    assert "GNB 2025: 1000.00 USD" in body


def test_forms_offer_a_field_per_language_and_keep_the_texts_by_language(
    member_client,
):
    body = member_client.get("/engagement/events/").content.decode()
    for field in ("title_en", "title_fr", "title_es", "outcome_es"):
        assert f'name="{field}"' in body, field
    member_client.post(
        "/engagement/events/",
        {
            "kind": "workshop",
            "title_en": "victim assistance",
            "title_es": "la asistencia a las víctimas",
            "start": "2025-05-05",
            "in_report": "on",
        },
    )
    event = factories.EventFactory._meta.model.objects.get()
    assert event.titles == {
        "en": "victim assistance",
        "es": "la asistencia a las víctimas",
    }
    assert event.title("fr") == "victim assistance"  # an empty language falls back
    spanish = member_client.get(
        f"/engagement/events/{event.pk}/", HTTP_ACCEPT_LANGUAGE="es"
    )
    assert 'value="la asistencia a las víctimas"' in spanish.content.decode()


def test_a_text_is_needed_in_at_least_one_language(member_client):
    response = member_client.post(
        "/engagement/events/",
        {"kind": "workshop", "start": "2025-05-05", "in_report": "on"},
    )
    assert response.status_code == 200
    assert not factories.EventFactory._meta.model.objects.exists()
    assert "Write this text in at least one language." in response.content.decode()


def test_a_step_without_any_date_comes_last_on_the_timeline(member_client):
    case = factories.CaseFactory()
    factories.StepFactory(case=case, kind="pledge", date=None, done=False, notes="Z1")
    factories.StepFactory(case=case, kind="meeting", date=dt.date(2025, 6, 18))
    response = member_client.get(f"/engagement/cases/{case.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    assert body.index("18 June 2025") < body.index("Z1")


def test_dates_and_figures_follow_the_readers_language(member_client, year_2025):
    factories.VisitFactory(budget=25000, currency="CHF")
    spanish = member_client.get(
        "/engagement/visits/", HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert "del 12 al 15 de mayo de 2025" in spanish
    assert "25.000\u00a0CHF" in spanish
    french = member_client.get(
        f"/engagement/cases/{year_2025.pk}/", HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "1er mars 2025" in french
    calendar = member_client.get(
        "/engagement/calendar/?year=2025", HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert "junio de 2025" in calendar


def test_going_back_to_the_generated_text_opens_the_report_in_the_readers_language(
    member_client, year_2025
):
    member_client.get("/engagement/years/2025/")  # writes the log
    entry = LogEntry.objects.get(source_key__startswith="visit:")
    entry.edited = {"es": "Texto reescrito."}
    entry.save()
    response = member_client.post(
        f"/engagement/entries/{entry.pk}/", {"revert": "1"}, HTTP_ACCEPT_LANGUAGE="es"
    )
    assert response["Location"] == "/engagement/years/2025/report/es/"
    entry.refresh_from_db()
    assert entry.edited == {}
