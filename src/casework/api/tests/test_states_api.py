"""The States endpoints: "party on a day" (`?on=`) for one State and for the list."""

import datetime as dt

import pytest

from casework.states.tests.shipped import day, row, rows

pytestmark = pytest.mark.django_db


def _parties_in_file(on: dt.date) -> set[str]:
    return {
        r["iso3"]
        for r in rows()
        if day(r["date_entry_into_force"]) <= on
        and not (r["withdrawal_effective"] and on >= day(r["withdrawal_effective"]))
    }


def test_estonia_on_the_day_before_and_the_day_its_withdrawal_takes_effect(client):
    withdrawal = day(row("EST")["withdrawal_effective"])
    before = (withdrawal - dt.timedelta(days=1)).isoformat()
    assert before == "2025-12-26"  # the example, checked against the file
    answer = client.get("/api/states/EST/", {"on": before}).json()
    assert answer["is_party"] is True
    assert answer["on"] == before
    answer = client.get("/api/states/est/", {"on": withdrawal.isoformat()}).json()
    assert answer["is_party"] is False
    assert answer["withdrawal_effective"] == row("EST")["withdrawal_effective"]


def test_without_on_the_answer_is_for_today(client):
    answer = client.get("/api/states/SEN/").json()
    assert answer["on"] == dt.date.today().isoformat()
    assert answer["is_party"] is True
    assert answer["date_entry_into_force"] == row("SEN")["date_entry_into_force"]
    assert answer["consent_method"] == row("SEN")["consent_method"]


def test_the_list_keeps_the_parties_of_that_day(client):
    for on in ("1999-03-01", "2025-12-26", "2025-12-27", "2026-03-01"):
        body = client.get("/api/states/", {"on": on, "limit": 1000}).json()
        listed = {state["iso3"] for state in body["results"]}
        assert listed == _parties_in_file(day(on))
        assert body["count"] == len(listed)
        assert all(state["is_party"] is True for state in body["results"])
    assert client.get("/api/states/", {"limit": 1000}).json()["count"] == 166


@pytest.mark.parametrize(
    "bad", ["2025-13-01", "26/12/2025", "yesterday", "2025-1-1", ""]
)
def test_a_bad_day_is_a_400_that_says_how_to_write_it(client, bad):
    for url in ("/api/states/", "/api/states/EST/"):
        response = client.get(url, {"on": bad})
        assert response.status_code == 400
        assert "YYYY-MM-DD" in response.json()["on"][0]


def test_unknown_values_stay_unknown_and_blank_stays_blank(client):
    unknown = next(r for r in rows() if r["art5_current_deadline"] == "unknown")
    blank = next(r for r in rows() if r["art5_current_deadline"] == "")
    assert (
        client.get(f"/api/states/{unknown['iso3']}/").json()["article5_deadline"]
        == "unknown"
    )
    assert client.get(f"/api/states/{blank['iso3']}/").json()["article5_deadline"] == ""


def test_the_schema_documents_on_and_is_party(client):
    import yaml

    spec = yaml.safe_load(client.get("/api/schema/").content)
    detail = spec["paths"]["/api/states/{iso3}/"]["get"]
    assert "on" in {p["name"] for p in detail["parameters"]}
    assert "400" in detail["responses"]
    state = spec["components"]["schemas"]["StateParty"]["properties"]
    assert state["is_party"]["nullable"] is True
