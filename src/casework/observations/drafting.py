"""Draft the preliminary observations of one State and year from reviewed findings.

One paragraph per theme of `casework.domain.indicators`, every indicator of the theme
said to be reported or not, so no indicator can be left out. Where information is
missing the Committee encourages the State, citing the action plan of the reporting
year (`casework.domain.action_plans`): the Oslo Action Plan for 2020–2024, the Siem
Reap-Angkor Action Plan 2025–2029 from 2025 on, no plan outside those periods.
"""

from __future__ import annotations

from casework.domain.action_plans import in_line_with
from casework.domain.indicators import Indicator, by_theme
from casework.domain.languages import pick
from casework.domain.state_names import NameForms, forms
from casework.domain.text import capitalise, join
from casework.observations import wording
from casework.observations.knowledge import Knowledge, Source
from casework.observations.register import PlatformRecord, platform_sentence
from casework.states.models import StateParty


def _topics(indicators: list[Indicator], language: str) -> str:
    return join([i.topic(language) for i in indicators], language)


def cited(sources: list[Source], language: str) -> str:
    """ " [Article 7 report, r.pdf; exchange visit Nigeria → Türkiye, 6–9 October 2025]"."""
    if not sources:
        return ""
    texts = list(dict.fromkeys(s.cite(language) for s in sources))
    return (
        wording.SOURCES_OPEN + wording.SOURCES_JOIN.join(texts) + wording.SOURCES_CLOSE
    )


def _reported(
    name: NameForms,
    language: str,
    indicators: list[Indicator],
    sources: list[Source] | None = None,
) -> str:
    sentence = pick(wording.REPORTED, language)[name.plural]
    text = sentence.format(
        subject=name.subject_cap, topics=_topics(indicators, language)
    )
    if sources:
        text = text.removesuffix(".") + cited(sources, language) + "."
    return text


def _recorded(language: str, indicators: list[Indicator], sources: list[Source]) -> str:
    return pick(wording.RECORDED, language).format(
        topics=_topics(indicators, language), sources=cited(sources, language)
    )


def _pending(language: str, indicators: list[Indicator]) -> str:
    return capitalise(
        pick(wording.PENDING, language).format(topics=_topics(indicators, language))
    )


def _not_reported(name: NameForms, language: str, indicators: list[Indicator]) -> str:
    sentence = pick(wording.NOT_REPORTED, language)[name.plural]
    return sentence.format(
        subject=name.subject_cap, topics=_topics(indicators, language)
    )


def encouragement(
    name: NameForms, language: str, indicators: list[Indicator], *, year: int
) -> str:
    """ "In line with Action #42 of the Oslo Action Plan, the Committee encourages …";
    without the opening clause when no action plan covers the year."""
    each = pick(wording.ENCOURAGE_EACH, language)
    actions = join(
        [each.format(i.encouragement(language)) for i in indicators], language
    )
    body = pick(wording.ENCOURAGE, language).format(to=name.to, actions=actions)
    clause = in_line_with([i.code for i in indicators], year, language)
    if clause is None:
        return capitalise(body)
    return f"{capitalise(clause)}, {body}"


def welcome_gender(name: NameForms, language: str, *, year: int) -> str:
    clause = in_line_with(["gender_diversity"], year, language)
    return pick(wording.WELCOME_GENDER, language).format(
        to=name.to, plan=f", {clause}" if clause else ""
    )


def draft(
    state: StateParty,
    year: int,
    reported: set[str],
    *,
    language: str,
    has_documents: bool = True,
    platform: PlatformRecord | None = None,
    knowledge: Knowledge | None = None,
) -> str:
    """The observations text: an introduction, then one paragraph per theme.

    With `knowledge` (`knowledge.gather`), everything the Committee knows is used and
    cited; `reported`, `has_documents` and `platform` are then taken from it."""
    name = forms(state.iso3, language)
    if knowledge is not None:
        return _draft_from(state, year, knowledge, name=name, language=language)
    if has_documents:
        intro = pick(wording.INTRO, language).format(
            of=name.of.removeprefix("of "),
            by=name.subject,
            year=year,
            docs=pick(wording.DOCS, language),
        )
    else:
        intro = pick(wording.NO_DOCS, language).format(
            subject=name.subject, of=name.of, year=year
        )
    paragraphs = [intro]
    for theme, indicators in by_theme():
        present = [i for i in indicators if i.code in reported]
        missing = [i for i in indicators if i.code not in reported]
        sentences = []
        if present:
            sentences.append(_reported(name, language, present))
        if missing:
            sentences.append(_not_reported(name, language, missing))
            sentences.append(encouragement(name, language, missing, year=year))
        elif any(i.code == "gender_diversity" for i in indicators):
            sentences.append(welcome_gender(name, language, year=year))
        if any(i.code == "national_platform" for i in indicators):
            sentences.append(platform_sentence(name, language, platform))
        paragraphs.append(
            f"{theme.title(language)}. " + " ".join(s for s in sentences if s)
        )
    return "\n\n".join(paragraphs)


def _intro(name: NameForms, language: str, *, year: int, has_documents: bool) -> str:
    if has_documents:
        return pick(wording.INTRO, language).format(
            of=name.of.removeprefix("of "),
            by=name.subject,
            year=year,
            docs=pick(wording.DOCS, language),
        )
    return pick(wording.NO_DOCS, language).format(
        subject=name.subject, of=name.of, year=year
    )


def _draft_from(
    state: StateParty,
    year: int,
    knowledge: Knowledge,
    *,
    name: NameForms,
    language: str,
) -> str:
    """Every indicator is reported (cited), recorded by the Committee (cited), pending
    review, or not reported — never two of these at once."""
    paragraphs = [
        _intro(name, language, year=year, has_documents=knowledge.has_documents)
    ]
    informed = knowledge.informed
    for theme, indicators in by_theme():
        present = [i for i in indicators if i.code in knowledge.reported]
        recorded = [
            i
            for i in indicators
            if i.code in knowledge.recorded and i.code not in knowledge.reported
        ]
        pending = [
            i
            for i in indicators
            if i.code in knowledge.pending and i.code not in informed
        ]
        missing = [
            i
            for i in indicators
            if i.code not in informed and i.code not in knowledge.pending
        ]
        sentences = []
        if present:
            sources = [s for i in present for s in knowledge.reported[i.code]]
            sentences.append(_reported(name, language, present, sources))
        if recorded:
            sources = [s for i in recorded for s in knowledge.recorded[i.code]]
            sentences.append(_recorded(language, recorded, sources))
        if pending:
            sentences.append(_pending(language, pending))
        if missing:
            sentences.append(_not_reported(name, language, missing))
            sentences.append(encouragement(name, language, missing, year=year))
        elif any(i.code == "gender_diversity" for i in present):
            sentences.append(welcome_gender(name, language, year=year))
        if any(i.code == "national_platform" for i in indicators):
            sentences.append(platform_sentence(name, language, knowledge.platform))
        paragraphs.append(
            f"{theme.title(language)}. " + " ".join(s for s in sentences if s)
        )
    return "\n\n".join(paragraphs)
