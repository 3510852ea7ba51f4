"""Indicator coverage across States: how many States reported each indicator, by year and group."""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Max, Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from casework.documents.models import Document
from casework.findings.indicators import CODES
from casework.findings.models import Finding
from casework.states.models import Article5Status

AFFECTED = "affected"
OTHER = "other"
GROUPS = {
    AFFECTED: _("Affected States (Article 5 obligation)"),
    OTHER: _("Other States, including those providing support"),
}
# Reviewed: only what a reviewer confirmed. All: the analyser's findings unless rejected.
REVIEWED_Q = Q(decision=Finding.Decision.ACCEPTED, present=True) | Q(
    decision=Finding.Decision.CORRECTED, corrected_present=True
)
ALL_Q = REVIEWED_Q | Q(decision=Finding.Decision.PENDING, present=True)


@dataclass(frozen=True)
class Series:
    key: str  # a year or a group
    label: str
    states: int  # States with at least one document in scope
    counts: dict[str, int]  # indicator code -> States reporting it

    def share(self, code: str) -> float:
        return self.counts.get(code, 0) / self.states if self.states else 0.0


def _group_of(article5_status: str) -> str:
    return AFFECTED if article5_status == Article5Status.YES else OTHER


def _key(by: str, value: object) -> str:
    return str(value) if by == "year" else _group_of(str(value))


def coverage(
    *,
    by: str,
    years: list[int] | None = None,
    group: str = "",
    kind: str = "",
    basis: str = "reviewed",
) -> list[Series]:
    """Series of States per indicator, keyed by year (`by="year"`) or group (`by="group"`).

    Two aggregate queries, whatever the number of documents.
    """
    documents = Document.objects.all()
    if years:
        documents = documents.filter(year__in=years)
    if kind:
        documents = documents.filter(kind=kind)
    if group == AFFECTED:
        documents = documents.filter(state__article5_status=Article5Status.YES)
    elif group == OTHER:
        documents = documents.exclude(state__article5_status=Article5Status.YES)
    findings = Finding.objects.filter(REVIEWED_Q if basis == "reviewed" else ALL_Q)
    if documents.query.where:
        findings = findings.filter(document__in=documents)
    # A State has one Article 5 status, so distinct-State counts per status add up exactly
    # into groups: grouping in SQL keeps this to two aggregate queries over 50,000 rows.
    field = "year" if by == "year" else "state__article5_status"
    denominators: dict[str, int] = defaultdict(int)
    for row in documents.values(field).annotate(n=Count("state_id", distinct=True)):
        denominators[_key(by, row[field])] += row["n"]
    counts: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for row in findings.values(f"document__{field}", "indicator").annotate(
        n=Count("document__state_id", distinct=True)
    ):
        counts[_key(by, row[f"document__{field}"])][row["indicator"]] += row["n"]
    keys = (
        sorted(denominators)
        if by == "year"
        else [k for k in GROUPS if k in denominators]
    )
    return [
        Series(
            key,
            key if by == "year" else str(GROUPS[key]),
            denominators[key],
            {code: counts[key].get(code, 0) for code in CODES},
        )
        for key in keys
    ]


def table(series: list[Series]) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    """The numbers behind a chart, one row per series and indicator.

    A data file, not a page: codes and plain numbers ("0.500") whatever the language,
    so that spreadsheets and scripts read it the same way.
    """
    header: tuple[str, ...] = (
        "series",
        "indicator",
        "states_reporting",
        "states_in_scope",
        "share",
    )
    rows: list[tuple[str, ...]] = [
        (
            s.label,
            code,
            str(s.counts.get(code, 0)),
            str(s.states),
            f"{s.share(code):.3f}",
        )
        for s in series
        for code in CODES
    ]
    return header, rows


def cached_coverage(
    *, years: list[int], group: str, kind: str, basis: str
) -> tuple[list[Series], list[Series]]:
    """(by year, by group) for the filters, recomputed only when findings or documents change.

    Two cheap aggregates decide the version; the 50,000-row aggregates run once per change.
    """
    options = {"years": years, "group": group, "kind": kind, "basis": basis}
    findings = Finding.objects.aggregate(changed=Max("updated_at"), n=Count("id"))
    documents = Document.objects.aggregate(changed=Max("updated_at"), n=Count("id"))
    raw = f"{sorted(options.items())}{findings}{documents}{get_language()}"
    key = "coverage:" + hashlib.sha256(raw.encode()).hexdigest()
    cached: tuple[list[Series], list[Series]] | None = cache.get(key)
    if cached is not None:
        return cached
    result = (
        coverage(by="year", years=years, group=group, kind=kind, basis=basis),
        coverage(by="group", years=years, group=group, kind=kind, basis=basis),
    )
    cache.set(key, result, timeout=3600)
    return result
