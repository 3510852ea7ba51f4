"""The sentences of the observations, per language (written here, not translated through gettext).

Each table is keyed by language and read with `casework.domain.languages.pick`, so a
language without its own sentence falls back to English instead of failing. What the
sentences are about (indicator topics, encouragements, theme titles), the State's name
and the action plan they cite come from `casework.domain`.
"""

from __future__ import annotations

from typing import Final

# {of}: the State after "of"/"by" without the preposition in English; {by}: the subject.
INTRO: Final[dict[str, str]] = {
    "en": "The Committee considered the information provided by {of} for {year}{docs}.",
    "fr": "Le Comité a examiné les informations communiquées par {by} pour {year}{docs}.",
    "es": "El Comité examinó la información presentada por {by} correspondiente a {year}{docs}.",
}
DOCS: Final[dict[str, str]] = {
    "en": " in its Article 7 report",
    "fr": " dans le rapport présenté au titre de l'article 7",
    "es": " en el informe presentado en virtud del artículo 7",
}
NO_DOCS: Final[dict[str, str]] = {
    "en": "The Committee has not yet received reviewed information from {subject} for {year}.",
    "fr": "Le Comité n'a pas encore reçu d'informations examinées de la part {of} pour {year}.",
    "es": "El Comité aún no ha recibido información examinada {of} correspondiente a {year}.",
}

# (singular, plural) — the verb agrees with the State ("les Pays-Bas ont fourni").
REPORTED: Final[dict[str, tuple[str, str]]] = {
    "en": (
        "{subject} provided information on {topics}.",
        "{subject} provided information on {topics}.",
    ),
    "fr": (
        "{subject} a fourni des informations sur {topics}.",
        "{subject} ont fourni des informations sur {topics}.",
    ),
    "es": (
        "{subject} proporcionó información sobre {topics}.",
        "{subject} proporcionaron información sobre {topics}.",
    ),
}
NOT_REPORTED: Final[dict[str, tuple[str, str]]] = {
    "en": (
        "{subject} did not provide information on {topics}.",
        "{subject} did not provide information on {topics}.",
    ),
    "fr": (
        "{subject} n'a pas fourni d'informations sur {topics}.",
        "{subject} n'ont pas fourni d'informations sur {topics}.",
    ),
    "es": (
        "{subject} no proporcionó información sobre {topics}.",
        "{subject} no proporcionaron información sobre {topics}.",
    ),
}

# The encouragement: {to} is the State as object of the verb, {actions} the joined
# infinitive phrases (each French one after "à", see ENCOURAGE_EACH).
ENCOURAGE: Final[dict[str, str]] = {
    "en": "the Committee encourages {to} to {actions}.",
    "fr": "le Comité encourage {to} {actions}.",
    "es": "el Comité alienta {to} a {actions}.",
}
# How each infinitive phrase is introduced: French repeats "à" before each one.
ENCOURAGE_EACH: Final[dict[str, str]] = {"en": "{}", "fr": "à {}", "es": "{}"}

WELCOME_GENDER: Final[dict[str, str]] = {
    "en": "The Committee welcomes this and encourages {to} to continue reporting "
    "sex-, age- and disability-disaggregated data{plan}.",
    "fr": "Le Comité s'en félicite et encourage {to} à continuer de communiquer des données "
    "ventilées par sexe, par âge et par handicap{plan}.",
    "es": "El Comité acoge con satisfacción esta información y alienta {to} a seguir "
    "comunicando datos desglosados por sexo, edad y discapacidad{plan}.",
}

# What the Committee's own records (register, visits, cases, events) hold on indicators
# the State did not report on itself; the sources follow in brackets.
RECORDED: Final[dict[str, str]] = {
    "en": "The Committee's own records hold information on {topics}{sources}.",
    "fr": "Les dossiers du Comité contiennent des informations sur {topics}{sources}.",
    "es": "Los registros del Comité contienen información sobre {topics}{sources}.",
}
# Findings the analyser made that no reviewer has decided on yet: neither reported nor not.
PENDING: Final[dict[str, str]] = {
    "en": "Information on {topics} is pending review.",
    "fr": "Les informations sur {topics} sont en attente d'examen.",
    "es": "La información sobre {topics} está pendiente de examen.",
}
# How the sources of a sentence are written inside it: " [source; source]".
SOURCES_OPEN, SOURCES_CLOSE, SOURCES_JOIN = " [", "]", "; "
