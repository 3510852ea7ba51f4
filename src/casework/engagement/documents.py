"""The generated documents: the Committee's annual report and a case's final report."""

from __future__ import annotations

from dataclasses import dataclass

from casework.engagement import french, phrases
from casework.engagement.models import Case, CaseStep, CommitteeYear, Priority
from casework.engagement.services import log_for_year, members_of_year, sync_log
from casework.exports.spec import DocumentSpec, Heading, Paragraph

LANGUAGES = ("en", "fr")
WORDS = {
    "en": {
        "title": "Activities and priorities of the Committee on the Enhancement of "
        "Cooperation and Assistance in {year}",
        "submitted": "Submitted by the Committee on the Enhancement of Cooperation and "
        "Assistance",
        "members": "members",
        "original": "Original: English",
        "activities": "I. Activities of the Committee",
        "priorities": "II. Priority actions",
        "case_title": "Individualised approach: final report on {state}",
        "case_subtitle": "Prepared by the Committee on the Enhancement of Cooperation and "
        "Assistance",
    },
    "fr": {
        "title": "Activités et priorités du Comité sur le renforcement de la coopération "
        "et de l'assistance en {year}",
        "submitted": "Présenté par le Comité sur le renforcement de la coopération et de "
        "l'assistance",
        "members": "membres",
        "original": "Original : anglais",
        "activities": "I. Activités du Comité",
        "priorities": "II. Mesures prioritaires",
        "case_title": "Approche individualisée : rapport final concernant {state}",
        "case_subtitle": "Établi par le Comité sur le renforcement de la coopération et de "
        "l'assistance",
    },
}


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
        ReportParagraph(
            n, priority.text_fr if language == "fr" else priority.text_en, "", None
        )
        for n, priority in enumerate(priorities, start=len(section_one) + 1)
    ]
    return section_one, section_two


def submitted_by(year: int, language: str) -> str:
    words = WORDS[language]
    names = [
        state.name_fr if language == "fr" else state.name_en
        for state in members_of_year(year)
    ]
    if not names:
        return words["submitted"]
    separator = " : " if language == "fr" else ": "
    members = french.join_names(names, language)
    return f"{words['submitted']} ({words['members']}{separator}{members})"


def annual_report_spec(year: int, language: str) -> DocumentSpec:
    """The report to the Meeting of the States Parties, in UN document style."""
    words = WORDS[language]
    details = CommitteeYear.objects.filter(year=year).first()
    date_line = ""
    if details and details.issued_on:
        day = details.issued_on
        date_line = french.date_fr(day) if language == "fr" else french.date_en(day)
    meeting = ""
    if details:
        meeting = details.meeting_fr if language == "fr" else details.meeting_en
    section_one, section_two = report_sections(year, language)
    blocks: list = [Paragraph(submitted_by(year, language), emphasis=True)]
    blocks.append(Heading(words["activities"], level=1))
    blocks += [
        Paragraph(p.text, number=f"{p.number}.", footnotes=(p.link,) if p.link else ())
        for p in section_one
    ]
    blocks.append(Heading(words["priorities"], level=1))
    blocks += [Paragraph(p.text, number=f"{p.number}.") for p in section_two]
    return DocumentSpec(
        title=words["title"].format(year=year),
        language=language,
        blocks=tuple(blocks),
        symbol=details.symbol if details else "",
        date_line="\n".join(x for x in (date_line, words["original"]) if x),
        subtitle=meeting,
    )


def draft_case_report(case: Case, language: str) -> str:
    """A first draft of the final report from the case's steps, one paragraph a line."""
    paragraphs = [phrases.case_request_texts(case)[language]]
    steps = case.steps.filter(done=True, date__isnull=False).select_related(
        "in_margins_of", "case__state"
    )
    for step in steps.prefetch_related("participants__state"):
        paragraphs.append(phrases.step_texts(step)[language])
        if step.kind == CaseStep.Kind.MEETING and step.needs_presented:
            lead = "Besoins présentés : " if language == "fr" else "Needs presented: "
            paragraphs.append(lead + step.needs_presented.strip())
        if step.notes:
            paragraphs.append(step.notes.strip())
    open_follow_ups = case.steps.filter(kind=CaseStep.Kind.FOLLOW_UP, done=False)
    for step in open_follow_ups.exclude(due_on__isnull=True):
        assert step.due_on is not None
        if language == "fr":
            due = f"Un suivi est prévu d'ici au {french.date_fr(step.due_on)}"
        else:
            due = f"A follow-up is due by {french.date_en(step.due_on)}"
        paragraphs.append(f"{due}{': ' + step.notes.strip() if step.notes else ''}.")
    return "\n\n".join(paragraphs)


def case_report_spec(case: Case, language: str) -> DocumentSpec:
    words = WORDS[language]
    state_name = phrases.name(case.state, language)
    text = case.final_report(language) or draft_case_report(case, language)
    paragraphs = [part.strip() for part in text.split("\n\n") if part.strip()]
    return DocumentSpec(
        title=words["case_title"].format(state=state_name),
        language=language,
        subtitle=words["case_subtitle"],
        blocks=tuple(
            Paragraph(part, number=f"{n}.")
            for n, part in enumerate(paragraphs, start=1)
        ),
    )
