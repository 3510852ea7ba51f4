"""The funding dashboard's figures, computed once per change of the ledger.

The totals add up the whole ledger (30,000 rows at ten times today's data): computing them
in every request would make the public dashboard slower as the ledger grows. They are kept
in the cache under the ledger's data version (`web.versions`, kind "contributions", changed
by every save, delete and bulk write of a contribution or donor, and by the States'
names), the reader's language (the labels) and the filters, for the public and for those
who also see unpublished entries.
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import QuerySet
from django.utils import translation

from casework.funding.models import LEDGER_VERSION, Contribution
from casework.funding.totals import (
    Filters,
    Flow,
    TotalRow,
    flows,
    totals_by_donor,
    totals_by_recipient,
    totals_by_sector,
    totals_by_year,
)
from casework.web import versions


@dataclass(frozen=True, slots=True)
class DashboardFigures:
    tables: dict[str, list[TotalRow]]  # "year", "donor", "recipient", "sector"
    flows: list[Flow]
    donor_names: list[str]  # every donor with a visible entry (the filter's choices)


def _key(filters: Filters, *, unpublished: bool) -> str:
    parts = [
        versions.stamp(LEDGER_VERSION),
        versions.stamp("states"),
        translation.get_language() or "",
        "all" if unpublished else "published",
        repr(dataclasses.astuple(filters)),
    ]
    digest = hashlib.sha256("|".join(parts).encode()).hexdigest()[:32]
    return f"funding:dashboard:{digest}"


def compute(visible: QuerySet[Contribution], filters: Filters) -> DashboardFigures:
    contributions = filters.apply(visible)
    return DashboardFigures(
        tables={
            "year": totals_by_year(contributions),
            "donor": totals_by_donor(contributions),
            "recipient": totals_by_recipient(contributions),
            "sector": totals_by_sector(contributions),
        },
        flows=flows(contributions),
        donor_names=sorted(
            set(visible.order_by().values_list("donor__name", flat=True).distinct())
        ),
    )


def dashboard_figures(
    visible: QuerySet[Contribution], filters: Filters, *, unpublished: bool
) -> DashboardFigures:
    """The figures for these filters, from the cache when the ledger has not changed.

    `visible` is what the reader may see: all entries when `unpublished`, else the
    published ones (`permissions.get_contributions_for_user`)."""
    key = _key(filters, unpublished=unpublished)
    figures: DashboardFigures | None = cache.get(key)
    if figures is None:
        figures = compute(visible, filters)
        cache.set(key, figures, timeout=versions.LIFETIME)
    return figures
