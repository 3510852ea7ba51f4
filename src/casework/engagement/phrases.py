"""The sentences of the generated documents, written in English and in French.

Each function returns {"en": ..., "fr": ...}; nothing here goes through gettext because the
report's language is the document's, not the reader's.
"""

from __future__ import annotations

import datetime as dt

from casework.engagement import french
from casework.engagement.models import Case, CaseStep, Event, ExchangeVisit
from casework.states.models import StateParty

Texts = dict[str, str]
COMMITTEE = {
    "en": "the Committee on the Enhancement of Cooperation and Assistance",
    "fr": "le Comité sur le renforcement de la coopération et de l'assistance",
}


def name(state: StateParty, language: str) -> str:
    """The State's name as a sentence subject: "Denmark" / "le Danemark"."""
    if language == "fr":
        return french.with_article(state.iso3, state.name_fr)
    return state.name_en


def _of(state: StateParty, language: str) -> str:
    return (
        french.of_state(state.iso3, state.name_fr)
        if language == "fr"
        else state.name_en
    )


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text[-1] in ".!?" else text + "."


def _with_outcome(texts: Texts, outcome: Texts) -> Texts:
    return {
        lang: _sentence(texts[lang])
        + (" " + _sentence(outcome[lang]) if outcome[lang] else "")
        for lang in texts
    }


def event_texts(event: Event) -> Texts:
    en_title, fr_title = event.title("en"), event.title("fr")
    en_when, fr_when = (
        french.on_date(event.start, lang, end=event.end) for lang in ("en", "fr")
    )
    en_at = f" in {event.place}" if event.place else ""
    fr_at = f" à {french.place_fr(event.place)}" if event.place else ""
    speakers = [str(s) for s in event.speakers.all()]
    en_with = f", with {french.join_names(speakers, 'en')}" if speakers else ""
    fr_with = f", avec {french.join_names(speakers, 'fr')}" if speakers else ""
    kind = Event.Kind
    patterns = {
        kind.COMMITTEE_MEETING: (
            f"{en_when}, the Committee held {en_title}{en_at}",
            f"{fr_when}, le Comité a tenu {fr_title}{fr_at}",
        ),
        kind.PANEL: (
            f"{en_when}, the Committee convened a panel on {en_title}{en_at}{en_with}",
            f"{fr_when}, le Comité a organisé une table ronde sur {fr_title}{fr_at}{fr_with}",
        ),
        kind.MASG_MEETING: (
            f"{en_when}, the Committee met the Mine Action Support Group{en_at} ({en_title})",
            f"{fr_when}, le Comité a rencontré le Groupe de soutien à la lutte antimines"
            f"{fr_at} ({fr_title})",
        ),
        kind.DIALOGUE: (
            f"{en_when}, the Committee took part in {en_title}{en_at}",
            f"{fr_when}, le Comité a participé à {fr_title}{fr_at}",
        ),
        kind.WORKSHOP: (
            f"{en_when}, the Committee held a workshop on {en_title}{en_at}{en_with}",
            f"{fr_when}, le Comité a tenu un atelier sur {fr_title}{fr_at}{fr_with}",
        ),
    }
    en, fr = patterns.get(
        event.kind,
        (
            f"{en_when}, the Committee took part in {en_title}{en_at}",
            f"{fr_when}, le Comité a pris part à {fr_title}{fr_at}",
        ),
    )
    return _with_outcome(
        {"en": en, "fr": fr}, {"en": event.outcome_en, "fr": event.outcome_fr}
    )


def case_request_texts(case: Case) -> Texts:
    state = case.state
    return {
        "en": f"{french.on_date(case.requested_on, 'en')}, {name(state, 'en')} requested "
        "to take part in the individualised approach.",
        "fr": f"{french.on_date(case.requested_on, 'fr')}, {name(state, 'fr')} a demandé "
        "à bénéficier de l'approche individualisée.",
    }


def step_texts(step: CaseStep) -> Texts:
    state, day = step.case.state, step.date
    assert day is not None
    en_when, fr_when = french.on_date(day, "en"), french.on_date(day, "fr")
    kind = CaseStep.Kind
    if step.kind == kind.PREPARATORY_CALL:
        en = (
            f"{en_when}, the Committee held a preparatory call with {name(state, 'en')}"
        )
        fr = f"{fr_when}, le Comité a tenu un appel préparatoire avec {name(state, 'fr')}"
        fr += " en vue de sa réunion au titre de l'approche individualisée"
        en += " to prepare its individualised-approach meeting"
    elif step.kind == kind.MEETING:
        en = f"{en_when}, an individualised-approach meeting on {name(state, 'en')} was held"
        fr = (
            f"{fr_when}, une réunion au titre de l'approche individualisée consacrée "
            f"{french.to_state(state.iso3, state.name_fr)} s'est tenue"
        )
        if step.place:
            en += f" in {step.place}"
            fr += f" à {french.place_fr(step.place)}"
        if step.in_margins_of:
            en += f", in the margins of the {step.in_margins_of.title('en')}"
            fr += f", en marge de {step.in_margins_of.title('fr')}"
        organisations = participant_names(step)
        if organisations:
            en += f", with {french.join_names(organisations['en'], 'en')}"
            fr += f", avec {french.join_names(organisations['fr'], 'fr')}"
    elif step.kind == kind.PLEDGE:
        en_who = step.pledged_by or "a partner"
        fr_who = step.pledged_by or "un partenaire"
        en = f"{en_when}, {en_who} pledged support in response to the needs presented by "
        en += name(state, "en")
        fr = f"{fr_when}, {fr_who} a annoncé un appui en réponse aux besoins présentés par "
        fr += name(state, "fr")
    elif step.kind == kind.RESPONSE:
        en_who = step.pledged_by or "a partner"
        fr_who = step.pledged_by or "un partenaire"
        en = f"{en_when}, {en_who} responded to the needs presented by {name(state, 'en')}"
        fr = f"{fr_when}, {fr_who} a répondu aux besoins présentés par {name(state, 'fr')}"
    else:
        en = f"{en_when}, the Committee followed up with {name(state, 'en')} on its "
        en += "individualised approach"
        fr = f"{fr_when}, le Comité a assuré le suivi de l'approche individualisée "
        fr += _of(state, "fr")
    return {"en": _sentence(en), "fr": _sentence(fr)}


def participant_names(step: CaseStep) -> dict[str, list[str]]:
    """Organisations and States at a meeting, each named once, in both languages."""
    en: list[str] = []
    fr: list[str] = []
    for participant in step.participants.all():
        if participant.state:
            pair = (participant.state.name_en, name(participant.state, "fr"))
        else:
            pair = (participant.organisation, participant.organisation)
        if pair[0] and pair[0] not in en:
            en.append(pair[0])
            fr.append(pair[1])
    return {"en": en, "fr": fr} if en else {}


def case_published_texts(case: Case) -> Texts:
    assert case.published_on is not None
    return {
        "en": f"{french.on_date(case.published_on, 'en')}, the Committee published the final "
        f"report of the individualised approach of {name(case.state, 'en')}.",
        "fr": f"{french.on_date(case.published_on, 'fr')}, le Comité a publié le rapport final "
        f"de l'approche individualisée {_of(case.state, 'fr')}.",
    }


def visit_texts(visit: ExchangeVisit) -> Texts:
    assert visit.start is not None
    req, host = visit.requesting_state, visit.host_state
    en = (
        f"{french.on_date(visit.start, 'en', end=visit.end)}, with the support of the "
        f"Cooperation and Assistance Fund, the national authorities of {req.name_en} "
        f"visited their counterparts in {host.name_en} to learn about {visit.topic('en')}."
    )
    fr = (
        f"{french.on_date(visit.start, 'fr', end=visit.end)}, avec l'appui du Fonds de "
        f"coopération et d'assistance, les autorités nationales {_of(req, 'fr')} ont rendu "
        f"visite à leurs homologues {_of(host, 'fr')} au sujet suivant : {visit.topic('fr')}."
    )
    if visit.status == ExchangeVisit.Status.LESSONS_RECORDED:
        en += " The lessons learned were recorded in the Committee's lessons library."
        fr += (
            " Les enseignements tirés ont été consignés dans la bibliothèque du Comité."
        )
    return {"en": en, "fr": fr}


def chairs_texts(chairs: list[tuple[StateParty, dt.date, dt.date]]) -> Texts:
    """The chairs of the year, in order: "Denmark chaired the Committee from … to …"."""
    if len(chairs) == 1:
        state = chairs[0][0]
        return {
            "en": f"The Committee was chaired by {name(state, 'en')}.",
            "fr": f"Le Comité a été présidé par {name(state, 'fr')}.",
        }
    en_parts = [
        f"by {name(s, 'en')} from {french.date_en(a)} to {french.date_en(b)}"
        for s, a, b in chairs
    ]
    fr_parts = [
        f"par {name(s, 'fr')} du {french.date_fr(a)} au {french.date_fr(b)}"
        for s, a, b in chairs
    ]
    return {
        "en": f"The Committee was chaired {french.join_names(en_parts, 'en')}.",
        "fr": f"Le Comité a été présidé {french.join_names(fr_parts, 'fr')}.",
    }
