"""Comments for the Article 5 Committee, drafted from an analysis: pure Python, no Django.

Each language has its own templates written for it (not translations through gettext), so
that the French reads as French committee prose. The draft is a list of paragraphs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from casework.extensions.analysis import (
    Analysis,
    Finding,
    Kind,
    RequestData,
    Verdict,
)
from casework.extensions.cells import compact_sources


def number(value: float, language: str, *, decimals: int = 0) -> str:
    """1,234,567 in English; 1 234 567 in French (non-breaking spaces)."""
    text = f"{value:,.{decimals}f}"
    if language == "fr":
        return text.replace(",", "\u00a0").replace(".", ",")
    return text


def percent(share: float | None, language: str) -> str:
    if share is None:
        return "—"
    value = round(share * 100)
    return f"{value}\u00a0%" if language == "fr" else f"{value}%"


def day(value: dt.date | None, language: str) -> str:
    if value is None:
        return "?"
    if language == "fr":
        months = [
            "janvier",
            "février",
            "mars",
            "avril",
            "mai",
            "juin",
            "juillet",
            "août",
            "septembre",
            "octobre",
            "novembre",
            "décembre",
        ]
        first = "1er" if value.day == 1 else str(value.day)
        return f"{first} {months[value.month - 1]} {value.year}"
    return f"{value.day} {value:%B %Y}"


CHECKLIST = {
    "en": {
        "annual_milestones": "annual milestones for each year of the work plan",
        "budget_per_year": "a budget for each year of the work plan",
        "national_international_split": "the split between national and international funding",
        "resource_mobilisation_plan": "a resource-mobilisation plan",
        "risk_education": "provisions for risk education",
        "gender_diversity": "gender and diversity provisions",
        "survey_of_remaining_areas": "a plan to survey the remaining suspected areas",
    },
    "fr": {
        "annual_milestones": "des jalons annuels pour chaque année du plan de travail",
        "budget_per_year": "un budget pour chaque année du plan de travail",
        "national_international_split": (
            "la répartition entre financement national et international"
        ),
        "resource_mobilisation_plan": "un plan de mobilisation des ressources",
        "risk_education": "des dispositions relatives à l'éducation aux risques",
        "gender_diversity": "des dispositions relatives au genre et à la diversité",
        "survey_of_remaining_areas": "un plan d'enquête des zones soupçonnées restantes",
    },
}


def _finding_en(f: Finding, lang: str) -> str:
    p = f.params
    texts: dict[str, Callable[[], str]] = {
        "budget_total_mismatch": lambda: (
            f"the yearly budgets add up to {number(p['summed'], lang)}, not the stated total "
            f"of {number(p['stated'], lang)}"
        ),
        "budget_year_parts_mismatch": lambda: (
            f"for {p['year']}, national, secured and sought funding add up to "
            f"{number(p['summed'], lang)}, not the cost of {number(p['total'], lang)}"
        ),
        "no_national_contribution": lambda: "the budget shows no national contribution",
        "year_outside_period": lambda: (
            f"{p['year']} lies outside the period of the request ({p['first']}–{p['last']})"
        ),
        "area_summary_mismatch": lambda: (
            f"the regions add up to {number(p['summed'], lang)} m², not the stated "
            f"{number(p['stated'], lang)} m²"
        ),
        "plan_area_mismatch": lambda: (
            f"the work plan addresses {number(p['planned'], lang)} m² while "
            f"{number(p['remaining'], lang)} m² remain"
        ),
        "currency_mix": lambda: (
            f"some budget lines are in {', '.join(p['found'])} instead of {p['expected']}"
        ),
        "budget_year_without_plan": lambda: (
            f"{p['year']} has a budget but no work plan"
        ),
    }
    return texts.get(f.code, lambda: f.code)()


def _finding_fr(f: Finding, lang: str) -> str:
    p = f.params
    texts: dict[str, Callable[[], str]] = {
        "budget_total_mismatch": lambda: (
            f"la somme des budgets annuels est de {number(p['summed'], lang)} et non du total "
            f"annoncé de {number(p['stated'], lang)}"
        ),
        "budget_year_parts_mismatch": lambda: (
            f"pour {p['year']}, les financements national, acquis et recherché totalisent "
            f"{number(p['summed'], lang)} et non le coût de {number(p['total'], lang)}"
        ),
        "no_national_contribution": lambda: (
            "le budget ne prévoit aucune contribution nationale"
        ),
        "year_outside_period": lambda: (
            f"l'année {p['year']} se situe hors de la période demandée "
            f"({p['first']}–{p['last']})"
        ),
        "area_summary_mismatch": lambda: (
            f"la somme des régions est de {number(p['summed'], lang)} m² et non des "
            f"{number(p['stated'], lang)} m² annoncés"
        ),
        "plan_area_mismatch": lambda: (
            f"le plan de travail porte sur {number(p['planned'], lang)} m² alors qu'il reste "
            f"{number(p['remaining'], lang)} m²"
        ),
        "currency_mix": lambda: (
            f"certaines lignes budgétaires sont en {', '.join(p['found'])} au lieu de "
            f"{p['expected']}"
        ),
        "budget_year_without_plan": lambda: (
            f"l'année {p['year']} a un budget mais pas de plan de travail"
        ),
    }
    return texts.get(f.code, lambda: f.code)()


def draft(
    analysis: Analysis, request: RequestData, *, state_name: str, language: str
) -> list[str]:
    """The comments as paragraphs, in `language` ("en" or "fr")."""
    if language == "fr":
        return _draft_fr(analysis, request, state_name)
    return _draft_en(analysis, request, state_name)


def _sources(f: Finding) -> str:
    return ", ".join(compact_sources(f.sources))


def _draft_en(a: Analysis, r: RequestData, state: str) -> list[str]:
    lang = "en"
    cur = r.currency or (a.years[0].currency if a.years else "")
    out = [
        f"{state} requests an extension of its Article 5 deadline from "
        f"{day(r.current_deadline, lang)} to {day(r.requested_deadline, lang)} "
        f"({a.release.years_asked} years). It reports {number(a.release.remaining_m2, lang)} m² "
        "of remaining confirmed and suspected hazardous areas."
    ]
    if a.years:
        out.append(
            f"The work plan is costed at {number(a.total_cost, lang)} {cur}. The national "
            f"contribution is {number(a.total_national, lang)} {cur} "
            f"({percent(a.national_share, lang)} of the cost) and international funding secured "
            f"is {number(a.total_secured, lang)} {cur}, leaving a funding gap of "
            f"{number(a.total_gap, lang)} {cur} ({percent(a.gap_share, lang)})."
        )
    rel = a.release
    if rel.verdict != Verdict.UNKNOWN and rel.required_rate_m2 and rel.past_rate_m2:
        judgement = {
            Verdict.REALISTIC: "which appears achievable",
            Verdict.AMBITIOUS: "which is ambitious and would require a clear increase in capacity",
            Verdict.UNREALISTIC: "which appears unrealistic without a major increase in capacity",
        }[rel.verdict]
        out.append(
            f"Meeting the requested deadline requires releasing about "
            f"{number(rel.required_rate_m2, lang)} m² a year, against "
            f"{number(rel.past_rate_m2, lang)} m² a year in the past, {judgement}."
        )
    else:
        out.append(
            "The request does not allow the required release rate to be compared with the "
            "State's past rate; the Committee may wish to ask for the area released each year."
        )
    if a.missing:
        items = "; ".join(CHECKLIST[lang][m.code] for m in a.missing)
        out.append(f"The Committee notes that the request does not include: {items}.")
    issues = a.findings_of(Kind.CONSISTENCY)
    if issues:
        listed = "; ".join(f"{_finding_en(f, lang)} ({_sources(f)})" for f in issues)
        out.append(f"The Committee asks the State to clarify the following: {listed}.")
    if a.gap_is_large:
        out.append(
            f"Given the size of the funding gap, the Committee encourages {state} to make use "
            "of the individualised approach and to establish or strengthen a national mine "
            "action platform bringing together national authorities, donors and operators."
        )
    out.append(
        f"The Committee thanks {state} for its request and stands ready to support its "
        "efforts to complete its Article 5 obligations by the requested deadline."
    )
    return out


def _draft_fr(a: Analysis, r: RequestData, state: str) -> list[str]:
    lang = "fr"
    cur = r.currency or (a.years[0].currency if a.years else "")
    out = [
        f"L'État partie « {state} » demande la prolongation du délai fixé à l'article 5 du "
        f"{day(r.current_deadline, lang)} au {day(r.requested_deadline, lang)} "
        f"({a.release.years_asked} ans). Il fait état de {number(a.release.remaining_m2, lang)} m² "
        "de zones dangereuses confirmées et soupçonnées restantes."
    ]
    if a.years:
        out.append(
            f"Le coût du plan de travail est estimé à {number(a.total_cost, lang)} {cur}. La "
            f"contribution nationale s'élève à {number(a.total_national, lang)} {cur} "
            f"({percent(a.national_share, lang)} du coût) et les financements internationaux "
            f"acquis à {number(a.total_secured, lang)} {cur}, ce qui laisse un déficit de "
            f"financement de {number(a.total_gap, lang)} {cur} ({percent(a.gap_share, lang)})."
        )
    rel = a.release
    if rel.verdict != Verdict.UNKNOWN and rel.required_rate_m2 and rel.past_rate_m2:
        judgement = {
            Verdict.REALISTIC: "ce qui paraît réalisable",
            Verdict.AMBITIOUS: (
                "ce qui est ambitieux et suppose une nette augmentation des capacités"
            ),
            Verdict.UNREALISTIC: (
                "ce qui paraît irréaliste sans une forte augmentation des capacités"
            ),
        }[rel.verdict]
        out.append(
            f"Pour respecter le délai demandé, il faudrait remettre à disposition environ "
            f"{number(rel.required_rate_m2, lang)} m² par an, contre "
            f"{number(rel.past_rate_m2, lang)} m² par an jusqu'ici, {judgement}."
        )
    else:
        out.append(
            "La demande ne permet pas de comparer le rythme de remise à disposition requis au "
            "rythme passé ; le Comité pourrait demander les superficies remises à disposition "
            "chaque année."
        )
    if a.missing:
        items = " ; ".join(CHECKLIST[lang][m.code] for m in a.missing)
        out.append(f"Le Comité note que la demande ne comprend pas : {items}.")
    issues = a.findings_of(Kind.CONSISTENCY)
    if issues:
        listed = " ; ".join(f"{_finding_fr(f, lang)} ({_sources(f)})" for f in issues)
        out.append(
            f"Le Comité invite l'État à préciser les points suivants : {listed}."
        )
    if a.gap_is_large:
        out.append(
            "Compte tenu de l'ampleur du déficit de financement, le Comité encourage l'État à "
            "recourir à l'approche individualisée et à mettre en place ou renforcer une "
            "plateforme nationale de l'action contre les mines réunissant autorités "
            "nationales, donateurs et opérateurs."
        )
    out.append(
        "Le Comité remercie l'État pour sa demande et se tient prêt à appuyer ses efforts "
        "pour s'acquitter de ses obligations au titre de l'article 5 dans le délai demandé."
    )
    return out
