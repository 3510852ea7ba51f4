"""Draft the preliminary observations of one State and year from reviewed findings."""

from __future__ import annotations

from casework.observations import wording
from casework.observations.names import NameForms, forms
from casework.observations.register import PlatformRecord, platform_sentence
from casework.states.models import StateParty

INTRO = {
    "en": "The Committee considered the information provided by {of} for {year}{docs}.",
    "fr": "Le Comité a examiné les informations communiquées par {by} pour {year}{docs}.",
    "es": "El Comité examinó la información presentada por {by} correspondiente a {year}{docs}.",
}
DOCS = {
    "en": " in its Article 7 report",
    "fr": " dans le rapport présenté au titre de l'article 7",
    "es": " en el informe presentado en virtud del artículo 7",
}
NO_DOCS = {
    "en": "The Committee has not yet received reviewed information from {subject} for {year}.",
    "fr": "Le Comité n'a pas encore reçu d'informations examinées de la part {of} pour {year}.",
    "es": "El Comité aún no ha recibido información examinada {of} correspondiente a {year}.",
}


def _reported(name: NameForms, language: str, topics: str) -> str:
    if language == "fr":
        verb = "ont fourni" if name.plural else "a fourni"
        return f"{name.subject_cap} {verb} des informations sur {topics}."
    if language == "es":
        verb = "proporcionaron" if name.plural else "proporcionó"
        return f"{name.subject_cap} {verb} información sobre {topics}."
    return f"{name.subject_cap} provided information on {topics}."


def _not_reported(name: NameForms, language: str, topics: str) -> str:
    if language == "fr":
        verb = "n'ont pas fourni" if name.plural else "n'a pas fourni"
        return f"{name.subject_cap} {verb} d'informations sur {topics}."
    if language == "es":
        verb = "no proporcionaron" if name.plural else "no proporcionó"
        return f"{name.subject_cap} {verb} información sobre {topics}."
    return f"{name.subject_cap} did not provide information on {topics}."


def _encourage(name: NameForms, language: str, codes: list[str]) -> str:
    actions = sorted({wording.ACTIONS[c] for c in codes})
    phrases = [wording.ENCOURAGE[language][c] for c in codes]
    numbers = wording.join([f"#{n}" for n in actions], language)
    if language == "fr":
        ref = (
            "à l'action " if len(actions) == 1 else "aux actions "
        ) + numbers.replace("#", "n° ")
        body = wording.join([f"à {p}" for p in phrases], "fr")
        return f"Conformément {ref} du Plan d'action d'Oslo, le Comité encourage {name.to} {body}."
    if language == "es":
        ref = (
            "la acción " if len(actions) == 1 else "las acciones "
        ) + numbers.replace("#", "n.º ")
        return (
            f"En consonancia con {ref} del Plan de Acción de Oslo, el Comité alienta {name.to} "
            f"a {wording.join(phrases, 'es')}."
        )
    ref = ("Action " if len(actions) == 1 else "Actions ") + numbers
    return (
        f"In line with {ref} of the Oslo Action Plan, the Committee encourages {name.to} "
        f"to {wording.join(phrases, 'en')}."
    )


def _welcome_gender(name: NameForms, language: str) -> str:
    return {
        "en": "The Committee welcomes this and encourages {to} to continue reporting "
        "sex-, age- and disability-disaggregated data, in line with Action #3 of the Oslo "
        "Action Plan.",
        "fr": "Le Comité s'en félicite et encourage {to} à continuer de communiquer des données "
        "ventilées par sexe, par âge et par handicap, conformément à l'action n° 3 du Plan "
        "d'action d'Oslo.",
        "es": "El Comité acoge con satisfacción esta información y alienta {to} a seguir "
        "comunicando datos desglosados por sexo, edad y discapacidad, en consonancia con la "
        "acción n.º 3 del Plan de Acción de Oslo.",
    }[language].format(to=name.to)


def draft(
    state: StateParty,
    year: int,
    reported: set[str],
    *,
    language: str,
    has_documents: bool = True,
    platform: PlatformRecord | None = None,
) -> str:
    """The observations text: an introduction, then one paragraph per theme."""
    name = forms(state, language)
    if has_documents:
        intro = INTRO[language].format(
            of=name.of.removeprefix("of "),
            by=name.subject,
            year=year,
            docs=DOCS[language],
        )
    else:
        intro = NO_DOCS[language].format(
            subject=name.subject,
            of=name.of,
            year=year,
        )
    paragraphs = [intro]
    for theme, codes in wording.THEMES:
        present = [c for c in codes if c in reported]
        missing = [c for c in codes if c not in reported]
        sentences = []
        if present:
            topics = [wording.TOPICS[language][c] for c in present]
            sentences.append(_reported(name, language, wording.join(topics, language)))
        if missing:
            topics = [wording.TOPICS[language][c] for c in missing]
            sentences.append(
                _not_reported(name, language, wording.join(topics, language))
            )
            sentences.append(_encourage(name, language, missing))
        elif theme == "gender":
            sentences.append(_welcome_gender(name, language))
        if "national_platform" in codes:
            sentences.append(platform_sentence(name, language, platform))
        title = wording.THEME_TITLES[language][theme]
        paragraphs.append(f"{title}. " + " ".join(s for s in sentences if s))
    return "\n\n".join(paragraphs)
