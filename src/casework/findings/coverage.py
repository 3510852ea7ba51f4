"""Indicator coverage across States: how many States reported each indicator, by year and group."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from typing import TypedDict

from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.documents.models import Document
from casework.findings.indicators import CODES
from casework.findings.models import Finding
from casework.states.models import Article5Status
from casework.web import versions

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


# The stamps (`web.versions`) the figures are computed from: a Finding or Document saved
# or deleted (signals in `web/signals.py`), a State's Article 5 status (groups).
DATA = ("findings", "documents", "states")
# A recompute queued for a version is not queued again for this long (worker down, say).
QUEUED_SECONDS = 600


@dataclass(frozen=True)
class Stored:
    """Figures as last computed, for one set of filters (language-neutral)."""

    version: str  # `data_version()` read before the computation started
    computed_at: dt.datetime
    by_year: list[Series]
    by_group: list[Series]
    years: list[int]  # years with at least one document, newest first


@dataclass(frozen=True)
class Served:
    """What the page shows: the stored figures, labelled in the reader's language."""

    by_year: list[Series]
    by_group: list[Series]
    years: list[int]
    computed_at: dt.datetime
    stale: bool  # newer figures are being computed in the background


def data_version() -> str:
    """A few cache reads, no query: changes whenever findings, documents or States do."""
    raw = ":".join(versions.stamp(kind) for kind in DATA)
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


class Options(TypedDict):
    """The filters of the page (the key of stored figures, the task's arguments)."""

    years: list[int]
    group: str
    kind: str
    basis: str


def _options(years: list[int], group: str, kind: str, basis: str) -> Options:
    return {"years": sorted(set(years)), "group": group, "kind": kind, "basis": basis}


def _store_key(options: Options) -> str:
    raw = json.dumps(options, sort_keys=True)
    return "coverage:stored:" + hashlib.sha256(raw.encode()).hexdigest()[:24]


def compute(*, years: list[int], group: str, kind: str, basis: str) -> Stored:
    """Compute and store the figures for these filters (the worker's job, or the very
    first request for a set of filters when nothing is stored yet)."""
    options = _options(years, group, kind, basis)
    # Read first: a change during the computation leaves the stored figures stale.
    version = data_version()
    stored = Stored(
        version=version,
        computed_at=timezone.now(),
        by_year=coverage(by="year", years=years, group=group, kind=kind, basis=basis),
        by_group=coverage(by="group", years=years, group=group, kind=kind, basis=basis),
        years=sorted(
            set(Document.objects.order_by().values_list("year", flat=True).distinct()),
            reverse=True,
        ),
    )
    cache.set(_store_key(options), stored, timeout=None)
    return stored


def refresh(*, years: list[int], group: str, kind: str, basis: str) -> bool:
    """Recompute the stored figures unless they are current; True when it recomputed."""
    stored: Stored | None = cache.get(_store_key(_options(years, group, kind, basis)))
    if stored is not None and stored.version == data_version():
        return False
    compute(years=years, group=group, kind=kind, basis=basis)
    return True


def _labelled(series: list[Series]) -> list[Series]:
    """Group series named in the reader's language (stored figures are neutral)."""
    return [
        Series(
            s.key, str(GROUPS[s.key]) if s.key in GROUPS else s.key, s.states, s.counts
        )
        for s in series
    ]


def _queue_refresh(options: Options, version: str) -> None:
    """Hand the recompute to the worker, once per data version and set of filters."""
    if not cache.add(f"{_store_key(options)}:queued:{version}", True, QUEUED_SECONDS):
        return
    from casework.findings.tasks import recompute_coverage

    transaction.on_commit(lambda: recompute_coverage.enqueue(**options))


def cached_coverage(*, years: list[int], group: str, kind: str, basis: str) -> Served:
    """The stored figures for the filters, and whether newer ones are on their way.

    No request work grows with the data: the check is a few cache reads (version
    stamps); when the data changed since the figures were computed, the request still
    serves them and queues `tasks.recompute_coverage` on the worker. Only a set of
    filters never computed before is computed in the request, once.
    """
    options = _options(years, group, kind, basis)
    stored: Stored | None = cache.get(_store_key(options))
    stale = False
    if stored is None:
        stored = compute(years=years, group=group, kind=kind, basis=basis)
    else:
        current = data_version()
        if stored.version != current:
            stale = True
            _queue_refresh(options, current)
    return Served(
        by_year=_labelled(stored.by_year),
        by_group=_labelled(stored.by_group),
        years=stored.years,
        computed_at=stored.computed_at,
        stale=stale,
    )
