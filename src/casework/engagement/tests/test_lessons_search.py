"""The lessons library finds a State by its name in English, French or Spanish (former
names too), through domain.state_names, and shows topics in the interface language."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client

from casework.engagement.services import search_lessons
from casework.engagement.tests import factories
from casework.states.models import StateParty

pytestmark = pytest.mark.django_db
URL = "/engagement/lessons/"


@pytest.fixture
def visits():
    state = StateParty.objects.get
    return {
        "turkey": factories.VisitFactory(
            requesting_state=state(iso3="NGA"),
            host_state=state(iso3="TUR"),
            status="lessons_recorded",
            lessons="Agree the programme with the host a month ahead.",
        ),
        "south_sudan": factories.VisitFactory(
            requesting_state=state(iso3="KHM"),
            host_state=state(iso3="SSD"),
            topics={
                "en": "land release",
                "fr": "la remise à disposition des terres",
                "es": "la liberación de tierras",
            },
            status="lessons_recorded",
            lessons="Bring the database officer.",
        ),
        "sudan": factories.VisitFactory(
            requesting_state=state(iso3="SDN"),
            host_state=state(iso3="JOR"),
            status="lessons_recorded",
            lessons="Share the survey forms before the visit.",
        ),
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Turkey", {"turkey"}),
        ("Türkiye", {"turkey"}),
        ("turkiye", {"turkey"}),
        ("Turquie", {"turkey"}),
        ("Turquía", {"turkey"}),
        ("Cambodge", {"south_sudan"}),
        ("Camboya", {"south_sudan"}),
        ("Cambodia", {"south_sudan"}),
        ("Soudan du Sud", {"south_sudan"}),
        ("Sudán del Sur", {"south_sudan"}),
        ("south sudan", {"south_sudan"}),
        ("Soudan", {"sudan"}),  # Sudan, not South Sudan
        ("Sudán", {"sudan"}),
        ("Cambodge database", {"south_sudan"}),  # a State and a word of the lessons
        ("Cambodge survey", set()),
        ("Nigéria Turquie", {"turkey"}),
        ("Camb", {"south_sudan"}),  # a part of a name still finds it
    ],
)
def test_a_state_is_found_by_its_name_in_any_language(visits, query, expected):
    found = {key for key, visit in visits.items() if visit in search_lessons(query)}
    assert found == expected


@pytest.mark.parametrize(
    ("language", "query", "topic", "state"),
    [
        ("en", "Turkey", "setting up a mine action centre", "Nigeria"),
        ("fr", "Turquie", "la création d&#x27;un centre de lutte antimines", "Nigéria"),
        (
            "es",
            "Turquía",
            "la creación de un centro de acción contra las minas",
            "Nigeria",
        ),
    ],
)
def test_the_library_page_speaks_the_interface_language(
    visits, committee_member, language, query, topic, state
):
    client = Client()
    client.force_login(committee_member)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get(URL, {"q": query}).content.decode()
    assert f'<html lang="{language}"' in page
    assert topic in page
    assert state in page and "Türkiye" in page
    assert "Agree the programme" in page
    assert "Bring the database officer" not in page
    other = {"en": "land release", "fr": "remise à disposition", "es": "liberación"}
    assert other[language] not in page
