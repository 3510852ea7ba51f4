"""A per-user secret calendar address (issue 17): subscribable, revocable, in the user's
profile language."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from casework.engagement.models import CalendarFeed
from casework.engagement.tests.factories import EventFactory

pytestmark = pytest.mark.django_db


def _feed(client, user) -> str:
    client.force_login(user)
    response = client.post(
        reverse("engagement:calendar_feed_change"), {"action": "regenerate"}
    )
    assert response.status_code == 302
    client.logout()
    return reverse(
        "engagement:calendar_feed", args=[CalendarFeed.objects.get(user=user).token]
    )


def test_the_feed_parses_without_a_session_in_the_profile_language(
    client, committee_member
):
    soon = timezone.localdate() + dt.timedelta(days=20)
    EventFactory(start=soon, is_public=False)
    committee_member.profile.preferred_language = "fr"
    committee_member.profile.save()
    url = _feed(client, committee_member)

    response = client.get(url)

    assert response.status_code == 200
    calendar = icalendar.Calendar.from_ical(response.content)
    titles = [str(e["summary"]) for e in calendar.walk("VEVENT")]
    assert any("l'établissement des rapports" in t for t in titles)  # Committee's own
    # the yearly deadline (a year back, two ahead) by gettext in the profile language
    assert "Rapports au titre de l'article 7 attendus" in titles
    assert response["Content-Language"] == "fr"


def test_a_regenerated_or_stopped_address_is_a_404(client, committee_member):
    old = _feed(client, committee_member)
    new = _feed(client, committee_member)
    assert old != new
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200
    client.force_login(committee_member)
    client.post(reverse("engagement:calendar_feed_change"), {"action": "stop"})
    client.logout()
    assert client.get(new).status_code == 404


def test_someone_outside_the_committee_gets_public_items_only(client, owner):
    soon = timezone.localdate() + dt.timedelta(days=20)
    EventFactory(start=soon, is_public=False)
    url = _feed(client, owner)
    calendar = icalendar.Calendar.from_ical(client.get(url).content)
    titles = " ".join(str(e["summary"]) for e in calendar.walk("VEVENT"))
    assert "reporting under Article 7" not in titles


def test_the_calendar_page_shows_the_address_and_its_buttons(client, owner):
    _feed(client, owner)
    client.force_login(owner)
    body = client.get(reverse("engagement:calendar")).content.decode()
    token = CalendarFeed.objects.get(user=owner).token
    assert token in body and 'value="stop"' in body


def test_anonymous_cannot_make_an_address(client):
    response = client.post(reverse("engagement:calendar_feed_change"))
    assert response.status_code == 302 and "login" in response["Location"]
    assert not CalendarFeed.objects.exists()


def test_the_calendar_page_gives_the_short_address_and_it_answers(
    client, committee_member
):
    long = _feed(client, committee_member)
    token = CalendarFeed.objects.get(user=committee_member).token
    short = f"/calendar/{token}.ics"
    assert reverse("calendar_feed", args=[token]) == short
    client.force_login(committee_member)
    assert short in client.get(reverse("engagement:calendar")).content.decode()
    client.logout()
    # The same clock for both (each feed stamps DTSTAMP with the time it was made).
    with time_machine.travel(dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC), tick=False):
        assert client.get(short).content == client.get(long).content
    assert client.get("/calendar/not-a-token.ics").status_code == 404
