"""The observation templates, written per language (not translated through gettext).

Each theme yields one paragraph: what the State reported, what it did not, and where
information is missing an encouragement tied to an action of the Oslo Action Plan
(action numbers from shared/data/action_plan.csv).
"""

from __future__ import annotations

THEMES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("needs", ("challenges", "assistance_needs")),
    ("ownership", ("national_resources", "costed_plan")),
    ("cooperation", ("assistance_received", "assistance_provided")),
    ("mobilisation", ("resource_mobilisation", "innovative_financing")),
    ("coordination", ("national_platform", "individualised_approach")),
    ("exchange", ("knowledge_exchange",)),
    ("gender", ("gender_diversity",)),
)

# Oslo Action Plan actions an encouragement refers to, per indicator.
ACTIONS = {
    "challenges": 42,
    "assistance_needs": 42,
    "national_resources": 1,
    "costed_plan": 2,
    "assistance_received": 47,
    "assistance_provided": 43,
    "resource_mobilisation": 42,
    "innovative_financing": 47,
    "national_platform": 44,
    "individualised_approach": 42,
    "knowledge_exchange": 46,
    "gender_diversity": 3,
}

THEME_TITLES = {
    "en": {
        "needs": "Challenges and needs",
        "ownership": "National ownership",
        "cooperation": "Cooperation and assistance",
        "mobilisation": "Resource mobilisation",
        "coordination": "Coordination and dialogue",
        "exchange": "Knowledge exchange",
        "gender": "Gender and diversity",
    },
    "fr": {
        "needs": "Difficultés et besoins",
        "ownership": "Appropriation nationale",
        "cooperation": "Coopération et assistance",
        "mobilisation": "Mobilisation des ressources",
        "coordination": "Coordination et dialogue",
        "exchange": "Échange de connaissances",
        "gender": "Genre et diversité",
    },
    "es": {
        "needs": "Desafíos y necesidades",
        "ownership": "Implicación nacional",
        "cooperation": "Cooperación y asistencia",
        "mobilisation": "Movilización de recursos",
        "coordination": "Coordinación y diálogo",
        "exchange": "Intercambio de conocimientos",
        "gender": "Género y diversidad",
    },
}

# What the indicator is about, as a noun phrase that needs no agreement with the State.
TOPICS = {
    "en": {
        "challenges": "the challenges to implementation",
        "assistance_needs": "the assistance needed",
        "national_resources": "the national resources committed to implementation",
        "costed_plan": "a costed, time-bound work plan",
        "assistance_received": "the international assistance received",
        "assistance_provided": "assistance provided to other States",
        "resource_mobilisation": "efforts to mobilise resources",
        "innovative_financing": "innovative sources of financing",
        "national_platform": "a national platform for dialogue with partners",
        "individualised_approach": "the individualised approach",
        "knowledge_exchange": "the exchange of knowledge and expertise with other States",
        "gender_diversity": "how gender and the diverse needs of affected communities are taken into account",
    },
    "fr": {
        "challenges": "les difficultés de mise en œuvre",
        "assistance_needs": "les besoins d'assistance",
        "national_resources": "les ressources nationales consacrées à la mise en œuvre",
        "costed_plan": "un plan de travail chiffré et assorti d'échéances",
        "assistance_received": "l'assistance internationale reçue",
        "assistance_provided": "l'assistance fournie à d'autres États",
        "resource_mobilisation": "les efforts de mobilisation des ressources",
        "innovative_financing": "les sources de financement innovantes",
        "national_platform": "une plateforme nationale de dialogue avec les partenaires",
        "individualised_approach": "l'approche individualisée",
        "knowledge_exchange": "l'échange de connaissances et de savoir-faire avec d'autres États",
        "gender_diversity": "la prise en compte du genre et des besoins divers des communautés touchées",
    },
    "es": {
        "challenges": "los desafíos para la aplicación",
        "assistance_needs": "las necesidades de asistencia",
        "national_resources": "los recursos nacionales dedicados a la aplicación",
        "costed_plan": "un plan de trabajo con costos y plazos",
        "assistance_received": "la asistencia internacional recibida",
        "assistance_provided": "la asistencia prestada a otros Estados",
        "resource_mobilisation": "los esfuerzos de movilización de recursos",
        "innovative_financing": "las fuentes de financiación innovadoras",
        "national_platform": "una plataforma nacional de diálogo con los asociados",
        "individualised_approach": "el enfoque individualizado",
        "knowledge_exchange": "el intercambio de conocimientos y experiencia con otros Estados",
        "gender_diversity": "la consideración del género y de las diversas necesidades de las comunidades afectadas",
    },
}

# The encouragement: an infinitive phrase, so the verb never agrees with the State.
ENCOURAGE = {
    "en": {
        "challenges": "describe the challenges it faces so that partners can respond to them",
        "assistance_needs": "make its needs for assistance known through its Article 7 report and the individualised approach",
        "national_resources": "report on the national resources it commits to implementation",
        "costed_plan": "prepare an evidence-based, costed and time-bound national work plan",
        "assistance_received": "report on the support received, so that resources go where they are most needed",
        "assistance_provided": "report on any financial, technical or material assistance it is in a position to provide",
        "resource_mobilisation": "prepare a resource-mobilisation plan",
        "innovative_financing": "explore innovative sources of financing together with its partners",
        "national_platform": "maintain a national platform for regular dialogue with national and international partners",
        "individualised_approach": "consider taking advantage of the individualised approach",
        "knowledge_exchange": "share its expertise and lessons learned through regional, bilateral, South-South or triangular cooperation",
        "gender_diversity": "ensure that the different needs and views of women, girls, boys and men of all backgrounds shape its programmes, and to report sex-, age- and disability-disaggregated data",
    },
    "fr": {
        "challenges": "décrire les difficultés rencontrées afin que les partenaires puissent y répondre",
        "assistance_needs": "faire connaître les besoins d'assistance dans le rapport au titre de l'article 7 et par l'approche individualisée",
        "national_resources": "rendre compte des ressources nationales consacrées à la mise en œuvre",
        "costed_plan": "élaborer un plan de travail national fondé sur des données factuelles, chiffré et assorti d'échéances",
        "assistance_received": "rendre compte de l'appui reçu, afin que les ressources aillent là où elles sont le plus nécessaires",
        "assistance_provided": "rendre compte de toute assistance financière, technique ou matérielle que l'État est en mesure de fournir",
        "resource_mobilisation": "élaborer un plan de mobilisation des ressources",
        "innovative_financing": "étudier, avec les partenaires, des sources de financement innovantes",
        "national_platform": "maintenir une plateforme nationale de dialogue régulier avec les partenaires nationaux et internationaux",
        "individualised_approach": "envisager de recourir à l'approche individualisée",
        "knowledge_exchange": "partager l'expertise nationale et les enseignements tirés dans le cadre de la coopération régionale, bilatérale, Sud-Sud ou triangulaire",
        "gender_diversity": "veiller à ce que les besoins et les points de vue différents des femmes, des filles, des garçons et des hommes de tous horizons orientent les programmes, et à communiquer des données ventilées par sexe, par âge et par handicap",
    },
    "es": {
        "challenges": "describir los desafíos existentes para que los asociados puedan responder a ellos",
        "assistance_needs": "dar a conocer sus necesidades de asistencia en su informe en virtud del artículo 7 y mediante el enfoque individualizado",
        "national_resources": "informar sobre los recursos nacionales dedicados a la aplicación",
        "costed_plan": "elaborar un plan de trabajo nacional basado en datos empíricos, con costos y plazos",
        "assistance_received": "informar sobre el apoyo recibido, para que los recursos lleguen adonde más se necesitan",
        "assistance_provided": "informar sobre toda asistencia financiera, técnica o material que esté en condiciones de prestar",
        "resource_mobilisation": "elaborar un plan de movilización de recursos",
        "innovative_financing": "estudiar, junto con sus asociados, fuentes de financiación innovadoras",
        "national_platform": "mantener una plataforma nacional de diálogo periódico con los asociados nacionales e internacionales",
        "individualised_approach": "considerar la posibilidad de recurrir al enfoque individualizado",
        "knowledge_exchange": "compartir su experiencia y las lecciones aprendidas mediante la cooperación regional, bilateral, Sur-Sur o triangular",
        "gender_diversity": "velar por que las distintas necesidades y opiniones de las mujeres, las niñas, los niños y los hombres de todos los orígenes orienten sus programas, y comunicar datos desglosados por sexo, edad y discapacidad",
    },
}

AND = {"en": "and", "fr": "et", "es": "y"}


def join(items: list[str], language: str) -> str:
    """'a, b and c' in the language (Spanish 'y' becomes 'e' before an i- sound)."""
    if len(items) <= 1:
        return "".join(items)
    conjunction = AND[language]
    if language == "es" and items[-1].lower().startswith(("i", "hi")):
        conjunction = "e"
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
