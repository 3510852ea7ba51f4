"""Factories of the funding app's tests."""

from __future__ import annotations

from decimal import Decimal

import factory

from casework.funding.models import (
    Contribution,
    Donor,
    DonorKind,
    Need,
    NeedSource,
    Sector,
    Source,
    Status,
)
from casework.states.models import StateParty


class DonorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Donor
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Donor {n}")
    kind = DonorKind.STATE


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    donor = factory.SubFactory(DonorFactory)
    recipient_iso3 = "AGO"
    recipient_state = factory.LazyAttribute(
        lambda o: StateParty.objects.filter(iso3=o.recipient_iso3).first()
    )
    year = 2023
    amount = Decimal("100000")
    currency = "USD"
    amount_usd = factory.LazyAttribute(
        lambda o: o.amount if o.currency == "USD" else None
    )
    rate_used = factory.LazyAttribute(
        lambda o: Decimal(1) if o.currency == "USD" else None
    )
    sector = Sector.CLEARANCE
    status = Status.DISBURSED
    source = Source.MANUAL
    source_reference = "test"
    natural_key = factory.Sequence(lambda n: f"test:{n}")
    is_published = True


class NeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Need

    state = factory.LazyFunction(lambda: StateParty.objects.get(iso3="AGO"))
    year = 2024
    amount = Decimal("1000000")
    currency = "USD"
    amount_usd = factory.LazyAttribute(
        lambda o: o.amount if o.currency == "USD" else None
    )
    rate_used = factory.LazyAttribute(
        lambda o: Decimal(1) if o.currency == "USD" else None
    )
    sector = Sector.CLEARANCE
    source = NeedSource.MANUAL
    is_published = True
