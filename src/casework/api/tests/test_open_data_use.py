"""What another site or a script needs from the open data: CORS, CSV, a root, a rate limit."""

import csv
import io

import pytest
from django.core.cache import cache

from casework.funding.tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db

ORIGIN = "https://example.org"


def test_other_sites_may_read_the_api_from_a_browser(client):
    response = client.get("/api/states/", {"limit": 1}, HTTP_ORIGIN=ORIGIN)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "Access-Control-Allow-Credentials" not in response


def test_the_preflight_allows_reading_only(client):
    response = client.options(
        "/api/states/",
        HTTP_ORIGIN=ORIGIN,
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert response.status_code == 200
    allowed = {m.strip() for m in response["Access-Control-Allow-Methods"].split(",")}
    assert allowed == {"GET", "HEAD", "OPTIONS"}


def test_pages_outside_the_api_send_no_cors_header(client):
    response = client.get("/", HTTP_ORIGIN=ORIGIN)
    assert "Access-Control-Allow-Origin" not in response


def test_the_api_root_lists_every_endpoint(client):
    response = client.get("/api/")
    assert response.status_code == 200
    body = response.json()
    for name, url in body["endpoints"].items():
        assert client.get(url).status_code == 200, name
    assert body["schema"].endswith("/api/schema/")
    assert "csv" in body["formats"]


def test_lists_come_as_csv_with_nested_fields_as_columns(client):
    ContributionFactory(
        donor__name="Norway",
        description='=HYPERLINK("http://example.invalid","click")',
        is_published=True,
    )
    response = client.get("/api/contributions/", {"format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="contribution.csv"' in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["donor.name"] == "Norway"
    assert rows[0]["description"].startswith("'=HYPERLINK")
    json_row = client.get("/api/contributions/").json()["results"][0]
    assert rows[0]["year"] == str(json_row["year"])


def test_a_csv_page_links_the_next_one(client):
    response = client.get("/api/states/", {"format": "csv", "limit": 10})
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 10
    assert "offset=10" in response["Link"] and 'rel="next"' in response["Link"]


def test_a_burst_beyond_the_limit_gets_429_with_a_retry_after(client, settings):
    settings.CASEWORK_API_RATE = "5/min"
    address = (
        "203.0.113.77"  # its own address, so parallel tests do not share the count
    )
    cache.delete_many([f"throttle_open_data_{address}"])
    answers = [
        client.get("/api/indicators/", REMOTE_ADDR=address).status_code
        for _ in range(8)
    ]
    assert answers[:5] == [200] * 5
    assert answers[5:] == [429] * 3
    limited = client.get("/api/indicators/", REMOTE_ADDR=address)
    assert int(limited["Retry-After"]) > 0
    assert "throttled" in limited.json()["detail"].lower()
    other = client.get("/api/indicators/", REMOTE_ADDR="203.0.113.78")
    assert other.status_code == 200
