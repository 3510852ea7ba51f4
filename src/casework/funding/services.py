"""Services of the funding app: conversion with loaded rates, saving imported rows, duplicates."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db import transaction
from django.db.models import Q

from casework.funding.models import (
    Contribution,
    Donor,
    DonorKind,
    ExchangeRate,
    ImportBatch,
    Need,
)
from casework.states.models import StateParty

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")
# Two reports of the same money rarely agree to the cent once converted: 0.5 % apart
# in US dollars (same donor, recipient, year and status) counts as the same money.
DUPLICATE_TOLERANCE = Decimal("0.005")


@dataclass(frozen=True, slots=True)
class Conversion:
    amount_usd: Decimal | None
    rate_used: Decimal | None


def convert(amount: Decimal, currency: str, year: int) -> Conversion:
    """Amount in USD with the loaded annual average; no rate -> (None, None), never a guess."""
    currency = currency.upper()
    if currency == "USD":
        return Conversion(amount.quantize(CENT), Decimal(1))
    rate = (
        ExchangeRate.objects.filter(currency=currency, year=year)
        .values_list("units_per_usd", flat=True)
        .first()
    )
    if rate is None or rate == 0:
        return Conversion(None, None)
    return Conversion((amount / rate).quantize(CENT, ROUND_HALF_UP), rate)


@dataclass(frozen=True, slots=True)
class ContributionRow:
    """One contribution as an import reads it, before it touches the database."""

    natural_key: str
    donor_name: str
    donor_kind: str
    recipient_iso3: str
    year: int
    amount: Decimal
    currency: str
    status: str
    source: str
    source_reference: str
    sector: str = "unspecified"
    channel: str = "unknown"
    donor_iso3: str = ""
    donor_iati_ref: str = ""
    description: str = ""
    is_published: bool = False


@dataclass
class ImportResult:
    created: list[Contribution] = field(default_factory=list)
    unchanged: int = 0
    skipped: int = 0
    # (where, message), e.g. ("row 4", "year: 'abc' is not a year")
    messages: list[tuple[str, str]] = field(default_factory=list)


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_or_create_donor(
    name: str, *, kind: str = DonorKind.OTHER, iso3: str = "", iati_ref: str = ""
) -> Donor:
    """The donor with this IATI identifier or name, created on first sight."""
    if iati_ref:
        found = Donor.objects.filter(iati_ref=iati_ref).first()
        if found:
            return found
    donor, created = Donor.objects.get_or_create(
        name=name.strip(), defaults={"kind": kind, "iso3": iso3, "iati_ref": iati_ref}
    )
    if not created and iati_ref and not donor.iati_ref:
        donor.iati_ref = iati_ref
        donor.save(update_fields=["iati_ref", "updated_at"])
    return donor


def find_duplicate(contribution: Contribution) -> Contribution | None:
    """An earlier entry from another source for the same money, if any."""
    candidates = Contribution.objects.filter(
        donor=contribution.donor,
        recipient_iso3=contribution.recipient_iso3,
        year=contribution.year,
        status=contribution.status,
        duplicate_of__isnull=True,
    ).exclude(Q(pk=contribution.pk) | Q(source=contribution.source))
    for candidate in candidates.order_by("created_at", "pk"):
        if (
            candidate.currency == contribution.currency
            and candidate.amount == contribution.amount
        ):
            return candidate
        if candidate.amount_usd and contribution.amount_usd:
            gap = abs(candidate.amount_usd - contribution.amount_usd)
            if gap <= DUPLICATE_TOLERANCE * max(candidate.amount_usd, CENT):
                return candidate
    return None


def save_rows(
    rows: list[ContributionRow], *, batch: ImportBatch | None, result: ImportResult
) -> ImportResult:
    """Create the rows not yet in the ledger (by natural key); mark cross-source duplicates."""
    parties = dict(StateParty.objects.values_list("iso3", "pk"))
    existing = set(
        Contribution.objects.filter(
            natural_key__in=[row.natural_key for row in rows]
        ).values_list("natural_key", flat=True)
    )
    with transaction.atomic():
        for row in rows:
            if row.natural_key in existing:
                result.unchanged += 1
                continue
            existing.add(row.natural_key)
            donor = find_or_create_donor(
                row.donor_name,
                kind=row.donor_kind,
                iso3=row.donor_iso3,
                iati_ref=row.donor_iati_ref,
            )
            conversion = convert(row.amount, row.currency, row.year)
            contribution = Contribution.objects.create(
                donor=donor,
                recipient_iso3=row.recipient_iso3,
                recipient_state_id=parties.get(row.recipient_iso3),
                year=row.year,
                amount=row.amount,
                currency=row.currency.upper(),
                amount_usd=conversion.amount_usd,
                rate_used=conversion.rate_used,
                sector=row.sector,
                channel=row.channel,
                status=row.status,
                source=row.source,
                source_reference=row.source_reference[:400],
                natural_key=row.natural_key[:400],
                description=row.description[:500],
                is_published=row.is_published,
                batch=batch,
            )
            duplicate = find_duplicate(contribution)
            if duplicate:
                contribution.duplicate_of = duplicate
                contribution.save(update_fields=["duplicate_of", "updated_at"])
            result.created.append(contribution)
    if batch is not None:
        batch.created_count = len(result.created)
        batch.unchanged_count = result.unchanged
        batch.skipped_count = result.skipped
        batch.messages = [
            {"where": where, "message": message} for where, message in result.messages
        ]
        batch.save()
    logger.info(
        "funding import %s: %d created, %d already present, %d skipped",
        batch.pk if batch else "-",
        len(result.created),
        result.unchanged,
        result.skipped,
    )
    return result


def set_rate(
    currency: str, year: int, units_per_usd: Decimal, *, source: str = ""
) -> int:
    """Store an annual average and convert what was waiting for it; returns rows converted."""
    currency = currency.upper()
    ExchangeRate.objects.update_or_create(
        currency=currency,
        year=year,
        defaults={"units_per_usd": units_per_usd, "source": source},
    )
    return convert_waiting(currency=currency, year=year)


def convert_waiting(*, currency: str, year: int) -> int:
    """Convert contributions and needs in `currency` and `year` that had no rate."""
    count = 0
    for model in (Contribution, Need):
        for item in model.objects.filter(
            currency=currency, year=year, amount_usd__isnull=True
        ):
            conversion = convert(item.amount, item.currency, item.year)
            if conversion.amount_usd is None:
                continue
            item.amount_usd = conversion.amount_usd
            item.rate_used = conversion.rate_used
            item.save(update_fields=["amount_usd", "rate_used", "updated_at"])
            if isinstance(item, Contribution) and item.duplicate_of_id is None:
                duplicate = find_duplicate(item)
                if duplicate:
                    item.duplicate_of = duplicate
                    item.save(update_fields=["duplicate_of", "updated_at"])
            count += 1
    return count


def save_need(need: Need) -> Need:
    """Convert a need with the loaded rate (or leave it flagged) and save it."""
    conversion = convert(need.amount, need.currency, need.year)
    need.amount_usd = conversion.amount_usd
    need.rate_used = conversion.rate_used
    need.currency = need.currency.upper()
    need.save()
    return need
