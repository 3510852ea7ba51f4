import datetime as dt

import pytest

from casework.engagement import french


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2025, 1, 27), "le 27 janvier 2025"),
        (dt.date(2025, 3, 1), "le 1er mars 2025"),
    ],
)
def test_french_dates(day, expected):
    assert french.on_date(day, "fr").lower() == expected


def test_french_date_spans():
    assert french.on_date(dt.date(2025, 6, 2), "fr", end=dt.date(2025, 6, 4)) == (
        "Du 2 au 4 juin 2025"
    )
    assert french.on_date(dt.date(2025, 6, 1), "fr", end=dt.date(2025, 6, 4)) == (
        "Du 1er au 4 juin 2025"
    )
    assert french.on_date(dt.date(2025, 5, 30), "en", end=dt.date(2025, 6, 4)) == (
        "From 30 May to 4 June 2025"
    )


@pytest.mark.parametrize(
    ("iso3", "name", "expected", "of", "to"),
    [
        ("TUR", "Türkiye", "la Türkiye", "de la Türkiye", "à la Türkiye"),
        ("DNK", "Danemark", "le Danemark", "du Danemark", "au Danemark"),
        (
            "SSD",
            "Soudan du Sud",
            "le Soudan du Sud",
            "du Soudan du Sud",
            "au Soudan du Sud",
        ),
        (
            "GNB",
            "Guinée-Bissau",
            "la Guinée-Bissau",
            "de la Guinée-Bissau",
            "à la Guinée-Bissau",
        ),
        ("AGO", "Angola", "l'Angola", "de l'Angola", "à l'Angola"),
        ("PHL", "Philippines", "les Philippines", "des Philippines", "aux Philippines"),
        ("MLT", "Malte", "Malte", "de Malte", "à Malte"),
        ("KHM", "Cambodge", "le Cambodge", "du Cambodge", "au Cambodge"),
        ("NGA", "Nigéria", "le Nigéria", "du Nigéria", "au Nigéria"),
        ("YEM", "Yémen", "le Yémen", "du Yémen", "au Yémen"),
    ],
)
def test_state_names_take_their_article(iso3, name, expected, of, to):
    assert french.with_article(iso3, name) == expected
    assert french.of_state(iso3, name) == of
    assert french.to_state(iso3, name) == to


@pytest.mark.django_db
def test_every_state_gets_an_article_form():
    from casework.states.models import StateParty

    for state in StateParty.objects.all():
        assert french.with_article(state.iso3, state.name_fr).endswith(state.name_fr)
