"""Needs against funding: coverage per State and year, largest gaps first."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet, Sum

from casework.funding.models import Contribution, Need, Status
from casework.funding.totals import counted


@dataclass
class CoverageRow:
    iso3: str
    state_name: str
    year: int
    need_usd: Decimal = Decimal(0)
    # Needs whose currency has no loaded rate: the need is then not fully known.
    unconverted_needs: int = 0
    disbursed_usd: Decimal = Decimal(0)
    committed_usd: Decimal = Decimal(0)
    sources: set[str] = field(default_factory=set)

    @property
    def is_need_known(self) -> bool:
        return self.unconverted_needs == 0

    @property
    def coverage(self) -> Decimal | None:
        """Disbursed / needed (0-1+), None while the need is unknown or zero."""
        if not self.is_need_known or self.need_usd <= 0:
            return None
        return self.disbursed_usd / self.need_usd

    @property
    def coverage_percent(self) -> int | None:
        coverage = self.coverage
        return None if coverage is None else round(coverage * 100)

    @property
    def gap_usd(self) -> Decimal | None:
        if not self.is_need_known:
            return None
        return max(self.need_usd - self.disbursed_usd, Decimal(0))


def coverage_rows(
    needs: QuerySet[Need], contributions: QuerySet[Contribution]
) -> list[CoverageRow]:
    """One row per State and year with a need; largest known gaps first, unknown last."""
    rows: dict[tuple[str, int], CoverageRow] = {}
    for need in needs.select_related("state"):
        key = (need.state.iso3, need.year)
        row = rows.get(key) or CoverageRow(need.state.iso3, need.state.name, need.year)
        rows[key] = row
        row.sources.add(need.get_source_display())
        if need.amount_usd is None:
            row.unconverted_needs += 1
        else:
            row.need_usd += need.amount_usd
    if not rows:
        return []
    received: dict[tuple[str, int, str], Decimal] = defaultdict(Decimal)
    for item in (
        counted(contributions)
        .filter(
            recipient_iso3__in={iso3 for iso3, _ in rows},
            year__in={year for _, year in rows},
            status__in=[Status.DISBURSED, Status.COMMITTED],
        )
        .values("recipient_iso3", "year", "status")
        .annotate(usd=Sum("amount_usd"))
    ):
        received[(item["recipient_iso3"], item["year"], item["status"])] = item[
            "usd"
        ] or Decimal(0)
    for (iso3, year), row in rows.items():
        row.disbursed_usd = received[(iso3, year, Status.DISBURSED)]
        row.committed_usd = received[(iso3, year, Status.COMMITTED)]
    return sorted(
        rows.values(),
        key=lambda row: (
            row.gap_usd is None,
            -(row.gap_usd or 0),
            row.state_name,
            row.year,
        ),
    )
