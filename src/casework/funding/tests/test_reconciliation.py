"""Donor-said against recipient-said (issue 17): the demo's seeded mismatch, EN/FR/ES."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from casework.funding.demo import load_demo
from casework.funding.models import Contribution, Source
from casework.funding.reconciliation import pairs
from casework.funding.services import ReceivedLine, record_state_report
from casework.funding.tests.factories import ContributionFactory
from casework.funding.totals import counted

pytestmark = pytest.mark.django_db


def test_a_recipients_report_is_compared_never_counted():
    ContributionFactory(
        donor__name="Norway",
        recipient_iso3="SEN",
        year=2024,
        amount=Decimal(1_200_000),
        source="iati",
    )
    record_state_report(
        "SEN",
        2024,
        [ReceivedLine("Norvège", Decimal(800_000), "USD")],
        reference="Senegal Article 7 report 2024",
    )
    assert [c.amount for c in counted(Contribution.objects.all())] == [
        Decimal(1_200_000)
    ]
    [pair] = pairs(Contribution.objects.all())
    assert pair.is_mismatch and pair.gap == Decimal(400_000)
    assert pair.line("en") == (
        "Norway reported USD 1.2 million to Senegal for 2024; "
        "Senegal's report records USD 800,000."
    )
    assert "au Sénégal" in pair.line("fr") and "Norvège" in pair.line("fr")
    assert "al Senegal" in pair.line("es") and "Noruega" in pair.line("es")


def test_a_report_submitted_again_replaces_what_it_said():
    for amount in (800_000, 1_150_000):
        record_state_report(
            "SEN",
            2024,
            [ReceivedLine("Norway", Decimal(amount), "USD")],
            reference="Senegal online report 2024",
        )
    entries = Contribution.objects.filter(source=Source.STATE_REPORT)
    assert [e.amount for e in entries] == [Decimal(1_150_000)]


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("en", "Demo Northland reported"),
        ("fr", "Demo Northland a déclaré"),
        ("es", "Demo Northland declaró"),
    ],
)
def test_the_demo_lists_its_seeded_mismatch_in_each_language(
    client, committee_member, language, words
):
    load_demo()
    client.force_login(committee_member)
    response = client.get(
        reverse("funding:reconciliation"), HTTP_ACCEPT_LANGUAGE=language
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert words in body
    assert "Demo Union" not in body  # it agrees with Angola's report
    csv = client.get(reverse("funding:reconciliation") + "?format=csv").content.decode()
    assert "Demo Northland" in csv


def test_outsiders_do_not_see_the_reconciliation(client, owner):
    assert client.get(reverse("funding:reconciliation")).status_code == 302
    client.force_login(owner)
    assert client.get(reverse("funding:reconciliation")).status_code == 403
