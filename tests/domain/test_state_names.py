"""State names in a sentence: one table decides articles, elision, au/aux/en, del/al."""

import csv
from pathlib import Path

import pytest

from casework.domain import state_names
from casework.domain.state_names import (
    ES_ARTICLES,
    FR_ARTICLES,
    UnknownStateError,
    forms,
    name,
    short_name,
    table,
)

REGISTRY = (
    Path(__file__).resolve().parents[2]
    / "src"
    / "casework"
    / "states"
    / "data"
    / "states_parties.csv"
)


def registry_codes() -> list[str]:
    with REGISTRY.open(encoding="utf-8") as handle:
        return [row["iso3"] for row in csv.DictReader(handle)]


def test_every_state_of_the_registry_has_a_row():
    codes = registry_codes()
    assert len(codes) >= 160
    missing = sorted(set(codes) - set(table()))
    assert missing == [], f"add rows to domain/data/state_names.csv for {missing}"


def test_registry_names_agree_with_the_table():
    with REGISTRY.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    disagree = [
        (row["iso3"], language, row[f"name_{language}"], name(row["iso3"], language))
        for row in rows
        for language in ("en", "fr", "es")
        if row[f"name_{language}"]
        and row[f"name_{language}"] != name(row["iso3"], language)
    ]
    assert disagree == []


def test_every_row_is_complete_and_uses_known_articles():
    for iso3, grammar in table().items():
        assert len(iso3) == 3 and iso3.isupper()
        assert grammar.article_fr in FR_ARTICLES
        assert grammar.article_es in ES_ARTICLES
        assert grammar.gender_fr in ("m", "f"), iso3
        assert grammar.article_en in ("", "the"), iso3
        assert all(grammar.short.values()), iso3


@pytest.mark.parametrize(
    ("iso3", "field", "expected"),
    [
        ("SLE", "subject", "la Sierra Leone"),
        ("SLE", "of", "de la Sierra Leone"),
        ("OMN", "subject", "Oman"),
        ("OMN", "of", "d'Oman"),
        ("HTI", "of", "d'Haïti"),
        ("YEM", "subject", "le Yémen"),
        ("YEM", "of", "du Yémen"),
        ("NLD", "subject", "les Pays-Bas"),
        ("NLD", "of", "des Pays-Bas"),
        ("NLD", "dative", "aux Pays-Bas"),
        ("NLD", "locative", "aux Pays-Bas"),
        ("TUR", "subject", "la Türkiye"),
        ("TUR", "locative", "en Türkiye"),
        ("TUR", "of", "de la Türkiye"),
        ("MLT", "subject", "Malte"),
        ("MLT", "locative", "à Malte"),
        ("MLT", "of", "de Malte"),
        ("KHM", "subject", "le Cambodge"),
        ("KHM", "locative", "au Cambodge"),
        ("KHM", "dative", "au Cambodge"),
        ("KHM", "of", "du Cambodge"),
        ("SEN", "subject", "le Sénégal"),
        ("SEN", "of", "du Sénégal"),
        ("AFG", "subject", "l'Afghanistan"),
        ("AFG", "of", "de l'Afghanistan"),
        ("ECU", "subject", "l'Équateur"),
        ("MDG", "of", "de Madagascar"),
        ("PHL", "subject", "les Philippines"),
    ],
)
def test_french_forms(iso3, field, expected):
    assert getattr(forms(iso3, "fr"), field) == expected


@pytest.mark.parametrize(
    ("iso3", "field", "expected"),
    [
        ("SEN", "subject", "el Senegal"),
        ("SEN", "of", "del Senegal"),
        ("SEN", "dative", "al Senegal"),
        ("SEN", "to", "al Senegal"),
        ("NLD", "subject", "los Países Bajos"),
        ("NLD", "of", "de los Países Bajos"),
        ("NLD", "to", "a los Países Bajos"),
        ("KHM", "subject", "Camboya"),
        ("KHM", "of", "de Camboya"),
        ("KHM", "to", "a Camboya"),
    ],
)
def test_spanish_forms(iso3, field, expected):
    assert getattr(forms(iso3, "es"), field) == expected


@pytest.mark.parametrize(
    ("iso3", "field", "expected"),
    [
        ("NLD", "subject", "the Netherlands"),
        ("NLD", "of", "of the Netherlands"),
        ("NLD", "locative", "in the Netherlands"),
        ("SEN", "subject", "Senegal"),
        ("SEN", "dative", "to Senegal"),
        ("PHL", "subject", "the Philippines"),
    ],
)
def test_english_forms(iso3, field, expected):
    assert getattr(forms(iso3, "en"), field) == expected


def test_plural_and_gender_follow_the_table():
    assert forms("NLD", "fr").plural and forms("NLD", "es").plural
    assert forms("NLD", "en").plural
    assert not forms("SEN", "fr").plural
    assert forms("SLE", "fr").feminine and forms("TUR", "fr").feminine
    assert not forms("KHM", "fr").feminine


def test_subject_cap_starts_a_sentence():
    assert forms("SEN", "fr").subject_cap == "Le Sénégal"
    assert forms("NLD", "es").subject_cap == "Los Países Bajos"
    assert forms("NLD", "en").subject_cap == "The Netherlands"


def test_name_override_keeps_the_grammar():
    assert forms("NLD", "fr", name="Pays-Bas (Royaume des)").subject.startswith("les ")


def test_short_and_registry_names():
    assert short_name("NLD", "en") == "Netherlands"
    assert name("NLD", "en") == "Netherlands (Kingdom of the)"
    assert short_name("SEN", "de") == "Senegal"  # unknown language: English


def test_unknown_state_says_where_to_add_it():
    with pytest.raises(UnknownStateError) as error:
        forms("XXX", "fr")
    assert "state_names.csv" in str(error.value)


@pytest.mark.parametrize(
    ("word", "vowel"),
    [
        ("Oman", True),
        ("Haïti", True),
        ("Équateur", True),
        ("Sénégal", False),
        ("Yémen", False),
    ],
)
def test_elision(word, vowel):
    assert state_names.starts_with_vowel_sound(word) is vowel


def test_no_french_form_contradicts_elision():
    """No "de Oman", "le Afghanistan", "de le", "à le", "de les" in any row."""
    bad = []
    for iso3 in table():
        f = forms(iso3, "fr")
        for text in (f.subject, f.of, f.to, f.dative, f.locative):
            for wrong in ("de le ", "de les ", "à le ", "à les ", "de la l'", "le l'"):
                if wrong in text:
                    bad.append((iso3, text))
            words = text.split(" ")
            if (
                len(words) > 1
                and words[0] in ("de", "le", "la")
                and state_names.starts_with_vowel_sound(words[1])
            ):
                bad.append((iso3, text))
    assert bad == []
