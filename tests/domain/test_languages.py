import pytest

from casework.domain import languages
from casework.domain.languages import (
    DEFAULT,
    LANGUAGES,
    NAMES,
    NATIVE,
    UnknownLanguageError,
    checked,
    is_language,
    name_of,
    normalise,
    pick,
)


def test_the_three_languages_in_order():
    assert LANGUAGES == ("en", "fr", "es")
    assert DEFAULT == "en"


def test_every_language_is_named_in_every_language():
    assert set(NAMES) == set(LANGUAGES)
    for names in NAMES.values():
        assert set(names) == set(LANGUAGES)
    assert set(NATIVE) == set(LANGUAGES)
    assert name_of("fr", in_language="en") == "French"
    assert name_of("fr", in_language="fr") == "français"
    assert name_of("en", in_language="es") == "inglés"
    assert NATIVE["es"] == "Español"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("fr", "fr"),
        ("fr-ch", "fr"),
        ("fr_CH", "fr"),
        ("es-ES", "es"),
        ("ES", "es"),
        ("en-gb", "en"),
        ("de", "en"),
        ("", "en"),
        (None, "en"),
    ],
)
def test_normalise_reduces_locale_names_to_a_language(raw, expected):
    assert normalise(raw) == expected


def test_pick_falls_back_to_english():
    texts = {"en": "Challenges", "fr": "Difficultés"}
    assert pick(texts, "fr") == "Difficultés"
    assert pick(texts, "es") == "Challenges"
    assert pick(texts, "xx") == "Challenges"


def test_checked_refuses_other_codes():
    assert checked("es") == "es"
    with pytest.raises(UnknownLanguageError) as error:
        checked("de")
    assert "'de'" in str(error.value) and "en, fr, es" in str(error.value)
    assert isinstance(error.value, ValueError)


def test_is_language():
    assert all(is_language(code) for code in LANGUAGES)
    assert not is_language("de")
    assert not is_language(None)
    assert not is_language("EN")


def test_module_exports_only_tuples_for_the_list():
    # A tuple: nobody can append a language at run time.
    assert isinstance(languages.LANGUAGES, tuple)
