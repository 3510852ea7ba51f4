"""The dashboard's totals are cached per ledger version: every kind of write shows at once."""

from decimal import Decimal

import pytest
from django.urls import reverse

from casework.funding import organisations
from casework.funding.models import Contribution
from casework.funding.services import set_rate
from casework.funding.tests.factories import ContributionFactory, DonorFactory

pytestmark = pytest.mark.django_db


def _donors(client, **query):
    """Donor name -> USD total in the dashboard's donor table (all statuses)."""
    response = client.get(reverse("funding:dashboard"), {"status": "all", **query})
    assert response.status_code == 200
    [rows] = [
        rows for key, _title, rows in response.context["tables"] if key == "donor"
    ]
    return {row.label: row.usd for row in rows}


def test_a_repeat_visit_reads_the_totals_from_the_cache(
    client, django_assert_max_num_queries
):
    ContributionFactory(donor__name="Northland", amount=Decimal(500))
    first = _donors(client)
    with django_assert_max_num_queries(1):  # the Monitor series is a file; no totals
        again = _donors(client)
    assert again == first == {"Northland": Decimal(500)}


def test_saves_deletes_and_bulk_writes_show_on_the_next_visit(client):
    entry = ContributionFactory(donor__name="Northland", amount=Decimal(500))
    assert _donors(client) == {"Northland": Decimal(500)}

    entry.amount = entry.amount_usd = Decimal(700)
    entry.save()
    assert _donors(client) == {"Northland": Decimal(700)}

    Contribution.objects.bulk_create(
        [ContributionFactory.build(donor=entry.donor, natural_key="bulk:1")]
    )
    assert _donors(client) == {"Northland": Decimal(100_700)}

    Contribution.objects.filter(natural_key="bulk:1").update(is_published=False)
    assert _donors(client) == {"Northland": Decimal(700)}  # the public sees less

    Contribution.objects.filter(pk=entry.pk).delete()
    assert _donors(client) == {}


def test_a_merge_of_donors_and_a_new_rate_show_on_the_next_visit(client):
    ContributionFactory(donor__name="Southland", amount=Decimal(300))
    ContributionFactory(
        donor__name="Southland Ministry", amount=Decimal(900), currency="CHF", year=2022
    )
    assert _donors(client) == {"Southland": Decimal(300), "Southland Ministry": 0}

    set_rate("CHF", 2022, Decimal("0.9"))
    assert _donors(client)["Southland Ministry"] == Decimal("1000.00")

    organisations.merge(
        DonorFactory(name="Southland Ministry"), DonorFactory(name="Southland")
    )
    assert _donors(client) == {"Southland": Decimal("1300.00")}


def test_the_public_never_gets_the_figures_cached_for_the_support_unit(client, support):
    ContributionFactory(donor__name="Hidden Donor", is_published=False)
    client.force_login(support)
    assert "Hidden Donor" in _donors(client)
    client.logout()
    assert "Hidden Donor" not in _donors(client)
    response = client.get(reverse("funding:dashboard"))
    assert "Hidden Donor" not in response.content.decode()


def test_the_labels_follow_the_reader_language(client):
    ContributionFactory(donor__name="Northland", recipient_iso3="SEN")

    def recipients(**headers):
        response = client.get(reverse("funding:dashboard"), **headers)
        [rows] = [r for key, _t, r in response.context["tables"] if key == "recipient"]
        return [row.label for row in rows]

    assert recipients() == ["Senegal"]
    assert recipients(HTTP_ACCEPT_LANGUAGE="fr") == ["Sénégal"]
    assert recipients() == ["Senegal"]
