"""Case files, drafts, the log and the report: the Committee and the support unit only."""

import datetime as dt

import pytest

from casework.engagement.models import Case, Event
from casework.engagement.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects():
    case = factories.CaseFactory(final_reports={"en": "Draft text"})
    step = factories.StepFactory(case=case)
    event = factories.EventFactory()
    visit = factories.VisitFactory()
    from casework.engagement.models import LogEntry, Priority

    entry = LogEntry.objects.create(
        year=2025, date=dt.date(2025, 1, 1), edited={"en": "x"}
    )
    priority = Priority.objects.create(year=2025, texts={"en": "p"})
    return {
        "case": case,
        "step": step,
        "event": event,
        "visit": visit,
        "entry": entry,
        "priority": priority,
    }


def private_urls(o):
    case = o["case"].pk
    return [
        "/engagement/",
        "/engagement/cases/",
        f"/engagement/cases/{case}/",
        f"/engagement/cases/{case}/report/",
        f"/engagement/cases/{case}/report/fr.docx",
        f"/engagement/cases/{case}/report/es.pdf",
        f"/engagement/steps/{o['step'].pk}/",
        "/engagement/platforms/",
        "/engagement/platforms/SEN/",
        "/engagement/visits/",
        f"/engagement/visits/{o['visit'].pk}/",
        "/engagement/lessons/",
        "/engagement/events/",
        f"/engagement/events/{o['event'].pk}/",
        "/engagement/years/2025/",
        "/engagement/years/2025/report/fr/",
        "/engagement/years/2025/report/fr.docx",
        "/engagement/years/2025/report/es.pdf",
        f"/engagement/entries/{o['entry'].pk}/",
        f"/engagement/priorities/{o['priority'].pk}/",
        "/engagement/calendar/committee.ics",
    ]


def test_anonymous_is_sent_to_login(client, objects):
    for url in private_urls(objects):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url


@pytest.mark.parametrize("who", ["outsider", "owner"])
def test_focal_points_get_403_even_for_their_own_state(client, objects, request, who):
    # "owner" is Senegal's focal point: give Senegal a case to prove it stays hidden.
    Case.objects.update(state=factories.state("SEN"))
    client.force_login(request.getfixturevalue(who))
    for url in private_urls(objects):
        assert client.get(url).status_code == 403, url


def test_members_of_other_committees_get_403(client, objects, make_user):
    client.force_login(
        make_user("va", "committee_member", iso3="AUS", committee="victim_assistance")
    )
    for url in private_urls(objects):
        assert client.get(url).status_code == 403, url


def test_posts_are_refused_too(client, objects, outsider):
    client.force_login(outsider)
    case = objects["case"]
    assert (
        client.post(
            f"/engagement/cases/{case.pk}/report/",
            {"publish": "1", "published_on": "2025-06-30"},
        ).status_code
        == 403
    )
    case.refresh_from_db()
    assert case.published_on is None
    assert (
        client.post(
            f"/engagement/steps/{objects['step'].pk}/", {"delete": "1"}
        ).status_code
        == 403
    )


@pytest.mark.parametrize("who", ["committee_member", "support"])
def test_committee_and_support_unit_see_everything(client, objects, request, who):
    client.force_login(request.getfixturevalue(who))
    for url in private_urls(objects):
        assert client.get(url).status_code == 200, url


def test_unpublished_case_has_no_public_page(client, objects, committee_member):
    case = objects["case"]
    for c in (client,):
        assert c.get(f"/engagement/published/{case.pk}/").status_code == 404
        assert (
            c.get(f"/engagement/published/{case.pk}/report/en.pdf").status_code == 404
        )
    client.force_login(committee_member)
    # even the Committee reads drafts in the case file, not on the public page
    assert client.get(f"/engagement/published/{case.pk}/").status_code == 404


def test_published_case_is_public(client, objects):
    case = objects["case"]
    case.published_on = dt.date(2025, 6, 30)
    case.save()
    response = client.get(f"/engagement/published/{case.pk}/")
    assert response.status_code == 200
    assert "Draft text" in response.content.decode()
    assert (
        client.get(f"/engagement/published/{case.pk}/report/fr.docx").status_code == 200
    )


def test_public_calendar_shows_public_events_only(client, objects):
    today = dt.date.today()
    factories.EventFactory(titles={"en": "Open meeting"}, start=today, is_public=True)
    factories.EventFactory(
        titles={"en": "Closed meeting"}, start=today, is_public=False
    )
    for url in ("/engagement/calendar.ics", "/engagement/calendar/"):
        body = client.get(url).content.decode()
        assert "Open meeting" in body, url
        assert "Closed meeting" not in body, url
        assert "Guinea-Bissau" not in body, url


def test_committee_calendar_shows_everything(client, objects, committee_member):
    factories.EventFactory(
        titles={"en": "Closed meeting"},
        start=dt.date(2025, 2, 1),
        kind=Event.Kind.COMMITTEE_MEETING,
    )
    client.force_login(committee_member)
    body = client.get("/engagement/calendar/committee.ics?year=2025").content.decode()
    assert "Closed meeting" in body
    assert "Preparatory call" in body
    assert "DTSTART;VALUE=DATE:20250430" in body  # Article 7 reports due


@pytest.mark.parametrize(
    "url",
    [
        "/engagement/published/{case}/",
        "/engagement/published/{case}/report/es.pdf",
        "/engagement/calendar/",
        "/engagement/calendar.ics",
        "/calendar.ics",
    ],
)
def test_public_pages_are_read_only(client, objects, url):
    case = objects["case"]
    case.published_on = dt.date(2025, 6, 30)
    case.save()
    url = url.format(case=case.pk)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405
    assert client.head(url).status_code == 200


def test_adding_a_participant_takes_a_post_only(client, objects, committee_member):
    client.force_login(committee_member)
    step = objects["step"]
    assert client.get(f"/engagement/steps/{step.pk}/participants/").status_code == 405
    assert step.participants.count() == 0
