"""What the analysis page says about each check, in the interface language (gettext)."""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from casework.domain.languages import normalise
from casework.domain.locale import format_number
from casework.extensions.analysis import Finding

CHECKLIST = {
    "annual_milestones": _("Annual milestones for each year of the work plan"),
    "budget_per_year": _("A budget for each year of the work plan"),
    "national_international_split": _("National / international funding split"),
    "resource_mobilisation_plan": _("Resource-mobilisation plan attached"),
    "risk_education": _("Risk education provisions"),
    "gender_diversity": _("Gender and diversity provisions"),
    "survey_of_remaining_areas": _("Survey of remaining (suspected) areas"),
}

FINDINGS = {
    "budget_total_mismatch": _(
        "The yearly budgets add up to %(summed)s, not the stated total of %(stated)s."
    ),
    "budget_year_parts_mismatch": _(
        "%(year)s: national + secured + sought = %(summed)s, not the year's cost of %(total)s."
    ),
    "no_national_contribution": _(
        "No national contribution in any year of the budget."
    ),
    "year_outside_period": _(
        "%(year)s lies outside the period of the request (%(first)s–%(last)s)."
    ),
    "area_summary_mismatch": _(
        "The regions add up to %(summed)s m², not the stated remaining area of %(stated)s m²."
    ),
    "plan_area_mismatch": _(
        "The work plan addresses %(planned)s m² but %(remaining)s m² remain contaminated."
    ),
    "currency_mix": _(
        "Budget lines in %(found)s while the request is in %(expected)s."
    ),
    "budget_year_without_plan": _("%(year)s has a budget line but no work plan year."),
    "release_rate_ambitious": _(
        "The required rate (%(required)s m² a year) is %(ratio)s times the past rate "
        "(%(past)s m² a year): ambitious."
    ),
    "release_rate_unrealistic": _(
        "The required rate (%(required)s m² a year) is %(ratio)s times the past rate "
        "(%(past)s m² a year): unrealistic without a large increase in capacity."
    ),
    "cost_vs_history_high": _(
        "Cost per m² (%(cost)s) is %(ratio)s times the State's own past cost (%(reference)s)."
    ),
    "cost_vs_history_low": _(
        "Cost per m² (%(cost)s) is only %(ratio)s times the State's own past cost "
        "(%(reference)s)."
    ),
    "cost_vs_others_high": _(
        "Cost per m² (%(cost)s) is %(ratio)s times the median of other requests (%(reference)s)."
    ),
    "cost_vs_others_low": _(
        "Cost per m² (%(cost)s) is only %(ratio)s times the median of other requests "
        "(%(reference)s)."
    ),
}

VERDICTS = {
    "realistic": _("Realistic at the past rate"),
    "ambitious": _("Ambitious: needs a clear increase in capacity"),
    "unrealistic": _("Unrealistic at the past rate"),
    "unknown": _("Cannot be judged: no past rate"),
}


def _shown(value: object, language: str) -> str:
    """A parameter as the language writes it (years, as ints below 10000, stay bare)."""
    if isinstance(value, float):
        decimals = 2 if abs(value) < 100 else 0
        return format_number(value, language, decimals=decimals)
    if isinstance(value, int):
        return (
            format_number(value, language, decimals=0) if value > 9999 else str(value)
        )
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def describe(finding: Finding) -> str:
    """The finding as a sentence in the active language."""
    template = FINDINGS.get(finding.code)
    if template is None:
        return finding.code
    language = normalise(get_language())
    return str(template) % {
        key: _shown(value, language) for key, value in finding.params.items()
    }
