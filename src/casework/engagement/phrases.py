"""The sentences of the generated documents, in every language of `domain.languages`.

Each `*_texts` function returns {language: sentence} for every language; nothing here goes
through gettext because the report's language is the document's, not the reader's. State
names come from `domain.state_names.forms()`, dates from `domain.locale`, lists from
`domain.text.join`.
"""

from __future__ import annotations

import datetime as dt
from typing import Final

from casework.domain import locale
from casework.domain.languages import LANGUAGES, pick
from casework.domain.state_names import NameForms, forms
from casework.domain.text import join
from casework.engagement.models import Case, CaseStep, Event, ExchangeVisit
from casework.states.models import StateParty

Texts = dict[str, str]
Table = dict[str, str]

# The opening of a report sentence: "On 27 January 2025" / "Le 27 janvier 2025".
ON: Final[Table] = {"en": "On {day}", "fr": "Le {day}", "es": "El {day}"}
# A span: "From 2 to 4 June 2025" / "Du 2 au 4 juin 2025" / "Del 2 al 4 de junio de 2025".
FROM_TO: Final[Table] = {
    "en": "From {first} to {last}",
    "fr": "Du {first} au {last}",
    "es": "Del {first} al {last}",
}
AT: Final[Table] = {"en": " in {place}", "fr": " à {place}", "es": " en {place}"}
WITH: Final[Table] = {
    "en": ", with {names}",
    "fr": ", avec {names}",
    "es": ", con {names}",
}
# Places the Committee meets in, as each language spells them.
PLACES: Final[dict[str, Table]] = {
    "Geneva": {"en": "Geneva", "fr": "Genève", "es": "Ginebra"},
    "Brussels": {"en": "Brussels", "fr": "Bruxelles", "es": "Bruselas"},
    "New York": {"en": "New York", "fr": "New York", "es": "Nueva York"},
}

EVENTS: Final[dict[str, Table]] = {
    Event.Kind.COMMITTEE_MEETING: {
        "en": "{when}, the Committee held {title}{at}",
        "fr": "{when}, le Comité a tenu {title}{at}",
        "es": "{when}, el Comité celebró {title}{at}",
    },
    Event.Kind.PANEL: {
        "en": "{when}, the Committee convened a panel on {title}{at}{with_}",
        "fr": "{when}, le Comité a organisé une table ronde sur {title}{at}{with_}",
        "es": "{when}, el Comité organizó una mesa redonda sobre {title}{at}{with_}",
    },
    Event.Kind.MASG_MEETING: {
        "en": "{when}, the Committee met the Mine Action Support Group{at} ({title})",
        "fr": "{when}, le Comité a rencontré le Groupe de soutien à la lutte antimines"
        "{at} ({title})",
        "es": "{when}, el Comité se reunió con el Grupo de Apoyo a la Acción contra las "
        "Minas{at} ({title})",
    },
    Event.Kind.DIALOGUE: {
        "en": "{when}, the Committee took part in {title}{at}",
        "fr": "{when}, le Comité a participé à {title}{at}",
        "es": "{when}, el Comité participó en {title}{at}",
    },
    Event.Kind.WORKSHOP: {
        "en": "{when}, the Committee held a workshop on {title}{at}{with_}",
        "fr": "{when}, le Comité a tenu un atelier sur {title}{at}{with_}",
        "es": "{when}, el Comité celebró un taller sobre {title}{at}{with_}",
    },
}
OTHER_EVENT: Final[Table] = {
    "en": "{when}, the Committee took part in {title}{at}",
    "fr": "{when}, le Comité a pris part à {title}{at}",
    "es": "{when}, el Comité tomó parte en {title}{at}",
}

CASE_REQUEST: Final[Table] = {
    "en": "{when}, {state} requested to take part in the individualised approach.",
    "fr": "{when}, {state} a demandé à bénéficier de l'approche individualisée.",
    "es": "{when}, {state} solicitó participar en el enfoque individualizado.",
}
CASE_PUBLISHED: Final[Table] = {
    "en": "{when}, the Committee published the final report of the individualised "
    "approach {of}.",
    "fr": "{when}, le Comité a publié le rapport final de l'approche individualisée {of}.",
    "es": "{when}, el Comité publicó el informe final del enfoque individualizado {of}.",
}

PREPARATORY_CALL: Final[Table] = {
    "en": "{when}, the Committee held a preparatory call with {state} to prepare its "
    "individualised-approach meeting",
    "fr": "{when}, le Comité a tenu un appel préparatoire avec {state} en vue de sa "
    "réunion au titre de l'approche individualisée",
    "es": "{when}, el Comité mantuvo una llamada preparatoria con {state} con miras a "
    "su reunión en el marco del enfoque individualizado",
}
MEETING: Final[Table] = {
    "en": "{when}, an individualised-approach meeting on {state} was held",
    "fr": "{when}, une réunion au titre de l'approche individualisée consacrée {to} "
    "s'est tenue",
    "es": "{when}, se celebró una reunión en el marco del enfoque individualizado "
    "dedicada {to}",
}
IN_MARGINS: Final[Table] = {
    "en": ", in the margins of the {meeting}",
    "fr": ", en marge de {meeting}",
    "es": ", al margen de {meeting}",
}
A_PARTNER: Final[Table] = {
    "en": "a partner",
    "fr": "un partenaire",
    "es": "un asociado",
}
PLEDGE: Final[Table] = {
    "en": "{when}, {who} pledged support in response to the needs presented by {state}",
    "fr": "{when}, {who} a annoncé un appui en réponse aux besoins présentés par {state}",
    "es": "{when}, {who} anunció su apoyo en respuesta a las necesidades presentadas "
    "por {state}",
}
RESPONSE: Final[Table] = {
    "en": "{when}, {who} responded to the needs presented by {state}",
    "fr": "{when}, {who} a répondu aux besoins présentés par {state}",
    "es": "{when}, {who} respondió a las necesidades presentadas por {state}",
}
FOLLOW_UP: Final[Table] = {
    "en": "{when}, the Committee followed up with {state} on its individualised approach",
    "fr": "{when}, le Comité a assuré le suivi de l'approche individualisée {of}",
    "es": "{when}, el Comité hizo el seguimiento del enfoque individualizado {of}",
}

VISIT: Final[Table] = {
    "en": "{when}, with the support of the Cooperation and Assistance Fund, the national "
    "authorities {of_requesting} visited their counterparts {in_host} to learn about "
    "{topic}.",
    "fr": "{when}, avec l'appui du Fonds de coopération et d'assistance, les autorités "
    "nationales {of_requesting} ont rendu visite à leurs homologues {of_host} au sujet "
    "suivant : {topic}.",
    "es": "{when}, con el apoyo del Fondo de Cooperación y Asistencia, las autoridades "
    "nacionales {of_requesting} visitaron a sus homólogos {of_host} para informarse "
    "sobre {topic}.",
}
LESSONS_RECORDED: Final[Table] = {
    "en": " The lessons learned were recorded in the Committee's lessons library.",
    "fr": " Les enseignements tirés ont été consignés dans la bibliothèque du Comité.",
    "es": " Las enseñanzas extraídas se recogieron en la biblioteca de enseñanzas del "
    "Comité.",
}

ONE_CHAIR: Final[Table] = {
    "en": "The Committee was chaired by {state}.",
    "fr": "Le Comité a été présidé par {state}.",
    "es": "El Comité estuvo presidido por {state}.",
}
CHAIRS: Final[Table] = {
    "en": "The Committee was chaired {parts}.",
    "fr": "Le Comité a été présidé {parts}.",
    "es": "El Comité estuvo presidido {parts}.",
}
CHAIR_TERM: Final[Table] = {
    "en": "by {state} from {first} to {last}",
    "fr": "par {state} du {first} au {last}",
    "es": "por {state} del {first} al {last}",
}


def state_forms(state: StateParty, language: str) -> NameForms:
    """The State's name in a sentence of `language` (article, "du", "al", …)."""
    return forms(state.iso3, language)


def name(state: StateParty, language: str) -> str:
    """The State's name as a sentence subject: "Denmark" / "le Danemark" / "Dinamarca"."""
    return state_forms(state, language).subject


def place_name(place: str, language: str) -> str:
    """Geneva → Genève / Ginebra; a place we have no spelling for is written as given."""
    spellings = PLACES.get(place.strip())
    return pick(spellings, language) if spellings else place


def on_date(day: dt.date, language: str, *, end: dt.date | None = None) -> str:
    """ "On 27 January 2025" / "Le 27 janvier 2025" / "El 27 de enero de 2025".

    A span: "From 2 to 4 June 2025" / "Du 2 au 4 juin 2025" / "Del 2 al 4 de junio de 2025".
    """
    if end is None or end == day:
        return pick(ON, language).format(day=locale.format_date(day, language))
    if (day.year, day.month) == (end.year, end.month):
        # the day as the language writes it before a month: "2", "1er", "1"
        first = locale.format_day_month(day, language).split(" ", 1)[0]
    elif day.year == end.year:
        first = locale.format_day_month(day, language)
    else:
        first = locale.format_date(day, language)
    return pick(FROM_TO, language).format(
        first=first, last=locale.format_date(end, language)
    )


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def _place(place: str, language: str) -> str:
    return pick(AT, language).format(place=place_name(place, language)) if place else ""


def event_texts(event: Event) -> Texts:
    speakers = [str(s) for s in event.speakers.all()]
    pattern = EVENTS.get(event.kind, OTHER_EVENT)
    texts: Texts = {}
    for language in LANGUAGES:
        with_ = (
            pick(WITH, language).format(names=join(speakers, language))
            if speakers
            else ""
        )
        sentence = pick(pattern, language).format(
            when=on_date(event.start, language, end=event.end),
            title=event.title(language),
            at=_place(event.place, language),
            with_=with_,
        )
        outcome = event.outcome(language)
        texts[language] = _sentence(sentence) + (
            " " + _sentence(outcome) if outcome else ""
        )
    return texts


def case_request_texts(case: Case) -> Texts:
    return {
        language: pick(CASE_REQUEST, language).format(
            when=on_date(case.requested_on, language), state=name(case.state, language)
        )
        for language in LANGUAGES
    }


def _step_text(step: CaseStep, day: dt.date, language: str) -> str:
    state = state_forms(step.case.state, language)
    values = {
        "when": on_date(day, language),
        "state": state.subject,
        "of": state.of,
        "to": state.dative,
        "who": step.pledged_by or pick(A_PARTNER, language),
    }
    kind = CaseStep.Kind
    if step.kind == kind.PREPARATORY_CALL:
        return pick(PREPARATORY_CALL, language).format(**values)
    if step.kind == kind.PLEDGE:
        return pick(PLEDGE, language).format(**values)
    if step.kind == kind.RESPONSE:
        return pick(RESPONSE, language).format(**values)
    if step.kind != kind.MEETING:
        return pick(FOLLOW_UP, language).format(**values)
    text = pick(MEETING, language).format(**values) + _place(step.place, language)
    if step.in_margins_of:
        text += pick(IN_MARGINS, language).format(
            meeting=step.in_margins_of.title(language)
        )
    names = participant_names(step).get(language)
    if names:
        text += pick(WITH, language).format(names=join(names, language))
    return text


def step_texts(step: CaseStep) -> Texts:
    """What a dated step says in the log; {} for a step without its date (not yet held)."""
    if step.date is None:
        return {}
    day = step.date
    return {
        language: _sentence(_step_text(step, day, language)) for language in LANGUAGES
    }


def participant_names(step: CaseStep) -> dict[str, list[str]]:
    """Organisations and States at a meeting, each named once, in every language."""
    names: dict[str, list[str]] = {language: [] for language in LANGUAGES}
    seen: set[str] = set()
    for participant in step.participants.all():
        key = (
            f"state:{participant.state.iso3}"
            if participant.state
            else participant.organisation
        )
        if not key or key in seen:
            continue
        seen.add(key)
        for language in LANGUAGES:
            names[language].append(
                name(participant.state, language)
                if participant.state
                else participant.organisation
            )
    return names if seen else {}


def case_published_texts(case: Case) -> Texts:
    """The publication of the final report; {} while it is not published."""
    if case.published_on is None:
        return {}
    day = case.published_on
    return {
        language: pick(CASE_PUBLISHED, language).format(
            when=on_date(day, language), of=state_forms(case.state, language).of
        )
        for language in LANGUAGES
    }


def visit_texts(visit: ExchangeVisit) -> Texts:
    """An exchange visit in the log; {} for a visit without its first day."""
    if visit.start is None:
        return {}
    start = visit.start
    texts: Texts = {}
    for language in LANGUAGES:
        requesting = state_forms(visit.requesting_state, language)
        host = state_forms(visit.host_state, language)
        text = pick(VISIT, language).format(
            when=on_date(start, language, end=visit.end),
            of_requesting=requesting.of,
            of_host=host.of,
            in_host=host.locative,
            topic=visit.topic(language),
        )
        if visit.status == ExchangeVisit.Status.LESSONS_RECORDED:
            text += pick(LESSONS_RECORDED, language)
        texts[language] = text
    return texts


def chairs_texts(chairs: list[tuple[StateParty, dt.date, dt.date]]) -> Texts:
    """The chairs of the year, in order: "Denmark chaired the Committee from … to …"."""
    if len(chairs) == 1:
        state = chairs[0][0]
        return {
            language: pick(ONE_CHAIR, language).format(state=name(state, language))
            for language in LANGUAGES
        }
    texts: Texts = {}
    for language in LANGUAGES:
        parts = [
            pick(CHAIR_TERM, language).format(
                state=name(state, language),
                first=locale.format_date(first, language),
                last=locale.format_date(last, language),
            )
            for state, first, last in chairs
        ]
        texts[language] = pick(CHAIRS, language).format(parts=join(parts, language))
    return texts
