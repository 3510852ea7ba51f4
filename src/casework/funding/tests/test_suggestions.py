"""Donor suggestions: past support to the State, region, sector, trend, priorities."""

from decimal import Decimal

import pytest

from casework.funding.models import Contribution, DonorPriority
from casework.funding.suggestions import suggest_donors
from casework.funding.tests.factories import (
    ContributionFactory,
    DonorFactory,
    NeedFactory,
)

pytestmark = pytest.mark.django_db


def test_donors_are_ranked_with_reasons():
    need = NeedFactory(year=2025)
    steady = DonorFactory(name="Steady")
    regional = DonorFactory(name="Regional")
    far = DonorFactory(name="Far away")
    for year in (2019, 2020, 2022, 2023):
        ContributionFactory(donor=steady, recipient_iso3="AGO", year=year)
    ContributionFactory(
        donor=regional, recipient_iso3="ZWE", year=2024, amount=Decimal(300000)
    )
    ContributionFactory(donor=far, recipient_iso3="PER", year=2010)
    DonorPriority.objects.create(
        donor=regional, region="africa", statement="Africa first"
    )

    ranked = suggest_donors(need, Contribution.objects.all(), language="en")

    assert [s.donor for s in ranked] == ["Steady", "Regional"]
    assert any("to Angola in 2015–2024" in r for r in ranked[0].reasons)
    assert any("Africa first" in r for r in ranked[1].reasons)
    assert any("New donor" in r for r in ranked[1].reasons)
    assert all(s.reasons for s in ranked)
