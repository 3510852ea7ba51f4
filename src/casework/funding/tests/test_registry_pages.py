"""The pages of issue 17: organisations (suggestions, merge), duplicates, import review."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from casework.funding import iati
from casework.funding.models import Contribution, Donor, DonorMatch, ImportBatch
from casework.funding.organisations import Matcher
from casework.funding.services import ImportResult, save_rows
from casework.funding.tests.factories import ContributionFactory
from casework.funding.tests.test_organisations import CSV, iati_file, import_csv

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "name", ["funding:organisations", "funding:duplicates", "funding:reconciliation"]
)
def test_the_new_pages_keep_outsiders_out(client, owner, name):
    assert client.get(reverse(name)).status_code == 302
    client.force_login(owner)
    assert client.get(reverse(name)).status_code == 403


def test_a_committee_member_reads_the_registry_but_cannot_merge(
    client, committee_member
):
    client.force_login(committee_member)
    body = client.get(reverse("funding:organisations")).content.decode()
    assert "GB-GOV-1" in body and "Foreign, Commonwealth and Development Office" in body
    uk, other = Donor.objects.get(name="United Kingdom"), Donor.objects.create(name="X")
    response = client.post(
        reverse("funding:organisations"),
        {"action": "merge", "source": other.pk, "into": uk.pk},
    )
    assert response.status_code == 403
    assert Donor.objects.filter(pk=other.pk).exists()


def test_the_support_unit_confirms_a_suggestion(client, support):
    donor, _how = Matcher().resolve(
        "Foreign Commonwealth Development Ofice", kind="state"
    )
    ContributionFactory(donor=donor)
    match = DonorMatch.objects.get(donor=donor)
    client.force_login(support)
    assert (
        "Development Ofice"
        in client.get(reverse("funding:organisations")).content.decode()
    )
    response = client.post(
        reverse("funding:organisations"), {"action": "confirm", "match": match.pk}
    )
    assert response.status_code == 302
    assert not Donor.objects.filter(pk=donor.pk).exists()
    assert Contribution.objects.get().donor.name == "United Kingdom"


def test_merging_the_same_organisation_into_itself_is_refused(client, support):
    uk = Donor.objects.get(name="United Kingdom")
    client.force_login(support)
    response = client.post(
        reverse("funding:organisations"),
        {"action": "merge", "source": uk.pk, "into": uk.pk},
    )
    assert response.status_code == 200
    assert "two different organisations" in response.content.decode()


def test_duplicates_are_shown_side_by_side_with_the_rule(client, committee_member):
    parsed = iati.read_iati(iati_file(), filename="fcdo.xml")
    save_rows(parsed.rows, batch=None, result=ImportResult())
    import_csv(CSV)
    client.force_login(committee_member)
    body = client.get(reverse("funding:duplicates")).content.decode()
    assert "45 days" in body and "1 %" in body
    assert (
        "IATI file" in body
        and "Landmine Monitor" in body
        and "Monitor 2025 table" in body
    )


def test_the_support_unit_applies_a_reimport_from_the_page(client, support):
    parsed = iati.read_iati(iati_file(), filename="fcdo.xml")
    save_rows(parsed.rows, batch=None, result=ImportResult())
    batch = ImportBatch.objects.create(kind="iati", filename="fcdo.xml", sha256="z")
    parsed = iati.read_iati(iati_file().replace(b">250000<", b">300000<"), filename="f")
    save_rows(parsed.rows, batch=batch, result=ImportResult())
    client.force_login(support)
    page = client.get(
        reverse("funding:import_detail", args=[batch.pk])
    ).content.decode()
    assert "Apply the changes" in page and "300000.00" in page
    client.post(reverse("funding:import_review", args=[batch.pk]), {"action": "apply"})
    entry = Contribution.objects.get(natural_key__contains=":T-2:")
    assert entry.amount == Decimal(300000)
    page = client.get(
        reverse("funding:import_detail", args=[batch.pk])
    ).content.decode()
    assert "History" in page and "Apply the changes" not in page


def test_an_import_with_chf_and_no_rate_prompts_for_the_rate(client, support):
    data = CSV.replace(b"EUR", b"CHF")
    from casework.funding import table_import

    parsed = table_import.parse_contributions(data, filename="ch.csv")
    batch = ImportBatch.objects.create(kind="table", filename="ch.csv", sha256="c")
    save_rows(parsed.rows, batch=batch, result=ImportResult())
    client.force_login(support)
    page = client.get(
        reverse("funding:import_detail", args=[batch.pk])
    ).content.decode()
    assert "?currency=CHF&amp;year=2025" in page
    form = client.get(
        reverse("funding:rates") + "?currency=CHF&year=2025"
    ).content.decode()
    assert 'value="CHF"' in form


def test_a_semicolon_csv_from_french_excel_is_read():
    from casework.funding import table_import

    french = (
        CSV.decode()
        .replace(",", ";")
        .replace("Monitor 2025 table", "Tableau du Monitor")
        .replace("224000", "224000,50")
        .encode("cp1252")
    )
    parsed = table_import.parse_contributions(french, filename="fr.csv")
    assert parsed.messages == [] and parsed.rows[0].amount == Decimal("224000.50")
