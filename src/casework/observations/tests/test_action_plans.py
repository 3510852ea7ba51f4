"""The action plan an observation cites follows the reporting year (issue 13)."""

import pytest

from casework.domain.indicators import INDICATORS
from casework.observations.drafting import draft
from casework.states.models import StateParty

pytestmark = pytest.mark.django_db

OSLO = {
    "en": "of the Oslo Action Plan",
    "fr": "du Plan d'action d'Oslo",
    "es": "del Plan de Acción de Oslo",
}
SIEM_REAP = {
    "en": "of the Siem Reap-Angkor Action Plan 2025–2029",
    "fr": "du Plan d'action de Siem Reap-Angkor 2025-2029",
    "es": "del Plan de Acción de Siem Reap-Angkor 2025-2029",
}
# Costed plan is OAP Action #2 (medium confidence), so its number is printed for 2024.
NUMBERED_2024 = {
    "en": "In line with Action #2 of the Oslo Action Plan, the Committee encourages "
    "Senegal to prepare an evidence-based",
    "fr": "Conformément à l'action n° 2 du Plan d'action d'Oslo, le Comité encourage "
    "le Sénégal à élaborer un plan de travail national",
    "es": "En consonancia con la acción n.º 2 del Plan de Acción de Oslo, el Comité "
    "alienta al Senegal a elaborar un plan de trabajo nacional",
}
COMMITMENTS_2025 = {
    "en": "In line with the commitments of the Siem Reap-Angkor Action Plan 2025–2029 on "
    "best practices for implementing the Convention, the Committee encourages Senegal to "
    "prepare",
    "fr": "Conformément aux engagements du Plan d'action de Siem Reap-Angkor 2025-2029 "
    "relatifs aux meilleures pratiques de mise en œuvre de la Convention, le Comité "
    "encourage le Sénégal à élaborer",
    "es": "En consonancia con los compromisos del Plan de Acción de Siem Reap-Angkor "
    "2025-2029 relativos a las mejores prácticas para la aplicación de la Convención, el "
    "Comité alienta al Senegal a elaborar",
}
# Everything but the costed plan reported: the ownership paragraph encourages on it alone.
ALL_BUT_COSTED_PLAN = {i.code for i in INDICATORS} - {"costed_plan"}


@pytest.fixture
def senegal():
    return StateParty.objects.get(iso3="SEN")


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_2024_cites_the_oslo_action_plan_with_its_action_number(senegal, language):
    text = draft(senegal, 2024, ALL_BUT_COSTED_PLAN, language=language)
    assert NUMBERED_2024[language] in text
    assert SIEM_REAP[language] not in text


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_2025_cites_the_siem_reap_angkor_plan_without_action_numbers(senegal, language):
    text = draft(senegal, 2025, ALL_BUT_COSTED_PLAN, language=language)
    assert COMMITMENTS_2025[language] in text
    assert OSLO[language] not in text
    assert "#" not in text and "n° " not in text and "n.º" not in text


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_gender_welcome_follows_the_year(senegal, language):
    reported = {"gender_diversity"}
    assert OSLO[language] in draft(senegal, 2024, reported, language=language)
    in_2025 = draft(senegal, 2025, reported, language=language)
    assert SIEM_REAP[language] in in_2025
    assert OSLO[language] not in in_2025


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_year_without_an_action_plan_omits_the_clause(senegal, language):
    text = draft(senegal, 2019, set(), language=language)
    assert OSLO[language] not in text and SIEM_REAP[language] not in text
    opening = {
        "en": "The Committee encourages Senegal to describe",
        "fr": "Le Comité encourage le Sénégal à décrire",
        "es": "El Comité alienta al Senegal a describir",
    }
    assert opening[language] in text
    welcome = {
        "en": "disability-disaggregated data.",
        "fr": "par âge et par handicap.",
        "es": "edad y discapacidad.",
    }
    assert welcome[language] in draft(
        senegal, 2019, {"gender_diversity"}, language=language
    )
    assert ", ." not in text and ",." not in text


@pytest.mark.parametrize("language", ["en", "fr", "es"])
@pytest.mark.parametrize("reported", [set(), ALL_BUT_COSTED_PLAN | {"costed_plan"}])
def test_every_indicator_is_said_reported_or_not(senegal, language, reported):
    """Drafting walks the domain's indicators, so none is ever left out."""
    text = draft(senegal, 2025, reported, language=language)
    for indicator in INDICATORS:
        assert indicator.topic(language) in text, indicator.code
