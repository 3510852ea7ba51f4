"""The sentences of the generated documents, in every language."""

import datetime as dt

import pytest

from casework.domain.languages import LANGUAGES
from casework.engagement import phrases
from casework.engagement.models import CaseStep, ExchangeVisit, Participant
from casework.engagement.tests import factories


@pytest.mark.parametrize(
    ("day", "language", "expected"),
    [
        (dt.date(2025, 1, 27), "en", "On 27 January 2025"),
        (dt.date(2025, 3, 1), "fr", "Le 1er mars 2025"),
        (dt.date(2025, 1, 27), "es", "El 27 de enero de 2025"),
    ],
)
def test_a_sentence_opens_with_its_date(day, language, expected):
    assert phrases.on_date(day, language) == expected


@pytest.mark.parametrize(
    ("start", "end", "language", "expected"),
    [
        (dt.date(2025, 6, 2), dt.date(2025, 6, 4), "fr", "Du 2 au 4 juin 2025"),
        (dt.date(2025, 6, 1), dt.date(2025, 6, 4), "fr", "Du 1er au 4 juin 2025"),
        (dt.date(2025, 5, 30), dt.date(2025, 6, 4), "en", "From 30 May to 4 June 2025"),
        (
            dt.date(2025, 6, 2),
            dt.date(2025, 6, 4),
            "es",
            "Del 2 al 4 de junio de 2025",
        ),
        (
            dt.date(2024, 12, 30),
            dt.date(2025, 1, 2),
            "es",
            "Del 30 de diciembre de 2024 al 2 de enero de 2025",
        ),
    ],
)
def test_a_span_of_days(start, end, language, expected):
    assert phrases.on_date(start, language, end=end) == expected


def test_places_are_spelled_in_each_language():
    assert [phrases.place_name("Geneva", lang) for lang in ("en", "fr", "es")] == [
        "Geneva",
        "Genève",
        "Ginebra",
    ]
    assert phrases.place_name("Dakar", "es") == "Dakar"


@pytest.mark.django_db
def test_a_meeting_speaks_every_language_with_the_state_in_its_grammar():
    case = factories.CaseFactory(state=factories.state("SEN"))
    step = factories.StepFactory(
        case=case, kind=CaseStep.Kind.MEETING, date=dt.date(2025, 6, 18), place="Geneva"
    )
    Participant.objects.create(step=step, organisation="UNDP")
    Participant.objects.create(step=step, state=factories.state("SSD"))
    Participant.objects.create(step=step, organisation="UNDP")  # named once
    texts = phrases.step_texts(step)
    assert set(texts) == set(LANGUAGES)
    assert texts["fr"] == (
        "Le 18 juin 2025, une réunion au titre de l'approche individualisée consacrée "
        "au Sénégal s'est tenue à Genève, avec UNDP et le Soudan du Sud."
    )
    assert texts["es"] == (
        "El 18 de junio de 2025, se celebró una reunión en el marco del enfoque "
        "individualizado dedicada al Senegal en Ginebra, con UNDP y el Sudán del Sur."
    )


@pytest.mark.django_db
def test_a_step_without_its_date_says_nothing():
    step = factories.StepFactory(kind=CaseStep.Kind.FOLLOW_UP, date=None)
    assert phrases.step_texts(step) == {}


@pytest.mark.django_db
def test_an_exchange_visit_in_spanish():
    visit = factories.VisitFactory(status=ExchangeVisit.Status.LESSONS_RECORDED)
    text = phrases.visit_texts(visit)["es"]
    assert text.startswith(
        "Del 12 al 15 de mayo de 2025, con el apoyo del Fondo de Cooperación y "
        "Asistencia, las autoridades nacionales de Nigeria visitaron a sus homólogos "
        "de Türkiye"
    )
    assert "biblioteca de enseñanzas del Comité" in text
