"""The Committee's compilation for the Intersessional Meetings, as a DocumentSpec (DOCX/PDF)."""

from __future__ import annotations

from casework.exports.spec import DocumentSpec, Heading, PageBreak, Paragraph, Table
from casework.findings.indicators import CODES
from casework.findings.services import reviewed_coverage
from casework.observations.models import Observation
from casework.observations.names import forms
from casework.observations.services import with_texts

SHORT_LABELS = {
    "en": {
        "challenges": "Challenges",
        "assistance_needs": "Assistance needs",
        "national_resources": "National resources",
        "assistance_received": "Assistance received",
        "assistance_provided": "Assistance provided",
        "resource_mobilisation": "Resource mobilisation",
        "innovative_financing": "Innovative financing",
        "national_platform": "National platform",
        "individualised_approach": "Individualised approach",
        "gender_diversity": "Gender and diversity",
        "knowledge_exchange": "Knowledge exchange",
        "costed_plan": "Costed plan",
    },
    "fr": {
        "challenges": "Difficultés",
        "assistance_needs": "Besoins d'assistance",
        "national_resources": "Ressources nationales",
        "assistance_received": "Assistance reçue",
        "assistance_provided": "Assistance fournie",
        "resource_mobilisation": "Mobilisation des ressources",
        "innovative_financing": "Financement innovant",
        "national_platform": "Plateforme nationale",
        "individualised_approach": "Approche individualisée",
        "gender_diversity": "Genre et diversité",
        "knowledge_exchange": "Échange de connaissances",
        "costed_plan": "Plan chiffré",
    },
}
TEXT = {
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
        "total": "{n} of {m} affected States reported on: {label}.",
        "total_all": "{n} of {m} States reported on: {label}.",
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
        "total": "{n} des {m} États touchés ont fourni des informations sur : {label}.",
        "total_all": "{n} des {m} États ont fourni des informations sur : {label}.",
        "states_h": "Observations par État",
    },
}


def compiled_observations(
    year: int, *, include_drafts: bool = False
) -> list[Observation]:
    observations = Observation.objects.filter(year=year)
    if not include_drafts:
        observations = observations.exclude(status=Observation.Status.DRAFT)
    return sorted(with_texts(observations), key=lambda o: o.state.name_en)


def build_compilation(
    year: int, *, language: str, include_drafts: bool = False
) -> DocumentSpec:
    """Introduction, coverage table, totals and each State's observations."""
    language = language if language in TEXT else "en"
    text, labels = TEXT[language], SHORT_LABELS[language]
    observations = compiled_observations(year, include_drafts=include_drafts)
    states = [o.state for o in observations]
    coverage = reviewed_coverage([s.pk for s in states], year)
    name_field = f"name_{language}"
    blocks: list = [
        Heading(text["intro_h"]),
        Paragraph(text["intro"].format(n=len(states), year=year), number="1."),
        Heading(text["table_h"]),
    ]
    rows = []
    for state in states:
        codes = coverage[state.pk].codes if state.pk in coverage else set()
        rows.append(
            (
                getattr(state, name_field),
                *("✓" if code in codes else "" for code in CODES),
            )
        )
    blocks.append(
        Table(
            header=(text["state"], *(labels[c] for c in CODES)),
            rows=tuple(rows),
            caption=text["caption"],
        )
    )
    blocks.append(Heading(text["totals_h"]))
    affected = [s for s in states if s.is_affected]
    number = 2
    for code in CODES:
        reporting = [
            s for s in states if s.pk in coverage and code in coverage[s.pk].codes
        ]
        if affected:
            n = sum(1 for s in reporting if s.is_affected)
            sentence = text["total"].format(n=n, m=len(affected), label=labels[code])
        else:
            sentence = text["total_all"].format(
                n=len(reporting), m=len(states), label=labels[code]
            )
        blocks.append(Paragraph(sentence, number=f"{number}."))
        number += 1
    blocks.append(PageBreak())
    blocks.append(Heading(text["states_h"]))
    for observation in observations:
        name = forms(observation.state, language).subject
        blocks.append(Heading(name[:1].upper() + name[1:], level=2))
        for paragraph in _paragraphs(observation, language):
            blocks.append(Paragraph(paragraph, number=f"{number}."))
            number += 1
    return DocumentSpec(
        title=text["title"].format(year=year),
        language=language,
        blocks=tuple(blocks),
        subtitle=text["subtitle"],
        symbol=f"APLC/CONF/{year}/CA",
        date_line=str(year),
    )


def _paragraphs(observation: Observation, language: str) -> list[str]:
    for item in observation.texts.all():
        if item.language == language:
            return item.paragraphs()
    return []
