"""Lists of distinct values ask the database for distinct values only (issue 19): no
model ordering slipped into the DISTINCT, no table read whole to find a few years."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def distinct_queries(client, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in queries.captured_queries if "DISTINCT" in q["sql"]]


def test_the_observations_year_list_asks_for_distinct_years(client, support):
    client.force_login(support)
    years = [
        sql
        for sql in distinct_queries(client, reverse("observations:list"))
        if '"documents_document"."year"' in sql
    ]
    assert years and all("ORDER BY" not in sql for sql in years)


def test_the_donor_names_are_distinct_names_only(client, support):
    from casework.funding.tests.factories import ContributionFactory

    for year in (2022, 2023, 2024):
        ContributionFactory(donor__name="Norway", year=year, is_published=True)
    client.force_login(support)
    names = [
        sql
        for sql in distinct_queries(client, reverse("funding:dashboard"))
        if '"funding_donor"."name"' in sql
    ]
    assert names and all("ORDER BY" not in sql for sql in names)
