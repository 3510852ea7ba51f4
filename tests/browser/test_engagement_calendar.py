"""Issue 6: the public sees public events only; focal points never see case files."""

import datetime as dt

import pytest

from casework.engagement.models import Case, Event
from casework.states.models import StateParty
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def agenda():
    today = dt.date.today()
    Event.objects.create(
        kind="intersessional",
        titles={"en": "intersessional meetings", "fr": "réunions intersessions"},
        start=today + dt.timedelta(days=10),
        is_public=True,
    )
    Event.objects.create(
        kind="committee_meeting",
        titles={"en": "a closed Committee meeting", "fr": "une réunion à huis clos"},
        start=today + dt.timedelta(days=12),
    )
    return Case.objects.create(
        state=StateParty.objects.get(iso3="SEN"),
        requested_on=today,
        final_reports={"en": "Draft"},
    )


def test_public_calendar_and_feed(page, live_server, agenda):
    page.goto(f"{live_server.url}/engagement/calendar/")
    body = page.locator("main").inner_text()
    assert "Intersessional meetings" in body
    assert "closed Committee meeting" not in body
    feed = page.request.get(f"{live_server.url}/engagement/calendar.ics")
    assert feed.headers["content-type"].startswith("text/calendar")
    assert "SUMMARY:intersessional meetings" in feed.text()
    assert "closed" not in feed.text()


def test_the_states_own_focal_point_cannot_open_its_unpublished_case(
    page, live_server, owner, agenda
):
    log_in(page, live_server, "owner")
    response = page.goto(f"{live_server.url}/engagement/cases/{agenda.pk}/")
    assert response.status == 403
    response = page.goto(f"{live_server.url}/engagement/published/{agenda.pk}/")
    assert response.status == 404
