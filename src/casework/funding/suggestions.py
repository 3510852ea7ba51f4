"""Donor suggestions for a need: who supported this State, region and sector, and who said so.

Score (0-100) = weighted sum of five parts, each scaled 0-1 against the best donor:
past support to the State (35), to the region (20), to the sector (15), recent trend (10),
stated priorities (20). Every part that counts gives a reason in words, with its figures.
Only disbursed and committed money counts, duplicates of another source left out.
Reasons are written in `language`: amounts through `funding.money` ("USD 1.2 million" /
"1,2 million USD"), the State through `domain.state_names` ("to Angola" / "à l'Angola" /
"al Senegal").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from casework.domain.state_names import forms
from casework.funding.models import Contribution, DonorPriority, Need, Sector, Status
from casework.funding.money import in_words
from casework.funding.regions import REGION_OF, region_label
from casework.funding.totals import counted

WEIGHTS = {"state": 35, "region": 20, "sector": 15, "trend": 10, "priority": 20}
HISTORY_YEARS = 10
TREND_YEARS = 3


@dataclass
class Suggestion:
    donor: str
    donor_kind: str
    score: int = 0
    to_state_usd: Decimal = Decimal(0)
    to_region_usd: Decimal = Decimal(0)
    to_sector_usd: Decimal = Decimal(0)
    recent_usd: Decimal = Decimal(0)
    earlier_usd: Decimal = Decimal(0)
    priorities: list[str] = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)


def suggest_donors(
    need: Need,
    contributions: QuerySet[Contribution],
    *,
    language: str,
    limit: int = 15,
) -> list[Suggestion]:
    """Donors ranked for `need`, best first, each with the reasons for its place.

    The reasons use the active translation; `language` writes their amounts and names."""
    iso3 = need.state.iso3
    region = REGION_OF.get(iso3, "")
    last = need.year - 1
    first = need.year - HISTORY_YEARS
    recent_from = need.year - TREND_YEARS
    earlier_from = recent_from - TREND_YEARS
    by_donor: dict[int, Suggestion] = {}
    for item in (
        counted(contributions)
        .filter(
            year__gte=first,
            year__lte=last,
            status__in=[Status.DISBURSED, Status.COMMITTED],
            amount_usd__isnull=False,
        )
        .select_related("donor")
    ):
        suggestion = by_donor.setdefault(
            item.donor_id, Suggestion(item.donor.name, item.donor.get_kind_display())
        )
        usd = item.amount_usd or Decimal(0)
        if item.recipient_iso3 == iso3:
            suggestion.to_state_usd += usd
        if region and REGION_OF.get(item.recipient_iso3) == region:
            suggestion.to_region_usd += usd
        if need.sector != Sector.UNSPECIFIED and item.sector == need.sector:
            suggestion.to_sector_usd += usd
        if item.year >= recent_from:
            suggestion.recent_usd += usd
        elif item.year >= earlier_from:
            suggestion.earlier_usd += usd
    priorities: defaultdict[int, list[DonorPriority]] = defaultdict(list)
    for priority in DonorPriority.objects.select_related("donor"):
        if _priority_matches(priority, need, region):
            priorities[priority.donor_id].append(priority)
            by_donor.setdefault(
                priority.donor_id,
                Suggestion(priority.donor.name, priority.donor.get_kind_display()),
            )
    _score(
        by_donor,
        priorities,
        need=need,
        region=region,
        years=(first, last),
        language=language,
    )
    ranked = sorted(
        (s for s in by_donor.values() if s.score > 0),
        key=lambda s: (-s.score, s.donor),
    )
    return ranked[:limit]


def _priority_matches(priority: DonorPriority, need: Need, region: str) -> bool:
    if priority.recipient_iso3 and priority.recipient_iso3 != need.state.iso3:
        return False
    if priority.region and priority.region != region:
        return False
    return not (priority.sector and priority.sector != need.sector)


def _trend(suggestion: Suggestion) -> Decimal:
    """0-1: 1 when recent support is at least double the earlier years, 0 when falling."""
    if suggestion.recent_usd <= 0:
        return Decimal(0)
    if suggestion.earlier_usd <= 0:
        return Decimal("0.5")
    ratio = suggestion.recent_usd / suggestion.earlier_usd
    return max(Decimal(0), min(Decimal(1), ratio - 1))


def _score(
    by_donor: dict[int, Suggestion],
    priorities: dict[int, list[DonorPriority]],
    *,
    need: Need,
    region: str,
    years: tuple[int, int],
    language: str,
) -> None:
    def money(value: Decimal) -> str:
        return in_words(value, language)

    best = {
        "state": max((s.to_state_usd for s in by_donor.values()), default=0),
        "region": max((s.to_region_usd for s in by_donor.values()), default=0),
        "sector": max((s.to_sector_usd for s in by_donor.values()), default=0),
    }
    period = f"{years[0]}–{years[1]}"
    to_state = forms(need.state.iso3, language).dative
    for donor_id, suggestion in by_donor.items():
        parts = {
            "state": suggestion.to_state_usd / best["state"] if best["state"] else 0,
            "region": suggestion.to_region_usd / best["region"]
            if best["region"]
            else 0,
            "sector": suggestion.to_sector_usd / best["sector"]
            if best["sector"]
            else 0,
            "trend": _trend(suggestion),
            "priority": Decimal(1) if priorities.get(donor_id) else Decimal(0),
        }
        suggestion.score = round(
            sum(Decimal(WEIGHTS[name]) * Decimal(part) for name, part in parts.items())
        )
        if suggestion.to_state_usd:
            suggestion.reasons.append(
                _("Gave %(amount)s %(to_state)s in %(period)s.")
                % {
                    "amount": money(suggestion.to_state_usd),
                    "to_state": to_state,
                    "period": period,
                }
            )
        if suggestion.to_region_usd and region:
            suggestion.reasons.append(
                _("Gave %(amount)s in %(region)s in %(period)s.")
                % {
                    "amount": money(suggestion.to_region_usd),
                    "region": region_label(region),
                    "period": period,
                }
            )
        if suggestion.to_sector_usd:
            suggestion.reasons.append(
                _("Gave %(amount)s to %(sector)s in %(period)s.")
                % {
                    "amount": money(suggestion.to_sector_usd),
                    "sector": need.get_sector_display().lower(),
                    "period": period,
                }
            )
        if parts["trend"] > 0:
            if suggestion.earlier_usd:
                suggestion.reasons.append(
                    ngettext(
                        "Support rising: %(recent)s in the last year against "
                        "%(earlier)s before.",
                        "Support rising: %(recent)s in the last %(n)d years against "
                        "%(earlier)s before.",
                        TREND_YEARS,
                    )
                    % {
                        "recent": money(suggestion.recent_usd),
                        "earlier": money(suggestion.earlier_usd),
                        "n": TREND_YEARS,
                    }
                )
            else:
                suggestion.reasons.append(
                    ngettext(
                        "New donor: %(recent)s in the last year.",
                        "New donor: %(recent)s in the last %(n)d years.",
                        TREND_YEARS,
                    )
                    % {"recent": money(suggestion.recent_usd), "n": TREND_YEARS}
                )
        for priority in priorities.get(donor_id, []):
            scope = ", ".join(
                part
                for part in (
                    priority.get_sector_display() if priority.sector else "",
                    region_label(priority.region) if priority.region else "",
                    priority.recipient_iso3,
                )
                if part
            ) or _("any")
            text = _("Stated priority: %(scope)s") % {"scope": scope}
            if priority.statement:
                text += f" — “{priority.statement}”"
            if priority.source_reference:
                text += f" ({priority.source_reference})"
            suggestion.reasons.append(text)
            suggestion.priorities.append(scope)
