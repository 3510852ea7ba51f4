"""Comments for the Article 5 Committee, drafted from an analysis: pure Python, no Django.

Each language of `casework.domain.languages` has its own templates written for it (not
translations through gettext), so that the French and the Spanish read as committee prose.
Numbers, amounts and dates are written by `casework.domain.locale`, the State's name in a
sentence by `casework.domain.state_names.forms()`. The draft is a list of paragraphs.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping

from casework.domain import locale
from casework.domain.languages import pick
from casework.domain.state_names import NameForms, UnknownStateError, forms
from casework.extensions.analysis import (
    Analysis,
    Finding,
    Kind,
    RequestData,
    Verdict,
)
from casework.extensions.cells import compact_sources

Drafter = Callable[[Analysis, RequestData, NameForms], list[str]]
Phrases = dict[str, Callable[[Mapping[str, object], str], str]]


def number(value: float | int, language: str) -> str:
    """A whole number as the language writes it: 1,234,567 / 1 234 567 / 1.234.567."""
    return locale.format_number(round(value), language, decimals=0)


def money(value: float | int, currency: str, language: str) -> str:
    """An amount with its currency code, or the bare number when the code is unknown."""
    if not currency:
        return number(value, language)
    return locale.format_money(value, currency, language)


def percent(share: float | None, language: str) -> str:
    return "—" if share is None else locale.format_percent(share, language)


def day(value: dt.date | None, language: str) -> str:
    return "?" if value is None else locale.format_date(value, language)


def state_forms(iso3: str, language: str, *, name: str | None = None) -> NameForms:
    """The State's name in a sentence; a State missing from the table keeps its bare name."""
    try:
        return forms(iso3, language, name=name)
    except UnknownStateError:
        bare = name or iso3
        return NameForms(bare, bare, bare, bare, bare, bare, False)


CHECKLIST: dict[str, dict[str, str]] = {
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
    "es": {
        "annual_milestones": "hitos anuales para cada año del plan de trabajo",
        "budget_per_year": "un presupuesto para cada año del plan de trabajo",
        "national_international_split": (
            "el desglose entre la financiación nacional y la internacional"
        ),
        "resource_mobilisation_plan": "un plan de movilización de recursos",
        "risk_education": "disposiciones relativas a la educación sobre el riesgo",
        "gender_diversity": "disposiciones relativas al género y la diversidad",
        "survey_of_remaining_areas": (
            "un plan de reconocimiento de las zonas sospechosas restantes"
        ),
    },
}


def _n(p: Mapping[str, object], key: str, lang: str) -> str:
    value = p[key]
    assert isinstance(value, int | float)
    return number(value, lang)


def _found(p: Mapping[str, object]) -> str:
    found = p["found"]
    assert isinstance(found, list | tuple)
    return ", ".join(str(code) for code in found)


FINDINGS: dict[str, Phrases] = {
    "en": {
        "budget_total_mismatch": lambda p, lang: (
            f"the yearly budgets add up to {_n(p, 'summed', lang)}, not the stated total "
            f"of {_n(p, 'stated', lang)}"
        ),
        "budget_year_parts_mismatch": lambda p, lang: (
            f"for {p['year']}, national, secured and sought funding add up to "
            f"{_n(p, 'summed', lang)}, not the cost of {_n(p, 'total', lang)}"
        ),
        "no_national_contribution": lambda p, lang: (
            "the budget shows no national contribution"
        ),
        "year_outside_period": lambda p, lang: (
            f"{p['year']} lies outside the period of the request ({p['first']}–{p['last']})"
        ),
        "area_summary_mismatch": lambda p, lang: (
            f"the regions add up to {_n(p, 'summed', lang)} m², not the stated "
            f"{_n(p, 'stated', lang)} m²"
        ),
        "plan_area_mismatch": lambda p, lang: (
            f"the work plan addresses {_n(p, 'planned', lang)} m² while "
            f"{_n(p, 'remaining', lang)} m² remain"
        ),
        "currency_mix": lambda p, lang: (
            f"some budget lines are in {_found(p)} instead of {p['expected']}"
        ),
        "budget_year_without_plan": lambda p, lang: (
            f"{p['year']} has a budget but no work plan"
        ),
    },
    "fr": {
        "budget_total_mismatch": lambda p, lang: (
            f"la somme des budgets annuels est de {_n(p, 'summed', lang)} et non du total "
            f"annoncé de {_n(p, 'stated', lang)}"
        ),
        "budget_year_parts_mismatch": lambda p, lang: (
            f"pour {p['year']}, les financements national, acquis et recherché totalisent "
            f"{_n(p, 'summed', lang)} et non le coût de {_n(p, 'total', lang)}"
        ),
        "no_national_contribution": lambda p, lang: (
            "le budget ne prévoit aucune contribution nationale"
        ),
        "year_outside_period": lambda p, lang: (
            f"l'année {p['year']} se situe hors de la période demandée "
            f"({p['first']}–{p['last']})"
        ),
        "area_summary_mismatch": lambda p, lang: (
            f"la somme des régions est de {_n(p, 'summed', lang)} m² et non des "
            f"{_n(p, 'stated', lang)} m² annoncés"
        ),
        "plan_area_mismatch": lambda p, lang: (
            f"le plan de travail porte sur {_n(p, 'planned', lang)} m² alors qu'il reste "
            f"{_n(p, 'remaining', lang)} m²"
        ),
        "currency_mix": lambda p, lang: (
            f"certaines lignes budgétaires sont en {_found(p)} au lieu de {p['expected']}"
        ),
        "budget_year_without_plan": lambda p, lang: (
            f"l'année {p['year']} a un budget mais pas de plan de travail"
        ),
    },
    "es": {
        "budget_total_mismatch": lambda p, lang: (
            f"los presupuestos anuales suman {_n(p, 'summed', lang)} y no el total "
            f"declarado de {_n(p, 'stated', lang)}"
        ),
        "budget_year_parts_mismatch": lambda p, lang: (
            f"para {p['year']}, la financiación nacional, la obtenida y la solicitada suman "
            f"{_n(p, 'summed', lang)} y no el costo de {_n(p, 'total', lang)}"
        ),
        "no_national_contribution": lambda p, lang: (
            "el presupuesto no prevé ninguna contribución nacional"
        ),
        "year_outside_period": lambda p, lang: (
            f"el año {p['year']} queda fuera del período de la solicitud "
            f"({p['first']}–{p['last']})"
        ),
        "area_summary_mismatch": lambda p, lang: (
            f"las regiones suman {_n(p, 'summed', lang)} m² y no los "
            f"{_n(p, 'stated', lang)} m² declarados"
        ),
        "plan_area_mismatch": lambda p, lang: (
            f"el plan de trabajo abarca {_n(p, 'planned', lang)} m², mientras que quedan "
            f"{_n(p, 'remaining', lang)} m²"
        ),
        "currency_mix": lambda p, lang: (
            f"algunas partidas presupuestarias están en {_found(p)} en lugar de "
            f"{p['expected']}"
        ),
        "budget_year_without_plan": lambda p, lang: (
            f"el año {p['year']} tiene presupuesto pero no plan de trabajo"
        ),
    },
}

JUDGEMENTS: dict[str, dict[Verdict, str]] = {
    "en": {
        Verdict.REALISTIC: "which appears achievable",
        Verdict.AMBITIOUS: "which is ambitious and would require a clear increase in capacity",
        Verdict.UNREALISTIC: "which appears unrealistic without a major increase in capacity",
    },
    "fr": {
        Verdict.REALISTIC: "ce qui paraît réalisable",
        Verdict.AMBITIOUS: (
            "ce qui est ambitieux et suppose une nette augmentation des capacités"
        ),
        Verdict.UNREALISTIC: (
            "ce qui paraît irréaliste sans une forte augmentation des capacités"
        ),
    },
    "es": {
        Verdict.REALISTIC: "lo que parece factible",
        Verdict.AMBITIOUS: (
            "lo que resulta ambicioso y requeriría un claro aumento de la capacidad"
        ),
        Verdict.UNREALISTIC: (
            "lo que no parece realista sin un aumento considerable de la capacidad"
        ),
    },
}


def describe(f: Finding, language: str) -> str:
    """A consistency finding as a clause of the comments, in `language`."""
    phrase = pick(FINDINGS, language).get(f.code)
    return phrase(f.params, language) if phrase else f.code


def draft(
    analysis: Analysis,
    request: RequestData,
    *,
    language: str,
    state_name: str | None = None,
) -> list[str]:
    """The comments as paragraphs, in `language` (one of domain.languages.LANGUAGES).

    The State is named from its ISO code (`request.state`) with the grammar of
    `domain.state_names`; `state_name` replaces the table's short name.
    """
    drafters: dict[str, Drafter] = {"en": _draft_en, "fr": _draft_fr, "es": _draft_es}
    state = state_forms(request.state, language, name=state_name)
    return pick(drafters, language)(analysis, request, state)


def _sources(f: Finding) -> str:
    return ", ".join(compact_sources(f.sources))


def _currency(a: Analysis, r: RequestData) -> str:
    return r.currency or (a.years[0].currency if a.years else "")


def _issues(a: Analysis, lang: str, separator: str) -> str:
    return separator.join(
        f"{describe(f, lang)} ({_sources(f)})" for f in a.findings_of(Kind.CONSISTENCY)
    )


def _missing(a: Analysis, lang: str, separator: str) -> str:
    return separator.join(CHECKLIST[lang][m.code] for m in a.missing)


def _comparable(a: Analysis) -> bool:
    rel = a.release
    return bool(
        rel.verdict != Verdict.UNKNOWN and rel.required_rate_m2 and rel.past_rate_m2
    )


def _draft_en(a: Analysis, r: RequestData, state: NameForms) -> list[str]:
    lang = "en"
    cur = _currency(a, r)
    out = [
        f"{state.subject_cap} requests an extension of its Article 5 deadline from "
        f"{day(r.current_deadline, lang)} to {day(r.requested_deadline, lang)} "
        f"({a.release.years_asked} years). It reports {number(a.release.remaining_m2, lang)} m² "
        "of remaining confirmed and suspected hazardous areas."
    ]
    if a.years:
        out.append(
            f"The work plan is costed at {money(a.total_cost, cur, lang)}. The national "
            f"contribution is {money(a.total_national, cur, lang)} "
            f"({percent(a.national_share, lang)} of the cost) and international funding secured "
            f"is {money(a.total_secured, cur, lang)}, leaving a funding gap of "
            f"{money(a.total_gap, cur, lang)} ({percent(a.gap_share, lang)})."
        )
    rel = a.release
    if _comparable(a):
        out.append(
            f"Meeting the requested deadline requires releasing about "
            f"{number(rel.required_rate_m2 or 0, lang)} m² a year, against "
            f"{number(rel.past_rate_m2 or 0, lang)} m² a year in the past, "
            f"{JUDGEMENTS[lang][rel.verdict]}."
        )
    else:
        out.append(
            "The request does not allow the required release rate to be compared with the "
            "State's past rate; the Committee may wish to ask for the area released each year."
        )
    if a.missing:
        out.append(
            "The Committee notes that the request does not include: "
            f"{_missing(a, lang, '; ')}."
        )
    if a.findings_of(Kind.CONSISTENCY):
        out.append(
            "The Committee asks the State to clarify the following: "
            f"{_issues(a, lang, '; ')}."
        )
    if a.gap_is_large:
        out.append(
            f"Given the size of the funding gap, the Committee encourages {state.to} to "
            "make use of the individualised approach and to establish or strengthen a "
            "national mine action platform bringing together national authorities, donors "
            "and operators."
        )
    out.append(
        f"The Committee thanks {state.to} for its request and stands ready to support its "
        "efforts to complete its Article 5 obligations by the requested deadline."
    )
    return out


def _draft_fr(a: Analysis, r: RequestData, state: NameForms) -> list[str]:
    lang = "fr"
    cur = _currency(a, r)
    pronoun = (
        ("Elles" if state.feminine else "Ils")
        if state.plural
        else ("Elle" if state.feminine else "Il")
    )
    verbs = ("demandent", "font") if state.plural else ("demande", "fait")
    out = [
        f"{state.subject_cap} {verbs[0]} la prolongation du délai fixé à l'article 5 du "
        f"{day(r.current_deadline, lang)} au {day(r.requested_deadline, lang)} "
        f"({a.release.years_asked} ans). {pronoun} {verbs[1]} état de "
        f"{number(a.release.remaining_m2, lang)} m² de zones dangereuses confirmées et "
        "soupçonnées restantes."
    ]
    if a.years:
        out.append(
            f"Le coût du plan de travail est estimé à {money(a.total_cost, cur, lang)}. La "
            f"contribution nationale s'élève à {money(a.total_national, cur, lang)} "
            f"({percent(a.national_share, lang)} du coût) et les financements internationaux "
            f"acquis à {money(a.total_secured, cur, lang)}, ce qui laisse un déficit de "
            f"financement de {money(a.total_gap, cur, lang)} ({percent(a.gap_share, lang)})."
        )
    rel = a.release
    if _comparable(a):
        out.append(
            f"Pour respecter le délai demandé, il faudrait remettre à disposition environ "
            f"{number(rel.required_rate_m2 or 0, lang)} m² par an, contre "
            f"{number(rel.past_rate_m2 or 0, lang)} m² par an jusqu'ici, "
            f"{JUDGEMENTS[lang][rel.verdict]}."
        )
    else:
        out.append(
            "La demande ne permet pas de comparer le rythme de remise à disposition requis au "
            "rythme passé ; le Comité pourrait demander les superficies remises à disposition "
            "chaque année."
        )
    if a.missing:
        out.append(
            f"Le Comité note que la demande ne comprend pas : {_missing(a, lang, ' ; ')}."
        )
    if a.findings_of(Kind.CONSISTENCY):
        out.append(
            "Le Comité invite l'État à préciser les points suivants : "
            f"{_issues(a, lang, ' ; ')}."
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


def _draft_es(a: Analysis, r: RequestData, state: NameForms) -> list[str]:
    lang = "es"
    cur = _currency(a, r)
    verbs = ("solicitan", "informan") if state.plural else ("solicita", "informa")
    out = [
        f"{state.subject_cap} {verbs[0]} una prórroga del plazo establecido en el "
        f"artículo 5, del {day(r.current_deadline, lang)} al "
        f"{day(r.requested_deadline, lang)} ({a.release.years_asked} años). "
        f"{verbs[1].capitalize()} de que quedan {number(a.release.remaining_m2, lang)} m² "
        "de zonas peligrosas confirmadas y sospechosas."
    ]
    if a.years:
        out.append(
            f"El costo del plan de trabajo se estima en {money(a.total_cost, cur, lang)}. "
            f"La contribución nacional asciende a {money(a.total_national, cur, lang)} "
            f"({percent(a.national_share, lang)} del costo) y la financiación internacional "
            f"obtenida a {money(a.total_secured, cur, lang)}, lo que deja un déficit de "
            f"financiación de {money(a.total_gap, cur, lang)} ({percent(a.gap_share, lang)})."
        )
    rel = a.release
    if _comparable(a):
        out.append(
            "Para cumplir el plazo solicitado sería necesario liberar unos "
            f"{number(rel.required_rate_m2 or 0, lang)} m² al año, frente a "
            f"{number(rel.past_rate_m2 or 0, lang)} m² al año hasta ahora, "
            f"{JUDGEMENTS[lang][rel.verdict]}."
        )
    else:
        out.append(
            "La solicitud no permite comparar el ritmo de liberación necesario con el ritmo "
            "alcanzado hasta ahora por el Estado; el Comité podría pedir la superficie "
            "liberada cada año."
        )
    if a.missing:
        out.append(
            f"El Comité observa que la solicitud no incluye: {_missing(a, lang, '; ')}."
        )
    if a.findings_of(Kind.CONSISTENCY):
        out.append(
            "El Comité pide al Estado que aclare los siguientes puntos: "
            f"{_issues(a, lang, '; ')}."
        )
    if a.gap_is_large:
        out.append(
            "Habida cuenta de la magnitud del déficit de financiación, el Comité alienta "
            f"{state.to} a recurrir al enfoque individualizado y a establecer o reforzar "
            "una plataforma nacional de acción contra las minas que reúna a las autoridades "
            "nacionales, los donantes y los operadores."
        )
    out.append(
        f"El Comité agradece {state.dative} su solicitud y está dispuesto a apoyar sus "
        "esfuerzos para cumplir las obligaciones que le impone el artículo 5 dentro del "
        "plazo solicitado."
    )
    return out
