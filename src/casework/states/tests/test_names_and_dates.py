"""The registry agrees with the domain's table of State names; dates read in each language."""

import csv
import datetime as dt

import pytest
from django.utils import translation

from casework.domain import state_names
from casework.states import dates
from casework.states.models import StateParty
from casework.states.services import SHIPPED_REGISTRY, get_state
from casework.states.templatetags.registry import day_or_unknown, partial_date

LANGUAGES = ("en", "fr", "es")


def _shipped_rows() -> dict[str, dict[str, str]]:
    with SHIPPED_REGISTRY.open(encoding="utf-8") as handle:
        return {row["iso3"]: row for row in csv.DictReader(handle)}


def test_registry_file_and_domain_table_hold_the_same_166_states():
    shipped = _shipped_rows()
    assert len(shipped) == 166
    assert set(shipped) == set(state_names.table())


@pytest.mark.parametrize("language", LANGUAGES)
def test_registry_file_names_agree_with_the_domain_table(language):
    disagreements = {
        iso3: (row[f"name_{language}"], state_names.name(iso3, language))
        for iso3, row in _shipped_rows().items()
        if row[f"name_{language}"] != state_names.name(iso3, language)
    }
    assert disagreements == {}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_names_on_screens_are_the_domain_names(language):
    with translation.override(language):
        differing = [
            state.iso3
            for state in StateParty.objects.all()
            if state.name != state_names.name(state.iso3, language)
        ]
    assert differing == []


@pytest.mark.parametrize(
    ("value", "language", "shown"),
    [
        ("2025-12-01", "en", "1 December 2025"),
        ("2025-12-01", "fr", "1er décembre 2025"),
        ("2025-12-01", "es", "1 de diciembre de 2025"),
        ("2030-03", "en", "March 2030"),
        ("2030-03", "fr", "mars 2030"),
        ("2030-03", "es", "marzo de 2030"),
        ("2030", "fr", "2030"),
    ],
)
def test_partial_dates_are_shown_as_precise_as_the_source(value, language, shown):
    assert dates.display(value, language) == shown
    with translation.override(language):
        assert partial_date(value) == shown


def test_unknown_and_empty_dates_stay_so():
    with translation.override("fr"):
        assert 'class="unknown"' in partial_date("unknown")
        assert partial_date("") == "—"
        assert partial_date("", "did not sign") == "did not sign"
        assert day_or_unknown(dt.date(2025, 4, 30)) == "30 avril 2025"


@pytest.mark.django_db
def test_original_deadlines_are_counted_from_entry_into_force():
    state = get_state("TON")  # in force 1 December 2025
    assert state.entry_into_force == dt.date(2025, 12, 1)
    assert state.original_article4_deadline == dt.date(2029, 12, 1)
    assert state.original_article5_deadline == dt.date(2035, 12, 1)
    unknown = get_state("AFG")
    unknown.date_entry_into_force = "unknown"
    assert unknown.original_article5_deadline is None


@pytest.mark.django_db
def test_state_page_dates_in_french(client):
    state = get_state("SEN")
    state.article5_status = "yes"
    state.article5_deadline = "2026-03"
    state.date_entry_into_force = "1999-03-01"
    state.save()
    body = client.get("/states/SEN/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "mars 2026" in body
    assert state.original_article5_deadline == dt.date(2009, 3, 1)
    assert "1er mars 2009" in body
    assert "1er mars 1999" in body  # entry into force
