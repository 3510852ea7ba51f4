"""Services of the funding app: conversion with loaded rates, saving imported rows, duplicates."""

from __future__ import annotations

import datetime as dt
import hashlib
import logging
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q

from casework.funding.models import (
    Contribution,
    ContributionRevision,
    Donor,
    DonorKind,
    ExchangeRate,
    ImportBatch,
    Need,
    Source,
)
from casework.states.models import StateParty

logger = logging.getLogger(__name__)

CENT = Decimal("0.01")
# The rule for "the same payment reported by two sources" (stated on the duplicates page):
# same organisation (or two organisations of the same State), same recipient and status,
# amounts within 1 % (in the same currency, or in US dollars once converted), and dates
# at most 45 days apart (the same year when a source gives no date).
DUPLICATE_TOLERANCE = Decimal("0.01")
DUPLICATE_WINDOW = dt.timedelta(days=45)
# The fields a re-import compares (and a correction changes), in the order shown.
COMPARED = (
    "donor_id",
    "recipient_iso3",
    "year",
    "date",
    "amount",
    "currency",
    "status",
    "sector",
    "channel",
    "description",
)


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
    date: dt.date | None = None
    # The part of the ledger the row's file speaks for ("iati:<activity>",
    # "table:<source>:<reference>"): an entry of the scope missing from the file is removed.
    scope: str = ""


@dataclass
class ImportResult:
    created: list[Contribution] = field(default_factory=list)
    unchanged: int = 0
    skipped: int = 0
    # (where, message), e.g. ("row 4", "year: 'abc' is not a year")
    messages: list[tuple[str, str]] = field(default_factory=list)
    # Entries the file gives other values for, and entries of its scopes it no longer
    # holds: waiting for the support unit (`apply_pending` / `refuse_pending`).
    changed: list[dict[str, Any]] = field(default_factory=list)
    removed: list[dict[str, Any]] = field(default_factory=list)
    keys_seen: set[str] = field(default_factory=set)
    scopes: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    # Keep the created entries in `created` (False in the worker: the counts suffice).
    keep_created: bool = True
    created_count: int = 0


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def find_or_create_donor(
    name: str, *, kind: str = DonorKind.OTHER, iso3: str = "", iati_ref: str = ""
) -> Donor:
    """The organisation of this identifier or name (registry order), created when unknown."""
    from casework.funding.organisations import Matcher

    donor, _how = Matcher().resolve(name, kind=kind, iso3=iso3, iati_ref=iati_ref)
    return donor


def _same_organisation(a: Donor, b: Donor) -> bool:
    if a.pk == b.pk:
        return True
    return bool(a.kind == b.kind == DonorKind.STATE and a.iso3 and a.iso3 == b.iso3)


def same_money(a: Contribution, b: Contribution) -> bool:
    """The duplicate rule (see DUPLICATE_TOLERANCE) for two entries of the ledger."""
    if Source.STATE_REPORT in (a.source, b.source) or a.source == b.source:
        return False
    if a.recipient_iso3 != b.recipient_iso3 or a.status != b.status:
        return False
    if not _same_organisation(a.donor, b.donor):
        return False
    if a.date and b.date:
        if abs(a.date - b.date) > DUPLICATE_WINDOW:
            return False
    elif a.year != b.year:
        return False
    if a.currency == b.currency:
        top = max(abs(a.amount), abs(b.amount), CENT)
        return abs(a.amount - b.amount) <= DUPLICATE_TOLERANCE * top
    if a.amount_usd and b.amount_usd:
        top = max(a.amount_usd, b.amount_usd, CENT)
        return abs(a.amount_usd - b.amount_usd) <= DUPLICATE_TOLERANCE * top
    return False


def find_duplicate(contribution: Contribution) -> Contribution | None:
    """An earlier entry from another source for the same money, if any."""
    donors = Q(donor=contribution.donor)
    if contribution.donor.kind == DonorKind.STATE and contribution.donor.iso3:
        donors |= Q(donor__kind=DonorKind.STATE, donor__iso3=contribution.donor.iso3)
    years = {contribution.year}
    if contribution.date:
        years |= {
            (contribution.date - DUPLICATE_WINDOW).year,
            (contribution.date + DUPLICATE_WINDOW).year,
        }
    candidates = (
        Contribution.objects.filter(
            donors,
            recipient_iso3=contribution.recipient_iso3,
            year__in=years,
            status=contribution.status,
            duplicate_of__isnull=True,
        )
        .exclude(Q(source=contribution.source) | Q(source=Source.STATE_REPORT))
        .select_related("donor")
    )
    if contribution.pk:
        candidates = candidates.filter(pk__lt=contribution.pk)
    for candidate in candidates.order_by("created_at", "pk"):
        if same_money(candidate, contribution):
            return candidate
    return None


def relink_duplicates(donor: Donor) -> int:
    """Link the donor's entries that repeat an earlier entry of another source; returns links."""
    linked = 0
    for item in Contribution.objects.filter(
        donor=donor, duplicate_of__isnull=True
    ).order_by("pk"):
        duplicate = find_duplicate(item)
        if duplicate:
            item.duplicate_of = duplicate
            item.save(update_fields=["duplicate_of", "updated_at"])
            linked += 1
    return linked


def _value(value: object) -> object:
    """A field value as JSON keeps it (Decimal and dates as text)."""
    if isinstance(value, Decimal):
        return f"{value:.2f}"
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _differences(
    existing: Contribution, row: ContributionRow, donor: Donor
) -> dict[str, list[object]]:
    wanted: dict[str, object] = {
        "donor_id": donor.pk,
        "recipient_iso3": row.recipient_iso3,
        "year": row.year,
        "date": row.date,
        "amount": row.amount.quantize(CENT),
        "currency": row.currency.upper(),
        "status": row.status,
        "sector": row.sector,
        "channel": row.channel,
        "description": row.description[:500],
    }
    return {
        name: [_value(getattr(existing, name)), _value(wanted[name])]
        for name in COMPARED
        if _value(getattr(existing, name)) != _value(wanted[name])
    }


def save_rows(
    rows: list[ContributionRow],
    *,
    batch: ImportBatch | None,
    result: ImportResult,
    matcher: Any = None,
    finish: bool = True,
) -> ImportResult:
    """Create the rows not yet in the ledger (by natural key); mark cross-source duplicates.

    A row whose key is in the ledger with other values is not applied: it is collected in
    `result.changed`, for the support unit to apply or refuse (`apply_pending`). With
    `finish`, the entries of the file's scopes that the file no longer holds are collected
    in `result.removed` and the batch records what happened."""
    from casework.funding.organisations import Matcher

    matcher = matcher or Matcher()
    parties = dict(StateParty.objects.values_list("iso3", "pk"))
    existing = {
        item.natural_key: item
        for item in Contribution.objects.filter(
            natural_key__in=[row.natural_key[:400] for row in rows]
        )
    }
    new: list[Contribution] = []
    rates: dict[tuple[str, int], Conversion] = {}
    with transaction.atomic():
        for row in rows:
            key = row.natural_key[:400]
            if key in result.keys_seen:
                continue  # the same row twice in a file counts once
            result.keys_seen.add(key)
            if row.scope:
                result.scopes.add(row.scope)
                result.sources.add(row.source)
            donor, how = matcher.resolve(
                row.donor_name,
                kind=row.donor_kind,
                iso3=row.donor_iso3,
                iati_ref=row.donor_iati_ref,
            )
            if key in existing:
                changes = _differences(existing[key], row, donor)
                if changes:
                    result.changed.append(
                        {"key": key, "id": existing[key].pk, "fields": changes}
                    )
                else:
                    result.unchanged += 1
                continue
            conversion = rates.get((row.currency.upper(), row.year))
            if conversion is None:
                conversion = rates[(row.currency.upper(), row.year)] = convert(
                    row.amount, row.currency, row.year
                )
            rate = conversion.rate_used
            new.append(
                Contribution(
                    donor=donor,
                    donor_match=how,
                    recipient_iso3=row.recipient_iso3,
                    recipient_state_id=parties.get(row.recipient_iso3),
                    year=row.year,
                    date=row.date,
                    amount=row.amount,
                    currency=row.currency.upper(),
                    amount_usd=(row.amount / rate).quantize(CENT, ROUND_HALF_UP)
                    if rate
                    else None,
                    rate_used=rate,
                    sector=row.sector,
                    channel=row.channel,
                    status=row.status,
                    source=row.source,
                    source_reference=row.source_reference[:400],
                    natural_key=key,
                    description=row.description[:500],
                    is_published=row.is_published,
                    batch=batch,
                )
            )
        # One INSERT per chunk; the duplicate search only where another source has
        # entries for the recipient (an ORM query costs milliseconds, a file has millions).
        Contribution.objects.bulk_create(new, batch_size=500)
        sources = defaultdict(set)
        for iso3, source in (
            Contribution.objects.filter(
                recipient_iso3__in={c.recipient_iso3 for c in new}
            )
            .exclude(source=Source.STATE_REPORT)
            .order_by()  # no default ordering in the DISTINCT
            .values_list("recipient_iso3", "source")
            .distinct()
        ):
            sources[iso3].add(source)
        for contribution in new:
            if sources[contribution.recipient_iso3] - {contribution.source}:
                duplicate = find_duplicate(contribution)
                if duplicate:
                    contribution.duplicate_of = duplicate
                    contribution.save(update_fields=["duplicate_of", "updated_at"])
            result.created_count += 1
            if result.keep_created:
                result.created.append(contribution)
    if finish:
        finish_batch(batch, result)
    return result


def find_removed(result: ImportResult) -> list[dict[str, Any]]:
    """Entries of the file's scopes (its activities, its source references) it no longer holds."""
    removed: list[dict[str, Any]] = []
    if not result.scopes:
        return removed
    # One pass over the ledger's entries of the file's sources; a key's scope is one of its
    # prefixes up to a ":" (a LIKE per scope would scan the table once per activity).
    entries = Contribution.objects.filter(source__in=result.sources).values_list(
        "pk", "natural_key"
    )
    for pk, key in entries.iterator(chunk_size=5000):
        if key in result.keys_seen:
            continue
        cut = key.find(":")
        while cut != -1:
            if key[:cut] in result.scopes:
                removed.append({"key": key, "id": pk})
                break
            cut = key.find(":", cut + 1)
    return sorted(removed, key=lambda item: item["key"])


def finish_batch(batch: ImportBatch | None, result: ImportResult) -> None:
    """Collect the removals, then record counts, messages and what waits for review."""
    result.removed = find_removed(result)
    if batch is not None:
        batch.created_count = result.created_count
        batch.unchanged_count = result.unchanged
        batch.skipped_count = result.skipped
        batch.messages = [
            {"where": where, "message": message} for where, message in result.messages
        ]
        batch.pending = (
            {"changed": result.changed, "removed": result.removed}
            if result.changed or result.removed
            else {}
        )
        batch.state = (
            ImportBatch.State.REVIEW if batch.pending else ImportBatch.State.DONE
        )
        batch.stored_path = ""
        batch.save()
    logger.info(
        "funding import %s: %d created, %d already present, %d skipped, "
        "%d changed and %d removed to review",
        batch.pk if batch else "-",
        result.created_count,
        result.unchanged,
        result.skipped,
        len(result.changed),
        len(result.removed),
    )


def _set(item: Contribution, name: str, value: object) -> None:
    if name == "amount":
        item.amount = Decimal(str(value))
    elif name == "date":
        item.date = dt.date.fromisoformat(str(value)) if value else None
    else:
        setattr(item, name, value)


def _snapshot(item: Contribution) -> dict[str, object]:
    return {name: _value(getattr(item, name)) for name in (*COMPARED, "source")}


@transaction.atomic
def apply_pending(batch: ImportBatch, *, user: Any = None) -> tuple[int, int]:
    """Apply a re-import's changes and removals, each kept as a revision; (changed, removed)."""
    pending = batch.pending or {}
    by = user if user is not None and user.is_authenticated else None
    changed = removed = 0
    for change in pending.get("changed", []):
        item = Contribution.objects.filter(pk=change["id"]).first()
        if item is None:
            continue
        for name, (_before, after) in change["fields"].items():
            _set(item, name, after)
        conversion = convert(item.amount, item.currency, item.year)
        item.amount_usd, item.rate_used = conversion.amount_usd, conversion.rate_used
        item.batch = batch
        item.save()
        ContributionRevision.objects.create(
            contribution=item,
            natural_key=item.natural_key,
            batch=batch,
            action=ContributionRevision.Action.CHANGED,
            changes=change["fields"],
            applied_by=by,
        )
        _recheck_duplicates(item)
        changed += 1
    for gone in pending.get("removed", []):
        item = Contribution.objects.filter(pk=gone["id"]).first()
        if item is None:
            continue
        ContributionRevision.objects.create(
            contribution=None,
            natural_key=item.natural_key,
            batch=batch,
            action=ContributionRevision.Action.REMOVED,
            changes=_snapshot(item),
            applied_by=by,
        )
        followers = list(item.duplicates.all())
        item.delete()
        for follower in followers:
            follower.refresh_from_db()
            _recheck_duplicates(follower)
        removed += 1
    batch.state = ImportBatch.State.DONE
    batch.save(update_fields=["state", "updated_at"])
    return changed, removed


def refuse_pending(batch: ImportBatch) -> None:
    """Leave the ledger as it was; the batch keeps the refused changes to read."""
    batch.state = ImportBatch.State.REFUSED
    batch.save(update_fields=["state", "updated_at"])


def _recheck_duplicates(item: Contribution) -> None:
    """After a correction: is the entry still the same money as the one it followed?"""
    if item.duplicate_of_id and not same_money(item.duplicate_of, item):  # type: ignore[arg-type]
        item.duplicate_of = None
    if item.duplicate_of_id is None:
        item.duplicate_of = find_duplicate(item)
    item.save(update_fields=["duplicate_of", "updated_at"])
    for follower in item.duplicates.select_related("donor"):
        if not same_money(item, follower):
            follower.duplicate_of = find_duplicate(follower)
            follower.save(update_fields=["duplicate_of", "updated_at"])


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


@dataclass(frozen=True, slots=True)
class ReceivedLine:
    """One line of a State's report on the assistance it received."""

    donor_name: str
    amount: Decimal
    currency: str
    sector: str = "unspecified"
    description: str = ""
    # The year the State says it received it, when the line gives one (else the report's).
    year: int | None = None


def record_state_report(
    recipient_iso3: str,
    year: int,
    lines: list[ReceivedLine],
    *,
    reference: str,
    label: str = "",
    publish: bool = False,
) -> list[Contribution]:
    """Record what a State's report (Article 7 or online) says it received in `year`.

    Stored as source "state_report", never counted in totals: it is the recipient's
    account, compared with the donors' on the reconciliation page. Called again for the
    same `reference` (a report resubmitted), it replaces what that report said before.
    Donors are matched like imported rows (identifier, alias, name, suggestion).
    `label` is what the ledger shows as the source (default: `reference`).
    """
    from urllib.parse import quote

    from casework.funding.organisations import Matcher, normalise

    iso3 = recipient_iso3.upper()
    prefix = f"state_report:{quote(reference, safe=' ')}:{iso3}:{year}:"
    matcher = Matcher()
    party = StateParty.objects.filter(iso3=iso3).values_list("pk", flat=True).first()
    created: list[Contribution] = []
    ranks: dict[str, int] = {}
    with transaction.atomic():
        Contribution.objects.filter(natural_key__startswith=prefix).delete()
        for line in lines:
            donor, how = matcher.resolve(line.donor_name, kind=DonorKind.OTHER)
            name = normalise(line.donor_name)
            ranks[name] = ranks.get(name, 0) + 1
            line_year = line.year or year
            conversion = convert(line.amount, line.currency, line_year)
            created.append(
                Contribution.objects.create(
                    donor=donor,
                    donor_match=how,
                    recipient_iso3=iso3,
                    recipient_state_id=party,
                    year=line_year,
                    amount=line.amount,
                    currency=line.currency.upper(),
                    amount_usd=conversion.amount_usd,
                    rate_used=conversion.rate_used,
                    sector=line.sector,
                    status="disbursed",
                    source=Source.STATE_REPORT,
                    source_reference=(label or reference)[:400],
                    natural_key=f"{prefix}{name}#{ranks[name]}"[:400],
                    description=line.description[:500],
                    is_published=publish,
                )
            )
    return created
