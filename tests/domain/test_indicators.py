"""The indicator registry against the checklist itself (shared/INDICATORS.md)."""

import re
from pathlib import Path

import pytest

from casework.domain import indicators
from casework.domain.indicators import (
    CODES,
    COUNT,
    INDICATORS,
    THEMES,
    UnknownIndicatorError,
    by_theme,
    indicator,
    is_indicator,
    label,
)
from casework.domain.languages import LANGUAGES

REPO = Path(__file__).resolve().parents[2]
CHECKLIST = REPO.parent / "shared" / "INDICATORS.md"
ROW = re.compile(r"^\|\s*`([a-z_]+)`\s*\|", re.M)


def checklist_codes() -> list[str]:
    """The codes of the table under "## The indicators", in the file's order."""
    if not CHECKLIST.exists():
        pytest.skip(f"{CHECKLIST} is not on this machine")
    text = CHECKLIST.read_text(encoding="utf-8")
    section = text.split("## The indicators", 1)[1].split("\n## ", 1)[0]
    return ROW.findall(section)


def test_the_codes_in_the_order_of_the_checklist():
    codes = checklist_codes()
    assert len(codes) >= 12  # twelve today; the checklist file is the authority
    assert list(CODES) == codes
    assert COUNT == len(codes) == len(INDICATORS)


def test_codes_are_unique_snake_case():
    assert len(set(CODES)) == len(CODES)
    assert all(re.fullmatch(r"[a-z]+(_[a-z]+)*", code) for code in CODES)


@pytest.mark.parametrize("item", INDICATORS, ids=lambda i: i.code)
def test_every_indicator_speaks_every_language(item):
    for texts in (item.labels, item.topics, item.encouragements):
        assert set(texts) == set(LANGUAGES), item.code
        assert all(text.strip() == text and text for text in texts.values())
    # Labels are capitalised headers; topics and encouragements continue a sentence.
    for language in LANGUAGES:
        assert item.label(language)[0].isupper()
        assert not item.encouragement(language).endswith(".")
        assert item.encouragement(language)[0].islower()


def test_french_and_spanish_labels():
    assert label("challenges", "fr") == "Difficultés"
    assert label("costed_plan", "fr") == "Plan chiffré"
    assert label("costed_plan", "es") == "Plan presupuestado"
    assert label("assistance_needs", "es") == "Necesidades de asistencia"
    assert label("national_platform", "en") == "National platform"


def test_label_of_an_unknown_code_is_the_code_itself():
    assert label("not_a_code", "fr") == "not_a_code"
    assert label("challenges", "de") == "Challenges"  # unknown language: English


def test_indicator_lookup_names_the_codes_when_it_fails():
    assert indicator("gender_diversity").theme == "gender"
    with pytest.raises(UnknownIndicatorError) as error:
        indicator("gender")
    assert isinstance(error.value, KeyError)
    assert "costed_plan" in str(error.value)
    assert is_indicator("challenges") and not is_indicator("Challenges")
    assert not is_indicator(None)


def test_every_indicator_has_a_theme_and_every_theme_an_indicator():
    theme_codes = [t.code for t in THEMES]
    assert len(set(theme_codes)) == len(theme_codes)
    assert {i.theme for i in INDICATORS} == set(theme_codes)
    grouped = by_theme()
    assert [t.code for t, _ in grouped] == theme_codes
    flattened = [i.code for _, items in grouped for i in items]
    assert sorted(flattened) == sorted(CODES)
    for theme, items in grouped:
        # within a theme, checklist order
        assert [i.code for i in items] == [
            c for c in CODES if c in {i.code for i in items}
        ]
        assert set(theme.titles) == set(LANGUAGES)
        assert indicators.theme(theme.code) is theme


def test_gender_has_a_paragraph_of_its_own():
    """The observations always address gender and diversity, in its own paragraph."""
    gender = [items for theme, items in by_theme() if theme.code == "gender"]
    assert [i.code for i in gender[0]] == ["gender_diversity"]
    assert indicators.theme("gender").title("es") == "Género y diversidad"


def test_registry_is_immutable():
    assert isinstance(CODES, tuple) and isinstance(INDICATORS, tuple)
    with pytest.raises((AttributeError, TypeError)):
        INDICATORS[0].code = "other"  # type: ignore[misc]
