"""The State page answers "was it a State Party on …?" and shows the report status."""

import datetime as dt

import pytest

from casework.compliance import services as compliance
from casework.compliance.models import Submission
from casework.states.models import StateParty
from casework.states.tests.shipped import day, row

pytestmark = pytest.mark.django_db


def _answer(client, iso3, on, language="en", **headers):
    response = client.get(
        f"/states/{iso3}/", {"on": on}, HTTP_ACCEPT_LANGUAGE=language, **headers
    )
    assert response.status_code == 200
    html = response.content.decode()
    return html, html[html.index('id="party-on"') :].split("</section>", 1)[0]


@pytest.mark.parametrize(
    ("language", "party", "withdrawn"),
    [
        (
            "en",
            "State Party on 26 December 2025",
            "withdrawal took effect on 27 December 2025",
        ),
        (
            "fr",
            "État partie au 26 décembre 2025",
            "retrait a pris effet le 27 décembre 2025",
        ),
        ("es", "Estado parte al 26 de diciembre de 2025", "el 27 de diciembre de 2025"),
    ],
)
def test_estonia_before_and_on_the_day_its_withdrawal_takes_effect(
    client, language, party, withdrawn
):
    withdrawal = day(row("EST")["withdrawal_effective"])
    before = (withdrawal - dt.timedelta(days=1)).isoformat()
    _, section = _answer(client, "EST", before, language)
    assert 'data-is-party="true"' in section and party in section
    _, section = _answer(client, "EST", withdrawal.isoformat(), language)
    assert 'data-is-party="false"' in section and withdrawn in section


def test_before_entry_into_force_the_page_says_not_yet(client):
    eif = day(row("TON")["date_entry_into_force"])
    _, section = _answer(client, "TON", (eif - dt.timedelta(days=1)).isoformat())
    assert "Not yet a State Party on 30 November 2025" in section
    assert "entered into force for it on 1 December 2025" in section


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("en", "This is not a date"),
        ("fr", "pas une date. Choisissez un jour"),
        ("es", "No es una fecha"),
    ],
)
def test_a_bad_day_is_a_translated_message_not_an_error(client, language, message):
    _, section = _answer(client, "EST", "26/12/2025", language)
    assert message in section and 'role="alert"' in section
    assert "data-is-party" not in section


def test_htmx_gets_only_the_answer(client):
    response = client.get("/states/EST/", {"on": "2025-12-26"}, HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert html.lstrip().startswith("<section") or 'id="party-on"' in html[:200]
    assert "<html" not in html and 'data-is-party="true"' in html


def test_without_a_question_the_form_is_empty(client):
    html = client.get("/states/EST/").content.decode()
    assert 'name="on"' in html and "data-is-party" not in html


@pytest.mark.parametrize("iso3", ["TON", "MHL"])
def test_new_states_owe_their_initial_report_not_a_missing_annual_one(client, iso3):
    state = StateParty.objects.get(iso3=iso3)
    eif = state.entry_into_force
    assert eif is not None and eif.year == 2025  # from the shipped file
    # Demo data used to give them 2024/2025 reports filed before they were bound.
    Submission.objects.create(
        state=state, year=2025, submitted_at=eif - dt.timedelta(days=30), source="demo"
    )
    today = state.initial_report_due() + dt.timedelta(days=1)
    rows = compliance.tracker(today.year, today=today)
    status = next(r for r in rows if r.state.iso3 == iso3)
    assert status.status == compliance.INITIAL_OVERDUE
    assert status.label == "Initial report overdue"
    assert (
        compliance.state_status(state, today=today).status == compliance.INITIAL_OVERDUE
    )


def test_state_page_shows_initial_report_overdue(client, settings):
    from unittest import mock

    tonga = StateParty.objects.get(iso3="TON")
    later = tonga.initial_report_due() + dt.timedelta(days=10)
    with mock.patch("django.utils.timezone.localdate", return_value=later):
        for language, label in (
            ("en", "Initial report overdue"),
            ("fr", "Rapport initial en retard"),
            ("es", "Informe inicial atrasado"),
        ):
            html = client.get("/states/TON/", HTTP_ACCEPT_LANGUAGE=language).content
            text = html.decode()
            assert 'data-report-status="initial_overdue"' in text
            assert label in text


def test_a_report_received_after_entry_into_force_ends_the_initial_status():
    tonga = StateParty.objects.get(iso3="TON")
    due = tonga.initial_report_due()
    compliance.record_submission(
        tonga, 2026, submitted_at=due - dt.timedelta(days=5), source="manual"
    )
    row_2027 = compliance.state_status(tonga, today=dt.date(2027, 5, 15))
    assert row_2027.status == compliance.MISSING
