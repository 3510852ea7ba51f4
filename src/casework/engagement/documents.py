"""The generated documents: the Committee's annual report and a case's final report."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from casework.domain import locale
from casework.domain.languages import DEFAULT, LANGUAGES, NATIVE, pick
from casework.domain.text import join
from casework.engagement import phrases
from casework.engagement.models import Case, CaseStep, CommitteeYear, Priority
from casework.engagement.services import log_for_year, members_of_year, sync_log
from casework.exports.spec import Block, DocumentSpec, Heading, Paragraph, TitleBlock
from casework.exports.un_format import AUTHOR

COMMITTEE_WORDS = {
    "en": {
        "title": "Activities and priorities of the Committee on the Enhancement of "
        "Cooperation and Assistance in {year}",
        "submitted": "Submitted by the Committee on the Enhancement of Cooperation and "
        "Assistance",
        "members": "members: {names}",
        "original": "Original: {language}",
        "activities": "I. Activities of the Committee",
        "priorities": "II. Priority actions",
        "case_title": "Individualised approach: final report on {state}",
        "case_subtitle": "Prepared by the Committee on the Enhancement of Cooperation and "
        "Assistance",
        "needs": "Needs presented: {needs}",
        "due": "A follow-up is due by {day}",
        "agenda_item": "Item {item} of the provisional agenda",
        "late": "The present document was submitted late so as to include the most "
        "recent information.",
    },
    "fr": {
        "title": "Activités et priorités du Comité sur le renforcement de la coopération "
        "et de l'assistance en {year}",
        "submitted": "Présenté par le Comité sur le renforcement de la coopération et de "
        "l'assistance",
        "members": "membres : {names}",
        "original": "Original : {language}",
        "activities": "I. Activités du Comité",
        "priorities": "II. Mesures prioritaires",
        "case_title": "Approche individualisée : rapport final concernant {state}",
        "case_subtitle": "Établi par le Comité sur le renforcement de la coopération et de "
        "l'assistance",
        "needs": "Besoins présentés : {needs}",
        "due": "Un suivi est prévu d'ici au {day}",
        "agenda_item": "Point {item} de l'ordre du jour provisoire",
        "late": "Le présent document a été soumis tardivement afin d'y faire figurer les "
        "informations les plus récentes.",
    },
    "es": {
        "title": "Actividades y prioridades del Comité sobre la Mejora de la Cooperación "
        "y la Asistencia en {year}",
        "submitted": "Presentado por el Comité sobre la Mejora de la Cooperación y la "
        "Asistencia",
        "members": "miembros: {names}",
        "original": "Original: {language}",
        "activities": "I. Actividades del Comité",
        "priorities": "II. Medidas prioritarias",
        "case_title": "Enfoque individualizado: informe final sobre {state}",
        "case_subtitle": "Preparado por el Comité sobre la Mejora de la Cooperación y la "
        "Asistencia",
        "needs": "Necesidades presentadas: {needs}",
        "due": "Está previsto un seguimiento a más tardar el {day}",
        "agenda_item": "Tema {item} del programa provisional",
        "late": "El presente documento se presentó con retraso para incluir la "
        "información más reciente.",
    },
}


def document_languages() -> list[tuple[str, str]]:
    """(code, own name) of each language a document is written in, for download links."""
    return [(code, NATIVE[code]) for code in LANGUAGES]


def words(language: str) -> dict[str, str]:
    """The fixed wording of the documents in `language`."""
    return pick(COMMITTEE_WORDS, language)


@dataclass(frozen=True, slots=True)
class ReportParagraph:
    number: int
    text: str
    link: str
    entry_id: int | None  # None for priorities
    is_edited: bool = False


def report_sections(
    year: int, language: str
) -> tuple[list[ReportParagraph], list[ReportParagraph]]:
    """Section I (log entries, chronological) and II (priorities), numbered as one series."""
    sync_log(year)
    activities = [entry for entry in log_for_year(year) if entry.in_report]
    section_one = [
        ReportParagraph(n, entry.text(language), entry.link, entry.pk, entry.is_edited)
        for n, entry in enumerate(activities, start=1)
    ]
    priorities = Priority.objects.filter(year=year)
    section_two = [
        ReportParagraph(n, priority.text(language), "", None)
        for n, priority in enumerate(priorities, start=len(section_one) + 1)
    ]
    return section_one, section_two


def submitted_by(year: int, language: str) -> str:
    """ "Submitted by the Committee … (members: Denmark and Türkiye)"."""
    wording = words(language)
    names = [
        phrases.state_forms(state, language).name for state in members_of_year(year)
    ]
    if not names:
        return wording["submitted"]
    members = wording["members"].format(names=join(names, language))
    return f"{wording['submitted']} ({members})"


def title_block(details: CommitteeYear | None, language: str) -> TitleBlock:
    """The meeting, its place and dates, the agenda item and its title (all editable)."""
    if details is None:
        return TitleBlock(original_language=DEFAULT)
    wording = words(language)
    place = details.place(language)
    dates = ""
    if details.meeting_start:
        dates = locale.format_date_range(
            details.meeting_start,
            details.meeting_end or details.meeting_start,
            language,
        )
    item = details.agenda_item.strip()
    return TitleBlock(
        meeting=details.meeting(language),
        place_and_dates=", ".join(x for x in (place, dates) if x),
        agenda_item=wording["agenda_item"].format(item=item) if item else "",
        agenda_title=details.agenda_title(language),
        original_language=DEFAULT,
    )


def annual_report_spec(year: int, language: str) -> DocumentSpec:
    """The report to the Meeting of the States Parties, in UN document style.

    A draft (marked on every page) until the year's report is marked agreed.
    """
    wording = words(language)
    details = CommitteeYear.objects.filter(year=year).first()
    section_one, section_two = report_sections(year, language)
    late = (wording["late"],) if details and details.submitted_late else ()
    blocks: list[Block] = [
        Paragraph(submitted_by(year, language), emphasis=True, footnotes=late)
    ]
    blocks.append(Heading(wording["activities"], level=1))
    blocks += [
        Paragraph(p.text, number=f"{p.number}.", footnotes=(p.link,) if p.link else ())
        for p in section_one
    ]
    blocks.append(Heading(wording["priorities"], level=1))
    blocks += [Paragraph(p.text, number=f"{p.number}.") for p in section_two]
    return DocumentSpec(
        title=wording["title"].format(year=year),
        language=language,
        blocks=tuple(blocks),
        symbol=details.symbol if details else "",
        date_line=(
            locale.format_date(details.issued_on, language)
            if details and details.issued_on
            else ""
        ),
        head=title_block(details, language),
        draft=not (details and details.is_final),
        author=pick(AUTHOR, language),
    )


def draft_case_report(case: Case, language: str) -> str:
    """A first draft of the final report from the case's steps, one paragraph a line."""
    wording = words(language)
    paragraphs = [phrases.case_request_texts(case)[language]]
    steps = case.steps.filter(done=True, date__isnull=False).select_related(
        "in_margins_of", "case__state"
    )
    for step in steps.prefetch_related("participants__state"):
        texts = phrases.step_texts(step)
        if language in texts:
            paragraphs.append(texts[language])
        if step.kind == CaseStep.Kind.MEETING and step.needs_presented:
            paragraphs.append(
                wording["needs"].format(needs=step.needs_presented.strip())
            )
        if step.notes:
            paragraphs.append(step.notes.strip())
    open_follow_ups = case.steps.filter(
        kind=CaseStep.Kind.FOLLOW_UP, done=False, due_on__isnull=False
    )
    for step in open_follow_ups:
        if step.due_on is None:  # excluded by the query; keeps the types honest
            continue
        due = wording["due"].format(day=locale.format_date(step.due_on, language))
        paragraphs.append(f"{due}{': ' + step.notes.strip() if step.notes else ''}.")
    return "\n\n".join(paragraphs)


def report_paragraphs(text: str) -> list[str]:
    """A final report's paragraphs: one a line, whatever the line ends (a browser sends
    "\r\n"); blank lines between them are allowed and dropped."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [" ".join(line.split()) for line in lines if line.strip()]


def case_report_spec(case: Case, language: str) -> DocumentSpec:
    """The final report of a case: the text written for it, else a draft from its steps.

    A draft (marked on every page) until the report is published.
    """
    wording = words(language)
    text = case.final_report(language) or draft_case_report(case, language)
    return DocumentSpec(
        title=wording["case_title"].format(state=phrases.name(case.state, language)),
        language=language,
        subtitle=wording["case_subtitle"],
        date_line=locale.format_date(
            case.published_on or timezone.localdate(), language
        ),
        head=TitleBlock(original_language=language),
        draft=not case.is_published,
        author=pick(AUTHOR, language),
        blocks=tuple(
            Paragraph(part, number=f"{n}.")
            for n, part in enumerate(report_paragraphs(text), start=1)
        ),
    )
