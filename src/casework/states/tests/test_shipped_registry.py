"""The registry shipped with the product: every date known, the Article 5 deadlines, and
an existing database that gets them without losing what was edited."""

import datetime as dt
import re

import pytest
from django.utils import translation

from casework.states import registry
from casework.states.models import StateParty
from casework.states.services import (
    count_parties_on,
    get_state,
    is_party,
    load_reference_data,
)
from casework.states.tests.shipped import day, row, rows

ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def test_the_shipped_file_knows_every_consent_and_entry_into_force_date():
    assert len(rows()) == 166
    for column in ("date_consent", "date_entry_into_force", "consent_method"):
        assert [r["iso3"] for r in rows() if r[column] in ("", "unknown")] == []
    assert all(ISO_DAY.match(r["date_entry_into_force"]) for r in rows())


def test_the_shipped_file_has_17_article5_deadlines():
    deadlines = [r for r in rows() if ISO_DAY.match(r["art5_current_deadline"])]
    assert len(deadlines) == 17
    # A blank deadline is "not applicable", kept apart from "unknown".
    assert {r["art5_current_deadline"] for r in rows()} - {
        r["art5_current_deadline"] for r in deadlines
    } == {"", "unknown"}


@pytest.mark.django_db
def test_the_database_holds_what_the_file_says():
    by_iso3 = {state.iso3: state for state in StateParty.objects.all()}
    assert len(by_iso3) == len(rows())
    for r in rows():
        state = by_iso3[r["iso3"]]
        assert state.date_entry_into_force == r["date_entry_into_force"]
        assert state.date_consent == r["date_consent"]
        assert state.consent_method == r["consent_method"]
        assert state.date_signed == r["date_signed"]
        assert state.article5_deadline == r["art5_current_deadline"]
        assert state.source == r["source"]
    assert StateParty.objects.filter(date_entry_into_force="unknown").count() == 0
    assert (
        StateParty.objects.filter(
            article5_deadline__regex=r"^\d{4}-\d{2}-\d{2}$"
        ).count()
        == 17
    )


@pytest.mark.django_db
def test_status_cells_keep_their_qualification():
    denmark, tonga = get_state("DNK"), get_state("TON")
    assert row("DNK")["art5_clearance_obligation"] == "completed (2012)"
    assert (denmark.article5_status, denmark.article5_status_detail) == (
        "completed",
        "2012",
    )
    with translation.override("en"):
        assert denmark.article5_status_text == "Clearance completed (2012)"
    assert tonga.article4_status == "none"
    unknown = [r["iso3"] for r in rows() if r["art4_stockpile_status"] == "unknown"]
    assert StateParty.objects.filter(article4_status="unknown").count() == len(unknown)


@pytest.mark.parametrize(
    ("name", "raw", "parsed"),
    [
        ("article5_status", "completed (2017)", ("completed", "2017")),
        ("article5_status", "yes", ("yes", "")),
        ("article5_status", "", ("unknown", "")),
        ("article4_status", "none (never stockpiled)", ("none", "never stockpiled")),
        ("article4_status", "completed (2006, late)", ("completed", "2006, late")),
        (
            "article4_status",
            "no stockpile beyond 436 mines retained",
            ("none", "no stockpile beyond 436 mines retained"),
        ),
    ],
)
def test_status_cells_are_parsed(name, raw, parsed):
    assert registry._parse_status(name, raw) == parsed


def test_a_status_cell_that_is_not_a_status_is_refused(tmp_path):
    source = tmp_path / "bad.csv"
    source.write_text(
        "iso3,name_en,name_fr,art4_stockpile_status\nSEN,Senegal,Sénégal,maybe\n",
        encoding="utf-8",
    )
    with pytest.raises(
        registry.RegistryFileError, match="column art4_stockpile_status"
    ):
        registry.read_rows(source)


@pytest.mark.django_db
def test_an_existing_database_gets_the_new_facts_and_keeps_its_edits():
    senegal = get_state("SEN")
    # As an older list left it, plus an edit made by the support unit.
    senegal.date_entry_into_force = "unknown"
    senegal.date_signed = "unknown"
    senegal.article4_status, senegal.article4_status_detail = "unknown", ""
    senegal.notes = row("SEN")["notes"].split(" | ")[0]
    senegal.name_fr = "Sénégal (nom édité)"
    senegal.save()
    cambodia = get_state("KHM")
    cambodia.article5_deadline = "2030"
    cambodia.save()

    load_reference_data()

    senegal.refresh_from_db()
    assert senegal.date_entry_into_force == row("SEN")["date_entry_into_force"]
    assert senegal.date_signed == row("SEN")["date_signed"]
    assert senegal.article4_status != "unknown"
    assert senegal.notes == row("SEN")["notes"]
    assert senegal.name_fr == "Sénégal (nom édité)"
    assert get_state("KHM").article5_deadline == row("KHM")["art5_current_deadline"]


def test_fills_only_never_overwrites_a_known_value():
    diff = registry.RegistryDiff(
        changed={
            "SEN": [
                registry.FieldChange(
                    "date_entry_into_force", "1999-03-01", "2000-01-01"
                ),
                registry.FieldChange("date_signed", "", "1997-12-03"),
                registry.FieldChange("article5_deadline", "2030", "2030-12-31"),
                registry.FieldChange("notes", "old", "old | new"),
                registry.FieldChange("notes", "edited", "old | new"),
            ]
        }
    )
    kept = registry.fills_only(diff).changed["SEN"]
    assert [(c.field, c.new) for c in kept] == [
        ("article5_deadline", "2030-12-31"),
        ("notes", "old | new"),
    ]


@pytest.mark.django_db
def test_estonia_is_a_party_until_the_day_before_its_withdrawal_takes_effect():
    withdrawal = day(row("EST")["withdrawal_effective"])
    estonia = get_state("EST")
    assert is_party(estonia, withdrawal - dt.timedelta(days=1)) is True
    assert is_party(estonia, withdrawal) is False
    assert is_party(estonia, day(row("EST")["date_entry_into_force"])) is True
    assert (
        is_party(estonia, day(row("EST")["date_entry_into_force"]) - dt.timedelta(1))
        is False
    )


@pytest.mark.django_db
def test_parties_counted_on_a_day_agree_with_the_file():
    for on in (dt.date(1999, 3, 1), dt.date(2025, 12, 26), dt.date(2025, 12, 27)):
        expected = sum(
            1
            for r in rows()
            if day(r["date_entry_into_force"]) <= on
            and not (r["withdrawal_effective"] and on >= day(r["withdrawal_effective"]))
        )
        assert count_parties_on(on) == {"parties": expected, "unknown": 0}
