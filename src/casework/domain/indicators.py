"""The twelve indicators of the Committee's checklist (shared/INDICATORS.md), once.

Each indicator has its code (a public contract: reports, API and schema use it), its
place in the checklist, its label in each language, the theme that groups it in the
preliminary observations, and the phrases the observations write about it. Adding an
indicator is one more `Indicator(...)` here; see CONTRIBUTING.md for the other files.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from casework.domain.languages import pick


@dataclass(frozen=True, slots=True)
class Theme:
    """A paragraph of the preliminary observations: one or more indicators."""

    code: str
    titles: dict[str, str]

    def title(self, language: str) -> str:
        return pick(self.titles, language)


@dataclass(frozen=True, slots=True)
class Indicator:
    code: str
    theme: str
    labels: dict[str, str]  # short label: table headers, filters, charts
    topics: dict[str, str]  # what it is about, a noun phrase needing no agreement
    encouragements: dict[str, str]  # infinitive phrase after "encourages <State> to"
    # Only for States with obligations under Article 5 (counted among "affected" States).
    affected_only: bool = False

    def label(self, language: str) -> str:
        return pick(self.labels, language)

    def topic(self, language: str) -> str:
        return pick(self.topics, language)

    def encouragement(self, language: str) -> str:
        return pick(self.encouragements, language)


THEMES: Final[tuple[Theme, ...]] = (
    Theme(
        "needs",
        {
            "en": "Challenges and needs",
            "fr": "Difficultés et besoins",
            "es": "Desafíos y necesidades",
        },
    ),
    Theme(
        "ownership",
        {
            "en": "National ownership",
            "fr": "Appropriation nationale",
            "es": "Implicación nacional",
        },
    ),
    Theme(
        "cooperation",
        {
            "en": "Cooperation and assistance",
            "fr": "Coopération et assistance",
            "es": "Cooperación y asistencia",
        },
    ),
    Theme(
        "mobilisation",
        {
            "en": "Resource mobilisation",
            "fr": "Mobilisation des ressources",
            "es": "Movilización de recursos",
        },
    ),
    Theme(
        "coordination",
        {
            "en": "Coordination and dialogue",
            "fr": "Coordination et dialogue",
            "es": "Coordinación y diálogo",
        },
    ),
    Theme(
        "exchange",
        {
            "en": "Knowledge exchange",
            "fr": "Échange de connaissances",
            "es": "Intercambio de conocimientos",
        },
    ),
    Theme(
        "gender",
        {
            "en": "Gender and diversity",
            "fr": "Genre et diversité",
            "es": "Género y diversidad",
        },
    ),
)

INDICATORS: Final[tuple[Indicator, ...]] = (
    Indicator(
        "challenges",
        "needs",
        {"en": "Challenges", "fr": "Difficultés", "es": "Dificultades"},
        {
            "en": "the challenges to implementation",
            "fr": "les difficultés de mise en œuvre",
            "es": "los desafíos para la aplicación",
        },
        {
            "en": "describe the challenges it faces so that partners can respond to them",
            "fr": "décrire les difficultés rencontrées afin que les partenaires puissent y répondre",
            "es": "describir los desafíos existentes para que los asociados puedan responder a ellos",
        },
    ),
    Indicator(
        "assistance_needs",
        "needs",
        {
            "en": "Assistance needs",
            "fr": "Besoins d'assistance",
            "es": "Necesidades de asistencia",
        },
        {
            "en": "the assistance needed",
            "fr": "les besoins d'assistance",
            "es": "las necesidades de asistencia",
        },
        {
            "en": "make its needs for assistance known through its Article 7 report and the individualised approach",
            "fr": "faire connaître les besoins d'assistance dans le rapport au titre de l'article 7 et par l'approche individualisée",
            "es": "dar a conocer sus necesidades de asistencia en su informe en virtud del artículo 7 y mediante el enfoque individualizado",
        },
    ),
    Indicator(
        "national_resources",
        "ownership",
        {
            "en": "National resources",
            "fr": "Ressources nationales",
            "es": "Recursos nacionales",
        },
        {
            "en": "the national resources committed to implementation",
            "fr": "les ressources nationales consacrées à la mise en œuvre",
            "es": "los recursos nacionales dedicados a la aplicación",
        },
        {
            "en": "report on the national resources it commits to implementation",
            "fr": "rendre compte des ressources nationales consacrées à la mise en œuvre",
            "es": "informar sobre los recursos nacionales dedicados a la aplicación",
        },
    ),
    Indicator(
        "assistance_received",
        "cooperation",
        {
            "en": "Assistance received",
            "fr": "Assistance reçue",
            "es": "Asistencia recibida",
        },
        {
            "en": "the international assistance received",
            "fr": "l'assistance internationale reçue",
            "es": "la asistencia internacional recibida",
        },
        {
            "en": "report on the support received, so that resources go where they are most needed",
            "fr": "rendre compte de l'appui reçu, afin que les ressources aillent là où elles sont le plus nécessaires",
            "es": "informar sobre el apoyo recibido, para que los recursos lleguen adonde más se necesitan",
        },
    ),
    Indicator(
        "assistance_provided",
        "cooperation",
        {
            "en": "Assistance provided",
            "fr": "Assistance fournie",
            "es": "Asistencia prestada",
        },
        {
            "en": "assistance provided to other States",
            "fr": "l'assistance fournie à d'autres États",
            "es": "la asistencia prestada a otros Estados",
        },
        {
            "en": "report on any financial, technical or material assistance it is in a position to provide",
            "fr": "rendre compte de toute assistance financière, technique ou matérielle que l'État est en mesure de fournir",
            "es": "informar sobre toda asistencia financiera, técnica o material que esté en condiciones de prestar",
        },
    ),
    Indicator(
        "resource_mobilisation",
        "mobilisation",
        {
            "en": "Resource mobilisation",
            "fr": "Mobilisation des ressources",
            "es": "Movilización de recursos",
        },
        {
            "en": "efforts to mobilise resources",
            "fr": "les efforts de mobilisation des ressources",
            "es": "los esfuerzos de movilización de recursos",
        },
        {
            "en": "prepare a resource-mobilisation plan",
            "fr": "élaborer un plan de mobilisation des ressources",
            "es": "elaborar un plan de movilización de recursos",
        },
    ),
    Indicator(
        "innovative_financing",
        "mobilisation",
        {
            "en": "Innovative financing",
            "fr": "Financement innovant",
            "es": "Financiación innovadora",
        },
        {
            "en": "innovative sources of financing",
            "fr": "les sources de financement innovantes",
            "es": "las fuentes de financiación innovadoras",
        },
        {
            "en": "explore innovative sources of financing together with its partners",
            "fr": "étudier, avec les partenaires, des sources de financement innovantes",
            "es": "estudiar, junto con sus asociados, fuentes de financiación innovadoras",
        },
    ),
    Indicator(
        "national_platform",
        "coordination",
        {
            "en": "National platform",
            "fr": "Plateforme nationale",
            "es": "Plataforma nacional",
        },
        {
            "en": "a national platform for dialogue with partners",
            "fr": "une plateforme nationale de dialogue avec les partenaires",
            "es": "una plataforma nacional de diálogo con los asociados",
        },
        {
            "en": "maintain a national platform for regular dialogue with national and international partners",
            "fr": "maintenir une plateforme nationale de dialogue régulier avec les partenaires nationaux et internationaux",
            "es": "mantener una plataforma nacional de diálogo periódico con los asociados nacionales e internacionales",
        },
    ),
    Indicator(
        "individualised_approach",
        "coordination",
        {
            "en": "Individualised approach",
            "fr": "Approche individualisée",
            "es": "Enfoque individualizado",
        },
        {
            "en": "the individualised approach",
            "fr": "l'approche individualisée",
            "es": "el enfoque individualizado",
        },
        {
            "en": "consider taking advantage of the individualised approach",
            "fr": "envisager de recourir à l'approche individualisée",
            "es": "considerar la posibilidad de recurrir al enfoque individualizado",
        },
    ),
    Indicator(
        "gender_diversity",
        "gender",
        {
            "en": "Gender and diversity",
            "fr": "Genre et diversité",
            "es": "Género y diversidad",
        },
        {
            "en": "how gender and the diverse needs of affected communities are taken into account",
            "fr": "la prise en compte du genre et des besoins divers des communautés touchées",
            "es": "la consideración del género y de las diversas necesidades de las comunidades afectadas",
        },
        {
            "en": "ensure that the different needs and views of women, girls, boys and men of all backgrounds shape its programmes, and to report sex-, age- and disability-disaggregated data",
            "fr": "veiller à ce que les besoins et les points de vue différents des femmes, des filles, des garçons et des hommes de tous horizons orientent les programmes, et à communiquer des données ventilées par sexe, par âge et par handicap",
            "es": "velar por que las distintas necesidades y opiniones de las mujeres, las niñas, los niños y los hombres de todos los orígenes orienten sus programas, y comunicar datos desglosados por sexo, edad y discapacidad",
        },
    ),
    Indicator(
        "knowledge_exchange",
        "exchange",
        {
            "en": "Knowledge exchange",
            "fr": "Échange de connaissances",
            "es": "Intercambio de conocimientos",
        },
        {
            "en": "the exchange of knowledge and expertise with other States",
            "fr": "l'échange de connaissances et de savoir-faire avec d'autres États",
            "es": "el intercambio de conocimientos y experiencia con otros Estados",
        },
        {
            "en": "share its expertise and lessons learned through regional, bilateral, South-South or triangular cooperation",
            "fr": "partager l'expertise nationale et les enseignements tirés dans le cadre de la coopération régionale, bilatérale, Sud-Sud ou triangulaire",
            "es": "compartir su experiencia y las lecciones aprendidas mediante la cooperación regional, bilateral, Sur-Sur o triangular",
        },
    ),
    Indicator(
        "costed_plan",
        "ownership",
        {"en": "Costed plan", "fr": "Plan chiffré", "es": "Plan presupuestado"},
        {
            "en": "a costed, time-bound work plan",
            "fr": "un plan de travail chiffré et assorti d'échéances",
            "es": "un plan de trabajo con costos y plazos",
        },
        {
            "en": "prepare an evidence-based, costed and time-bound national work plan",
            "fr": "élaborer un plan de travail national fondé sur des données factuelles, chiffré et assorti d'échéances",
            "es": "elaborar un plan de trabajo nacional basado en datos empíricos, con costos y plazos",
        },
    ),
)

CODES: Final[tuple[str, ...]] = tuple(i.code for i in INDICATORS)
COUNT: Final = len(INDICATORS)
_BY_CODE: Final[dict[str, Indicator]] = {i.code: i for i in INDICATORS}
_THEMES: Final[dict[str, Theme]] = {t.code: t for t in THEMES}


class UnknownIndicatorError(KeyError):
    def __init__(self, code: str) -> None:
        super().__init__(
            f"{code!r} is not an indicator code; the codes are: " + ", ".join(CODES)
        )


def indicator(code: str) -> Indicator:
    try:
        return _BY_CODE[code]
    except KeyError:
        raise UnknownIndicatorError(code) from None


def is_indicator(code: object) -> bool:
    return isinstance(code, str) and code in _BY_CODE


def label(code: str, language: str) -> str:
    """The short label; an unknown code is shown as itself rather than dropped."""
    found = _BY_CODE.get(code)
    return found.label(language) if found else code


def theme(code: str) -> Theme:
    return _THEMES[code]


def by_theme() -> tuple[tuple[Theme, tuple[Indicator, ...]], ...]:
    """Themes in order, each with its indicators in checklist order."""
    return tuple((t, tuple(i for i in INDICATORS if i.theme == t.code)) for t in THEMES)
