"""Analysis of an Article 5 extension request: pure Python, no Django.

Dataclasses in (`RequestData` and its rows), an `Analysis` out: the funding gap per year,
the release rate against the State's past rate, cost per m², a completeness checklist and
consistency checks. Every finding names the cells (``Budget!C7``) or pages it comes from,
so that the Article 5 Committee can check it against the request.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

# Sums that differ by less than this share (or one unit) are treated as equal: requests
# round their tables, and a 0.5 % gap is a rounding difference, not an inconsistency.
SUM_TOLERANCE = 0.005
# A required rate up to 25 % above the past rate is realistic, up to twice is ambitious.
REALISTIC_RATIO = 1.25
AMBITIOUS_RATIO = 2.0
# Cost per m² more than twice (or under half) the comparison deserves a question.
COST_RATIO_HIGH = 2.0
COST_RATIO_LOW = 0.5
# Above this share of the total cost still unfunded, the comments encourage the
# individualised approach and a national mine action platform.
LARGE_GAP_SHARE = 0.3


class Severity(StrEnum):
    ERROR = "error"  # the figures contradict each other
    WARNING = "warning"  # something is missing or implausible


class Kind(StrEnum):
    COMPLETENESS = "completeness"
    CONSISTENCY = "consistency"
    PLAUSIBILITY = "plausibility"


class Verdict(StrEnum):
    REALISTIC = "realistic"
    AMBITIOUS = "ambitious"
    UNREALISTIC = "unrealistic"
    UNKNOWN = "unknown"


def _cell(cells: Mapping[str, str], name: str, fallback: str) -> str:
    return cells.get(name) or fallback


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    confirmed_m2: int = 0
    suspected_m2: int = 0
    cells: Mapping[str, str] = field(default_factory=dict)

    def cell(self, name: str) -> str:
        return _cell(self.cells, name, f"{self.name} ({name})")


@dataclass(frozen=True, slots=True)
class PlanYear:
    year: int
    cancel_m2: int = 0
    reduce_m2: int = 0
    clear_m2: int = 0
    teams: int | None = None
    milestones: str = ""
    cells: Mapping[str, str] = field(default_factory=dict)

    @property
    def release_m2(self) -> int:
        return self.cancel_m2 + self.reduce_m2 + self.clear_m2

    def cell(self, name: str) -> str:
        return _cell(self.cells, name, f"work plan {self.year} ({name})")


@dataclass(frozen=True, slots=True)
class BudgetYear:
    year: int
    total: float | None = None
    national: float | None = None
    secured: float | None = None
    sought: float | None = None
    currency: str = ""
    cells: Mapping[str, str] = field(default_factory=dict)

    def cell(self, name: str) -> str:
        return _cell(self.cells, name, f"budget {self.year} ({name})")


@dataclass(frozen=True, slots=True)
class PastYear:
    """Area released (and what it cost) in a year before the request."""

    year: int
    released_m2: int
    cost: float | None = None
    cells: Mapping[str, str] = field(default_factory=dict)

    def cell(self, name: str) -> str:
        return _cell(self.cells, name, f"past release {self.year} ({name})")


@dataclass(frozen=True, slots=True)
class RequestData:
    state: str
    current_deadline: dt.date | None = None
    requested_deadline: dt.date | None = None
    currency: str = ""
    stated_total_cost: float | None = None
    stated_area_m2: int | None = None
    entered_past_rate_m2: int | None = None
    has_resource_mobilisation_plan: bool = False
    has_risk_education: bool = False
    has_gender_diversity: bool = False
    has_survey_of_remaining_areas: bool = False
    regions: tuple[Region, ...] = ()
    plan: tuple[PlanYear, ...] = ()
    budget: tuple[BudgetYear, ...] = ()
    past: tuple[PastYear, ...] = ()
    # Request-level cells: field name -> "Request!B5" (or a page).
    cells: Mapping[str, str] = field(default_factory=dict)

    def cell(self, name: str) -> str:
        return _cell(self.cells, name, f"request ({name})")


@dataclass(frozen=True, slots=True)
class OtherRequest:
    label: str
    cost_per_m2: float


@dataclass(frozen=True, slots=True)
class Finding:
    code: str
    kind: Kind
    severity: Severity
    sources: tuple[str, ...]
    params: Mapping[str, object] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ChecklistItem:
    code: str
    ok: bool
    sources: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class YearGap:
    year: int
    total: float
    national: float
    secured: float
    sought: float | None
    gap: float
    currency: str

    @property
    def national_share(self) -> float | None:
        return self.national / self.total if self.total else None


@dataclass(frozen=True, slots=True)
class Release:
    remaining_m2: int
    years_asked: int
    required_rate_m2: float | None
    past_rate_m2: float | None
    past_rate_source: str  # "history", "entered" or ""
    ratio: float | None
    verdict: Verdict
    planned_by_year: tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class CostPerArea:
    request_cost_per_m2: float | None
    own_history_cost_per_m2: float | None
    others_median_cost_per_m2: float | None
    others_count: int


@dataclass(frozen=True, slots=True)
class Analysis:
    years: tuple[YearGap, ...]
    total_cost: float
    total_national: float
    total_secured: float
    total_gap: float
    release: Release
    cost: CostPerArea
    checklist: tuple[ChecklistItem, ...]
    findings: tuple[Finding, ...]

    @property
    def national_share(self) -> float | None:
        return self.total_national / self.total_cost if self.total_cost else None

    @property
    def gap_share(self) -> float | None:
        return self.total_gap / self.total_cost if self.total_cost else None

    @property
    def gap_is_large(self) -> bool:
        share = self.gap_share
        return share is not None and share > LARGE_GAP_SHARE

    @property
    def missing(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for item in self.checklist if not item.ok)

    def findings_of(self, kind: Kind) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.kind == kind)


def analyse(request: RequestData, *, others: Sequence[OtherRequest] = ()) -> Analysis:
    """Analyse one request; `others` are the cost per m² of other requests in Casework."""
    years = funding_gap(request)
    total_cost = sum(y.total for y in years)
    total_national = sum(y.national for y in years)
    total_secured = sum(y.secured for y in years)
    release = release_rate(request)
    cost = cost_per_area(request, others=others)
    findings = [
        *consistency_findings(request),
        *plausibility_findings(request, release, cost),
    ]
    return Analysis(
        years=years,
        total_cost=total_cost,
        total_national=total_national,
        total_secured=total_secured,
        total_gap=sum(y.gap for y in years),
        release=release,
        cost=cost,
        checklist=completeness(request),
        findings=tuple(findings),
    )


def funding_gap(request: RequestData) -> tuple[YearGap, ...]:
    """Cost − national − secured for each budget year (missing values count as 0)."""
    rows = []
    for line in sorted(request.budget, key=lambda b: b.year):
        total = line.total or 0.0
        national = line.national or 0.0
        secured = line.secured or 0.0
        rows.append(
            YearGap(
                year=line.year,
                total=total,
                national=national,
                secured=secured,
                sought=line.sought,
                gap=max(total - national - secured, 0.0),
                currency=line.currency or request.currency,
            )
        )
    return tuple(rows)


def years_asked(request: RequestData) -> int | None:
    if request.current_deadline is None or request.requested_deadline is None:
        return None
    return max(request.requested_deadline.year - request.current_deadline.year, 1)


def release_rate(request: RequestData) -> Release:
    """Area to release per year to meet the requested deadline, against the past rate."""
    remaining = sum(r.confirmed_m2 + r.suspected_m2 for r in request.regions)
    asked = years_asked(request)
    required = remaining / asked if asked and remaining else None
    with_area = [p for p in request.past if p.released_m2 > 0]
    if with_area:
        past_rate: float | None = statistics.fmean(p.released_m2 for p in with_area)
        source = "history"
    elif request.entered_past_rate_m2:
        past_rate, source = float(request.entered_past_rate_m2), "entered"
    else:
        past_rate, source = None, ""
    ratio = required / past_rate if required is not None and past_rate else None
    if ratio is None:
        verdict = Verdict.UNKNOWN
    elif ratio <= REALISTIC_RATIO:
        verdict = Verdict.REALISTIC
    elif ratio <= AMBITIOUS_RATIO:
        verdict = Verdict.AMBITIOUS
    else:
        verdict = Verdict.UNREALISTIC
    planned = tuple(
        (p.year, p.release_m2) for p in sorted(request.plan, key=lambda p: p.year)
    )
    return Release(
        remaining_m2=remaining,
        years_asked=asked or 0,
        required_rate_m2=required,
        past_rate_m2=past_rate,
        past_rate_source=source,
        ratio=ratio,
        verdict=verdict,
        planned_by_year=planned,
    )


def cost_per_area(
    request: RequestData, *, others: Sequence[OtherRequest] = ()
) -> CostPerArea:
    """Total cost over remaining area, against past cost per m² and other requests."""
    total = sum(b.total or 0.0 for b in request.budget)
    remaining = sum(r.confirmed_m2 + r.suspected_m2 for r in request.regions)
    mine = total / remaining if total and remaining else None
    costed = [p for p in request.past if p.cost and p.released_m2]
    history = (
        sum(p.cost or 0.0 for p in costed) / sum(p.released_m2 for p in costed)
        if costed
        else None
    )
    values = [o.cost_per_m2 for o in others if o.cost_per_m2 > 0]
    return CostPerArea(
        request_cost_per_m2=mine,
        own_history_cost_per_m2=history,
        others_median_cost_per_m2=statistics.median(values) if values else None,
        others_count=len(values),
    )


def completeness(request: RequestData) -> tuple[ChecklistItem, ...]:
    """The items the Article 5 Committee expects in every request, each ok or missing."""
    plan_years = {p.year for p in request.plan}
    budget_years = {b.year for b in request.budget}
    without_milestones = [p for p in request.plan if not p.milestones.strip()]
    split_missing = [
        b.cell(name)
        for b in request.budget
        for name in ("national", "secured")
        if getattr(b, name) is None
    ]
    suspected = [r for r in request.regions if r.suspected_m2]
    survey_planned = any(p.cancel_m2 or p.reduce_m2 for p in request.plan)
    return (
        ChecklistItem(
            "annual_milestones",
            bool(request.plan) and not without_milestones,
            tuple(p.cell("milestones") for p in without_milestones),
        ),
        ChecklistItem(
            "budget_per_year",
            bool(request.budget) and plan_years <= budget_years,
            tuple(
                next(p for p in request.plan if p.year == year).cell("year")
                for year in sorted(plan_years - budget_years)
            ),
        ),
        ChecklistItem(
            "national_international_split",
            bool(request.budget) and not split_missing,
            tuple(split_missing),
        ),
        ChecklistItem(
            "resource_mobilisation_plan",
            request.has_resource_mobilisation_plan,
            (request.cell("resource_mobilisation_plan"),),
        ),
        ChecklistItem(
            "risk_education",
            request.has_risk_education,
            (request.cell("risk_education"),),
        ),
        ChecklistItem(
            "gender_diversity",
            request.has_gender_diversity,
            (request.cell("gender_diversity"),),
        ),
        ChecklistItem(
            "survey_of_remaining_areas",
            request.has_survey_of_remaining_areas or not suspected or survey_planned,
            (request.cell("survey_of_remaining_areas"),),
        ),
    )


def _differs(a: float, b: float) -> bool:
    return abs(a - b) > max(abs(b) * SUM_TOLERANCE, 1.0)


def consistency_findings(request: RequestData) -> list[Finding]:
    """Sums that do not add up, years outside the period, areas that change, currencies."""
    found: list[Finding] = []
    budget = sorted(request.budget, key=lambda b: b.year)
    totals = [b for b in budget if b.total is not None]
    if request.stated_total_cost is not None and totals:
        summed = sum(b.total or 0.0 for b in totals)
        if _differs(summed, request.stated_total_cost):
            found.append(
                Finding(
                    "budget_total_mismatch",
                    Kind.CONSISTENCY,
                    Severity.ERROR,
                    (request.cell("total_cost"), *(b.cell("total") for b in totals)),
                    {"stated": request.stated_total_cost, "summed": summed},
                )
            )
    for b in budget:
        parts = [b.national, b.secured, b.sought]
        if b.total is not None and all(p is not None for p in parts):
            summed = sum(p or 0.0 for p in parts)
            if _differs(summed, b.total):
                found.append(
                    Finding(
                        "budget_year_parts_mismatch",
                        Kind.CONSISTENCY,
                        Severity.ERROR,
                        (
                            b.cell("total"),
                            b.cell("national"),
                            b.cell("secured"),
                            b.cell("sought"),
                        ),
                        {"year": b.year, "total": b.total, "summed": summed},
                    )
                )
    no_national = [b for b in budget if not b.national]
    if budget and len(no_national) == len(budget):
        found.append(
            Finding(
                "no_national_contribution",
                Kind.CONSISTENCY,
                Severity.WARNING,
                tuple(b.cell("national") for b in budget),
                {},
            )
        )
    found += _years_outside_period(request)
    found += _areas_that_change(request)
    currencies = {b.currency for b in budget if b.currency}
    expected = request.currency or (sorted(currencies)[0] if currencies else "")
    odd = [b for b in budget if b.currency and b.currency != expected]
    if odd:
        found.append(
            Finding(
                "currency_mix",
                Kind.CONSISTENCY,
                Severity.ERROR,
                tuple(b.cell("currency") for b in odd),
                {"expected": expected, "found": sorted({b.currency for b in odd})},
            )
        )
    plan_years = {p.year for p in request.plan}
    for b in budget:
        if request.plan and b.year not in plan_years:
            found.append(
                Finding(
                    "budget_year_without_plan",
                    Kind.CONSISTENCY,
                    Severity.WARNING,
                    (b.cell("year"),),
                    {"year": b.year},
                )
            )
    return found


def _years_outside_period(request: RequestData) -> list[Finding]:
    if request.current_deadline is None or request.requested_deadline is None:
        return []
    first, last = request.current_deadline.year, request.requested_deadline.year
    outside: dict[int, list[str]] = {}
    rows: list[PlanYear | BudgetYear] = [*request.plan, *request.budget]
    for row in rows:
        if not first <= row.year <= last:
            outside.setdefault(row.year, []).append(row.cell("year"))
    return [
        Finding(
            "year_outside_period",
            Kind.CONSISTENCY,
            Severity.ERROR,
            tuple(cells),
            {"year": year, "first": first, "last": last},
        )
        for year, cells in sorted(outside.items())
    ]


def _areas_that_change(request: RequestData) -> list[Finding]:
    found = []
    remaining = sum(r.confirmed_m2 + r.suspected_m2 for r in request.regions)
    region_cells = tuple(
        c
        for r in request.regions
        for c in (r.cell("confirmed_m2"), r.cell("suspected_m2"))
    )
    if (
        request.stated_area_m2 is not None
        and request.regions
        and _differs(remaining, request.stated_area_m2)
    ):
        found.append(
            Finding(
                "area_summary_mismatch",
                Kind.CONSISTENCY,
                Severity.ERROR,
                (request.cell("remaining_area_m2"), *region_cells),
                {"stated": request.stated_area_m2, "summed": remaining},
            )
        )
    planned = sum(p.release_m2 for p in request.plan)
    if request.plan and request.regions and _differs(planned, remaining):
        found.append(
            Finding(
                "plan_area_mismatch",
                Kind.CONSISTENCY,
                Severity.ERROR,
                (
                    *region_cells,
                    *(
                        p.cell(name)
                        for p in request.plan
                        for name in ("cancel_m2", "reduce_m2", "clear_m2")
                    ),
                ),
                {"remaining": remaining, "planned": planned},
            )
        )
    return found


def plausibility_findings(
    request: RequestData, release: Release, cost: CostPerArea
) -> list[Finding]:
    """Whether the plan can be met at the past rate, and cost per m² against comparisons."""
    found = []
    if release.verdict in (Verdict.AMBITIOUS, Verdict.UNREALISTIC):
        sources = (
            tuple(p.cell("released_m2") for p in request.past)
            if release.past_rate_source == "history"
            else (request.cell("past_release_rate_m2"),)
        )
        found.append(
            Finding(
                "release_rate_" + release.verdict.value,
                Kind.PLAUSIBILITY,
                Severity.WARNING,
                sources,
                {
                    "required": release.required_rate_m2,
                    "past": release.past_rate_m2,
                    "ratio": release.ratio,
                },
            )
        )
    totals = tuple(b.cell("total") for b in request.budget)
    for code, reference in (
        ("cost_vs_history", cost.own_history_cost_per_m2),
        ("cost_vs_others", cost.others_median_cost_per_m2),
    ):
        if cost.request_cost_per_m2 is None or not reference:
            continue
        ratio = cost.request_cost_per_m2 / reference
        if ratio > COST_RATIO_HIGH or ratio < COST_RATIO_LOW:
            found.append(
                Finding(
                    code + ("_high" if ratio > 1 else "_low"),
                    Kind.PLAUSIBILITY,
                    Severity.WARNING,
                    totals,
                    {
                        "cost": cost.request_cost_per_m2,
                        "reference": reference,
                        "ratio": ratio,
                    },
                )
            )
    return found
