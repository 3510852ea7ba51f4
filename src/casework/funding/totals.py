"""Totals of the ledger for the dashboards: per year, donor, recipient, sector, and flows.

Totals are in US dollars and leave out entries flagged as duplicates of another source.
Entries without a rate cannot be added up: they are counted apart, never converted.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Q, QuerySet, Sum
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from casework.funding.models import Contribution, Sector, Source, Status

ALL = "all"


@dataclass(frozen=True, slots=True)
class Filters:
    """What the dashboard shows; the default counts disbursements only.

    Summing pledges, commitments and disbursements would count the same money two or
    three times (a pledge becomes a commitment, then a disbursement).
    """

    status: str = Status.DISBURSED
    year_from: int | None = None
    year_to: int | None = None
    donor: str = ""
    recipient: str = ""
    sector: str = ""
    source: str = ""

    @classmethod
    def from_query(cls, query: QueryDict, *, status: str = Status.DISBURSED) -> Filters:
        def year(name: str) -> int | None:
            value = query.get(name, "").strip()
            return int(value) if value.isdigit() and len(value) == 4 else None

        default = status
        status = query.get("status", default)
        if status not in (*Status.values, ALL):
            status = default
        sector = query.get("sector", "")
        source = query.get("source", "")
        return cls(
            status=status,
            year_from=year("year_from"),
            year_to=year("year_to"),
            donor=query.get("donor", "").strip()[:200],
            recipient=query.get("recipient", "").strip().upper()[:3],
            sector=sector if sector in Sector.values else "",
            source=source if source in Source.values else "",
        )

    def apply(self, contributions: QuerySet[Contribution]) -> QuerySet[Contribution]:
        if self.status != ALL:
            contributions = contributions.filter(status=self.status)
        if self.year_from:
            contributions = contributions.filter(year__gte=self.year_from)
        if self.year_to:
            contributions = contributions.filter(year__lte=self.year_to)
        if self.donor:
            contributions = contributions.filter(donor__name=self.donor)
        if self.recipient:
            contributions = contributions.filter(recipient_iso3=self.recipient)
        if self.sector:
            contributions = contributions.filter(sector=self.sector)
        if self.source:
            contributions = contributions.filter(source=self.source)
        return contributions


@dataclass(frozen=True, slots=True)
class TotalRow:
    key: str
    label: str
    usd: Decimal
    count: int
    unconverted: int  # entries without a rate, left out of `usd`


def counted(contributions: QuerySet[Contribution]) -> QuerySet[Contribution]:
    """Entries that count in totals: not a duplicate of another source's entry, and not a
    recipient's own account of what it received (compared on the reconciliation page)."""
    return contributions.filter(duplicate_of__isnull=True).exclude(
        source=Source.STATE_REPORT
    )


def _totals(
    contributions: QuerySet[Contribution], field: str, labels: dict[str, str] | None
) -> list[TotalRow]:
    rows = (
        counted(contributions)
        .values(field)
        .annotate(
            usd=Sum("amount_usd"),
            count=Count("pk"),
            unconverted=Count("pk", filter=Q(amount_usd__isnull=True)),
        )
        .order_by(field)
    )
    return [
        TotalRow(
            key=str(row[field]),
            label=str((labels or {}).get(row[field], row[field])),
            usd=row["usd"] or Decimal(0),
            count=row["count"],
            unconverted=row["unconverted"],
        )
        for row in rows
    ]


def totals_by_year(contributions: QuerySet[Contribution]) -> list[TotalRow]:
    return _totals(contributions, "year", None)


def totals_by_donor(contributions: QuerySet[Contribution]) -> list[TotalRow]:
    rows = _totals(contributions, "donor__name", None)
    return sorted(rows, key=lambda row: -row.usd)


def totals_by_recipient(contributions: QuerySet[Contribution]) -> list[TotalRow]:
    from casework.states.models import StateParty

    names = {state.iso3: state.name for state in StateParty.objects.all()}
    rows = _totals(contributions, "recipient_iso3", None)
    rows = [
        TotalRow(
            row.key, names.get(row.key, row.key), row.usd, row.count, row.unconverted
        )
        for row in rows
    ]
    return sorted(rows, key=lambda row: -row.usd)


def totals_by_sector(contributions: QuerySet[Contribution]) -> list[TotalRow]:
    rows = _totals(
        contributions, "sector", {value: str(label) for value, label in Sector.choices}
    )
    return sorted(rows, key=lambda row: -row.usd)


@dataclass(frozen=True, slots=True)
class Flow:
    donor: str
    recipient: str
    usd: Decimal


def flows(contributions: QuerySet[Contribution], *, limit: int = 30) -> list[Flow]:
    """The largest donor -> recipient flows in USD (unconverted entries left out)."""
    rows = (
        counted(contributions)
        .filter(amount_usd__isnull=False)
        .values("donor__name", "recipient_iso3")
        .annotate(usd=Sum("amount_usd"))
        .order_by("-usd")[:limit]
    )
    return [Flow(row["donor__name"], row["recipient_iso3"], row["usd"]) for row in rows]


TABLE_TITLES = {
    "year": _("Totals per year"),
    "donor": _("Totals per donor"),
    "recipient": _("Totals per recipient"),
    "sector": _("Totals per sector"),
}
