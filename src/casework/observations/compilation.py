"""The Committee's compilation for the Intersessional Meetings, as a DocumentSpec (DOCX/PDF).

Written in English, French and Spanish from the tables below. Indicators, their labels
and order come from `casework.domain.indicators` (a new indicator gets its column and
its total without a change here); State names from `casework.domain.state_names`;
numbers and the date line from `casework.domain.locale`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Final

from babel import Locale
from django.utils import timezone

from casework.domain import state_names
from casework.domain.indicators import INDICATORS
from casework.domain.languages import checked
from casework.domain.locale import format_date, format_number
from casework.exports.spec import (
    Block,
    DocumentSpec,
    Heading,
    PageBreak,
    Paragraph,
    Table,
    TitleBlock,
)
from casework.exports.un_format import AUTHOR
from casework.findings.services import StateCoverage, reviewed_coverage
from casework.observations import citations
from casework.observations.models import Observation
from casework.observations.services import with_texts
from casework.states.models import StateParty

TEXT: Final[dict[str, dict[str, str]]] = {
    "en": {
        "title": "Preliminary observations on cooperation and assistance, {year}",
        "subtitle": "Submitted by the Committee on the Enhancement of Cooperation and Assistance",
        "intro_h": "Introduction",
        "intro": "This document compiles the Committee's preliminary observations on the "
        "information that {n} States Parties provided in their {year} Article 7 reports and "
        "other documents about their cooperation and assistance commitments and about gender "
        "and diverse needs. The observations rest on findings checked by reviewers.",
        "table_h": "Information provided, by State and indicator",
        "state": "State",
        "caption": "✓ = the State reported on the indicator",
        "totals_h": "Totals",
        # {states}: "State"/"States" agreeing with {m}; {verb} agreeing with {n}.
        "total": "{n} of {m} {states} reported on: {label}.",
        "states_one": "State",
        "states_other": "States",
        "affected_one": "affected State",
        "affected_other": "affected States",
        "noun_agrees_with": "m",
        "verb_one": "",  # English: "reported" serves both
        "verb_other": "",
        "states_h": "Observations by State",
    },
    "fr": {
        "title": "Observations préliminaires sur la coopération et l'assistance, {year}",
        "subtitle": "Présenté par le Comité sur le renforcement de la coopération et de l'assistance",
        "intro_h": "Introduction",
        "intro": "Le présent document rassemble les observations préliminaires du Comité sur les "
        "informations que {n} États parties ont communiquées dans leurs rapports au titre de "
        "l'article 7 pour {year} et dans d'autres documents au sujet de leurs engagements en "
        "matière de coopération et d'assistance, ainsi que du genre et des besoins divers. "
        "Les observations reposent sur des constatations vérifiées.",
        "table_h": "Informations communiquées, par État et par indicateur",
        "state": "État",
        "caption": "✓ = l'État a fourni des informations sur l'indicateur",
        "totals_h": "Totaux",
        # French: the noun agrees with {n} ("0 État sur 2", "3 États sur 40").
        "total": "{n} {states} sur {m} {verb} fourni des informations sur\u00a0: {label}.",
        "states_one": "État",
        "states_other": "États",
        "affected_one": "État touché",
        "affected_other": "États touchés",
        "noun_agrees_with": "n",
        "verb_one": "a",
        "verb_other": "ont",
        "states_h": "Observations par État",
    },
    "es": {
        "title": "Observaciones preliminares sobre la cooperación y la asistencia, {year}",
        "subtitle": "Presentado por el Comité sobre la Mejora de la Cooperación y la Asistencia",
        "intro_h": "Introducción",
        "intro": "En el presente documento se recopilan las observaciones preliminares del "
        "Comité sobre la información que {n} Estados partes proporcionaron en sus informes "
        "presentados en virtud del artículo 7 correspondientes a {year} y en otros documentos "
        "acerca de sus compromisos en materia de cooperación y asistencia, así como del "
        "género y las diversas necesidades. Las observaciones se basan en constataciones "
        "verificadas por los revisores.",
        "table_h": "Información proporcionada, por Estado e indicador",
        "state": "Estado",
        "caption": "✓ = el Estado proporcionó información sobre el indicador",
        "totals_h": "Totales",
        "total": "{n} de {m} {states} {verb} información sobre: {label}.",
        "states_one": "Estado",
        "states_other": "Estados",
        "affected_one": "Estado afectado",
        "affected_other": "Estados afectados",
        "noun_agrees_with": "m",
        "verb_one": "proporcionó",
        "verb_other": "proporcionaron",
        "states_h": "Observaciones por Estado",
    },
}


def _sort_key(text: str) -> str:
    """Alphabetical order as the document's language reads it: accents do not count."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _plural_form(n: int, language: str) -> str:
    """ "one" or "other": French counts 0 and 1 as singular, English and Spanish only 1."""
    return "one" if Locale.parse(language).plural_form(n) == "one" else "other"


def compiled_observations(
    year: int, *, language: str = "en", include_drafts: bool = False
) -> list[Observation]:
    """Agreed and published observations (drafts too if asked), in the language's order."""
    observations = Observation.objects.filter(year=year)
    if not include_drafts:
        observations = observations.exclude(status=Observation.Status.DRAFT)
    return sorted(
        with_texts(observations),
        key=lambda o: _sort_key(state_names.name(o.state.iso3, language)),
    )


def _total(
    text: dict[str, str], language: str, *, n: int, m: int, label: str, affected: bool
) -> str:
    """ "3 of 40 States reported on: X." The noun agrees with the number the language
    makes it follow (`noun_agrees_with`: the total in English and Spanish, the count in
    French: "0 État sur 2"), the verb with the count."""
    noun_count = n if text["noun_agrees_with"] == "n" else m
    noun = (
        ("affected" if affected else "states")
        + "_"
        + _plural_form(noun_count, language)
    )
    verb = text["verb_" + _plural_form(n, language)]
    sentence = text["total"].format(
        n=format_number(n, language),
        m=format_number(m, language),
        states=text[noun],
        verb=verb,
        label=label,
    )
    return sentence


def _reported_codes(coverage: dict[int, StateCoverage], state: StateParty) -> set[str]:
    found = coverage.get(state.pk)
    return found.codes if found else set()


def build_compilation(
    year: int,
    *,
    language: str,
    include_drafts: bool = False,
    issued: dt.date | None = None,
) -> DocumentSpec:
    """Introduction, coverage table, totals and each State's observations.

    `language` must be one of the languages Casework writes in (UnknownLanguageError
    otherwise); `issued` is the date on the date line (today when not given).
    """
    language = checked(language)
    text = TEXT[language]
    observations = compiled_observations(
        year, language=language, include_drafts=include_drafts
    )
    states = [o.state for o in observations]
    coverage = reviewed_coverage([s.pk for s in states], year)
    reported = {s.pk: _reported_codes(coverage, s) for s in states}
    blocks: list[Block] = [
        Heading(text["intro_h"]),
        Paragraph(
            text["intro"].format(n=format_number(len(states), language), year=year),
            number="1.",
        ),
        Heading(text["table_h"]),
        Table(
            header=(text["state"], *(i.label(language) for i in INDICATORS)),
            rows=tuple(
                (
                    state_names.name(s.iso3, language),
                    *("✓" if i.code in reported[s.pk] else "" for i in INDICATORS),
                )
                for s in states
            ),
            caption=text["caption"],
        ),
        Heading(text["totals_h"]),
    ]
    affected = [s for s in states if s.is_affected]
    number = 2
    for indicator in INDICATORS:
        scope = affected or states
        n = sum(1 for s in scope if indicator.code in reported[s.pk])
        sentence = _total(
            text,
            language,
            n=n,
            m=len(scope),
            label=indicator.label(language),
            affected=bool(affected),
        )
        blocks.append(Paragraph(sentence, number=f"{number}."))
        number += 1
    blocks.append(PageBreak())
    blocks.append(Heading(text["states_h"]))
    for observation in observations:
        name = state_names.forms(observation.state.iso3, language)
        blocks.append(Heading(name.subject_cap, level=2))
        for paragraph in _paragraphs(observation, language):
            body, sources = citations.split(paragraph)
            blocks.append(
                Paragraph(body, number=f"{number}.", footnotes=tuple(sources))
            )
            number += 1
    return DocumentSpec(
        title=text["title"].format(year=year),
        language=language,
        blocks=tuple(blocks),
        subtitle=text["subtitle"],
        symbol=f"APLC/CONF/{year}/CA",
        date_line=format_date(issued or timezone.localdate(), language),
        head=TitleBlock(original_language="en"),
        # Drafts until every observation it includes is agreed (a ?drafts=1 compilation
        # that takes in a draft is one).
        draft=include_drafts
        or any(o.status == Observation.Status.DRAFT for o in observations),
        author=AUTHOR[language],
    )


def _paragraphs(observation: Observation, language: str) -> list[str]:
    for item in observation.texts.all():
        if item.language == language:
            return item.paragraphs()
    return []
