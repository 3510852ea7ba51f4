import datetime as dt

import pytest

from casework.states import dates, registry
from casework.states.models import StateParty
from casework.states.services import count_parties_on, get_state, plan_import

pytestmark = pytest.mark.django_db


def test_registry_holds_every_state_that_is_or_was_party():
    assert StateParty.objects.count() == 166
    assert StateParty.objects.filter(withdrawal_effective__isnull=False).count() == 5


def test_estonia_is_a_party_until_its_withdrawal_takes_effect():
    estonia = get_state("EST")
    assert estonia.is_party_on(dt.date(2025, 12, 26)) is True
    assert estonia.is_party_on(dt.date(2025, 12, 27)) is False


def test_tonga_is_a_party_from_entry_into_force():
    tonga = get_state("TON")
    assert tonga.is_party_on(dt.date(2025, 12, 1)) is True
    assert tonga.is_party_on(dt.date(2025, 11, 30)) is False


def test_unknown_entry_into_force_gives_an_unknown_answer_not_a_guess():
    afghanistan = get_state("AFG")
    afghanistan.date_entry_into_force = dates.UNKNOWN
    afghanistan.listed_as_party_on = dt.date(2025, 12, 1)
    afghanistan.save()
    assert afghanistan.is_party_on(dt.date(2010, 1, 1)) is None
    assert afghanistan.is_party_on(dt.date(2026, 1, 1)) is True
    assert afghanistan.is_party_on(dt.date(1998, 1, 1)) is False
    assert afghanistan.initial_report_due() is None


def test_initial_report_is_due_180_days_after_entry_into_force():
    assert get_state("TON").initial_report_due() == dt.date(2026, 5, 30)
    assert get_state("MHL").initial_report_due() == dt.date(2026, 2, 28)


def test_parties_counted_on_a_date_after_the_withdrawals():
    assert count_parties_on(dt.date(2026, 11, 27))["parties"] == 161
    assert count_parties_on(dt.date(2025, 12, 26))["parties"] == 166
    assert (
        count_parties_on(dt.date(2025, 12, 27))["parties"] == 163
    )  # Baltic withdrawals


def test_names_in_three_languages():
    senegal = get_state("sen")
    assert (senegal.name_en, senegal.name_fr, senegal.name_es) == (
        "Senegal",
        "Sénégal",
        "Senegal",
    )
    assert get_state("TUR").name_es == "Türkiye"


def test_article5_history_is_loaded_from_sources():
    events = list(get_state("KHM").article5_events.all())
    assert [(e.year, e.kind, e.new_deadline) for e in events] == [
        (2025, "granted", "2030")
    ]
    assert get_state("KHM").article5_deadline == "2030-12-31"


def test_import_shows_the_diff_and_changes_nothing_without_apply(tmp_path):
    source = tmp_path / "newer.csv"
    source.write_text(
        "iso3,name_en,name_fr,name_es,date_entry_into_force,withdrawal_notified,withdrawal_effective\n"
        "SEN,Senegal,Sénégal,Senegal,1999-03-01,,\n"
        "XKX,Newland,Nouvelle-Terre,Nueva Tierra,2027-01-01,,\n",
        encoding="utf-8",
    )
    senegal = get_state("SEN")
    senegal.date_entry_into_force = dates.UNKNOWN
    senegal.save()
    diff = plan_import(source)
    assert [row.iso3 for row in diff.added] == ["XKX"]
    assert [c.field for c in diff.changed["SEN"]] == ["date_entry_into_force"]
    assert "SEN" not in diff.missing and "PER" in diff.missing
    lines = registry.describe(diff)
    assert "~ SEN date_entry_into_force: unknown -> 1999-03-01" in lines
    assert get_state("SEN").date_entry_into_force == "unknown"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("iso3,name_en\nSEN,Senegal\n", "missing column(s) name_fr"),
        ("iso3,name_en,name_fr\nSENEGAL,Senegal,Sénégal\n", "line 2, column iso3"),
        (
            "iso3,name_en,name_fr,date_consent\nSEN,Senegal,Sénégal,12/03/1999\n",
            "line 2, column date_consent",
        ),
        (
            "iso3,name_en,name_fr\nSEN,Senegal,Sénégal\nSEN,Senegal,Sénégal\n",
            "appears twice",
        ),
        ("iso3,name_en,name_fr\n", "no States"),
    ],
)
def test_bad_registry_files_are_refused_with_the_place_to_fix(
    tmp_path, content, message
):
    source = tmp_path / "bad.csv"
    source.write_text(content, encoding="utf-8")
    with pytest.raises(
        registry.RegistryFileError,
        match=message.replace("(", r"\(").replace(")", r"\)"),
    ):
        registry.read_rows(source)


def test_non_utf8_file_is_refused(tmp_path):
    source = tmp_path / "latin1.csv"
    source.write_bytes("iso3,name_en,name_fr\nSEN,Senegal,Sénégal\n".encode("latin-1"))
    with pytest.raises(registry.RegistryFileError, match="not UTF-8"):
        registry.read_rows(source)


def test_partial_dates_are_kept_as_given():
    assert dates.normalise("1997-12") == "1997-12"
    assert dates.normalise("2030 (day not confirmed)") == "2030"
    assert dates.normalise("Unknown") == "unknown"
    with pytest.raises(dates.PartialDateError):
        dates.normalise("2025-02-30")
    assert dates.full_date("1997-12") is None
