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
from casework.observations.register import PlatformRecord, platform_sentence
from casework.states.models import StateParty


def _topics(indicators: list[Indicator], language: str) -> str:
    return join([i.topic(language) for i in indicators], language)


def _reported(name: NameForms, language: str, indicators: list[Indicator]) -> str:
    sentence = pick(wording.REPORTED, language)[name.plural]
    return sentence.format(
        subject=name.subject_cap, topics=_topics(indicators, language)
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
) -> str:
    """The observations text: an introduction, then one paragraph per theme."""
    name = forms(state.iso3, language)
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
