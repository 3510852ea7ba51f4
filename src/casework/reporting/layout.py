"""A report in the official layout (cover page, forms in order, tables), for DOCX and PDF,
in English, French or Spanish, and its needs and assistance tables for CSV and XLSX.

The labels (form titles, questions, column headings, choices) are the schema's, written
in the document's language (`translation.override`); the answers are printed as entered,
except numbers and dates, which `domain.locale` writes in the document's language. The
State's name comes from `domain.state_names`, the only place that decides its article.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from casework.domain import locale, state_names
from casework.domain.languages import NAMES, checked, pick
from casework.exports.registry import Row, Sheets
from casework.exports.spec import (
    Block,
    DocumentSpec,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)
from casework.reporting.answers import (
    date_or_none,
    is_filled,
    number_or_none,
    value_text,
)
from casework.reporting.models import Report
from casework.reporting.schema import (
    CHOICE,
    DATE,
    FORMS,
    NUMBER,
    TABLE,
    YEAR,
    Column,
    Field,
    Form,
    choice_label,
    money_tables,
)

# Phrases that name the State: written per language around `state_names.forms().of`.
TITLE: Final = {
    "en": "Article 7 report {of}",
    "fr": "Rapport {of} au titre de l'article 7",
    "es": "Informe {of} en virtud del artículo 7",
}
OF_FALLBACK: Final = {"en": "of {name}", "fr": "de {name}", "es": "de {name}"}
# Printed when the document's language is not the one the answers were entered in.
ENTERED_IN: Final = {
    "en": "The answers are reproduced as entered, in {language}.",
    "fr": "Les réponses sont reproduites telles qu'elles ont été saisies, en {language}.",
    "es": "Las respuestas se reproducen tal como se introdujeron, en {language}.",
}


def flag_text(report: Report, code: str) -> str:
    """What a form's flag says, in the active language ("" for a filled-in form)."""
    flag = report.flag(code)
    if flag == Report.Flag.UNCHANGED:
        since = report.unchanged_since.get(code)
        if since:
            return _("Unchanged since %(year)s") % {"year": since}
        return _("Unchanged since the previous report")
    if flag == Report.Flag.NOT_APPLICABLE:
        return _("Not applicable")
    return ""


def form_heading(form: Form) -> str:
    """The form's heading in the active language: "Form A — National …"."""
    if form.code == "COVER":
        return str(form.title)
    return _("Form %(code)s — %(title)s") % {"code": form.code, "title": form.title}


def report_spec(report: Report, *, language: str | None = None) -> DocumentSpec:
    """The report as a document in `language` (default: the language of entry)."""
    language = checked(language) if language else report.entry_language
    with translation.override(language):
        return _spec(report, language)


# --- answers as the document prints them ---------------------------------------------


def _number(text: str, report: Report, language: str) -> str:
    number = number_or_none(text, report.entry_language)
    return text if number is None else locale.format_number(number, language)


def _date(text: str, language: str) -> str:
    day = date_or_none(text)
    return text if day is None else locale.format_date(day, language)


def field_text(field: Field, value: Any, language: str) -> str:
    """A field's answer in the document (choices by label, dates written out)."""
    if field.kind == DATE:
        return _date(str(value or ""), language)
    return value_text(field, value)


def cell_text(column: Column, value: str, report: Report, language: str) -> str:
    """A table cell in the document: choices by label, numbers in `language`."""
    if not value:
        return ""
    if column.kind == CHOICE:
        return choice_label(column.choices, value)
    if column.kind == NUMBER:
        return _number(value, report, language)
    return value


def state_of(report: Report, language: str) -> str:
    """ "of Senegal" / "du Sénégal" / "del Senegal"."""
    try:
        return state_names.forms(report.state.iso3, language).of
    except state_names.UnknownStateError:
        name = getattr(report.state, f"name_{language}", "") or report.state.name_en
        return pick(OF_FALLBACK, language).format(name=name)


def state_name(report: Report, language: str) -> str:
    try:
        return state_names.name(report.state.iso3, language)
    except state_names.UnknownStateError:
        return getattr(report.state, f"name_{language}", "") or report.state.name_en


# --- the document -------------------------------------------------------------------


def _cover(report: Report, language: str) -> list[Block]:
    cover = report.form_answers("COVER")
    rows: list[tuple[str, str]] = [
        (_("State Party"), state_name(report, language)),
        (_("Reporting year"), str(report.year)),
        (_("Period covered"), report.period_in(language)),
        (_("Version"), str(report.version)),
    ]
    for field in FORMS[0].fields:
        rows.append(
            (
                str(field.label),
                field_text(field, cover.get(field.key, ""), language) or "—",
            )
        )
    if report.submitted_at:
        rows.append(
            (
                _("Submitted on"),
                locale.format_datetime(
                    report.submitted_at,
                    language,
                    tz=timezone.get_current_timezone_name(),
                ),
            )
        )
    blocks: list[Block] = [Heading(_("Cover page"))]
    if language != report.entry_language:
        blocks.append(
            Paragraph(
                pick(ENTERED_IN, language).format(
                    language=NAMES[language][report.entry_language]
                ),
                emphasis=True,
            )
        )
    blocks.append(Table((_("Item"), _("Answer")), tuple(rows)))
    summary = tuple(
        (form.code, str(form.title), flag_text(report, form.code) or _("Filled in"))
        for form in FORMS[1:]
    )
    blocks.append(
        Table((_("Form"), _("Title"), _("This report")), summary, caption=_("Forms"))
    )
    return blocks


def _form_blocks(report: Report, form: Form, language: str) -> list[Block]:
    blocks: list[Block] = [Heading(form_heading(form)), Paragraph(str(form.covers))]
    flag = flag_text(report, form.code)
    if flag:
        blocks.append(Paragraph(flag, emphasis=True))
    if report.flag(form.code) == Report.Flag.NOT_APPLICABLE:
        return blocks
    values = report.form_answers(form.code)
    shown = 0
    for field in form.fields:
        value = values.get(field.key)
        if not is_filled(value):
            continue
        shown += 1
        if field.group:
            blocks.append(Heading(str(field.group), level=2))
        if field.kind == TABLE:
            blocks.append(_table(field, list(value or []), report, language))
            continue
        blocks.append(Paragraph(str(field.label), emphasis=True))
        for line in field_text(field, value, language).split("\n"):
            if line.strip():
                blocks.append(Paragraph(line.strip()))
    if not shown:
        blocks.append(Paragraph(_("No information given.")))
    return blocks


def _spec(report: Report, language: str) -> DocumentSpec:
    blocks = _cover(report, language)
    for form in FORMS[1:]:
        if form.code == "A":
            blocks.append(PageBreak())
        blocks.extend(_form_blocks(report, form, language))
    report_date = str(report.form_answers("COVER").get("report_date", ""))
    return DocumentSpec(
        title=pick(TITLE, language).format(of=state_of(report, language)),
        subtitle=_("Reporting year %(year)s (%(period)s)")
        % {"year": report.year, "period": report.period_in(language)},
        language=language,
        symbol=f"APLC/ART7/{report.year}/{report.state.iso3}"
        + (f"/v{report.version}" if report.version > 1 else ""),
        date_line=_date(report_date, language) if report_date else "",
        blocks=tuple(blocks),
    )


def _table(
    field: Field, rows: list[dict[str, str]], report: Report, language: str
) -> Table:
    header = tuple(str(c.label) for c in field.columns)
    body = tuple(
        tuple(
            cell_text(c, str(row.get(c.key, "") or ""), report, language)
            for c in field.columns
        )
        for row in rows
    )
    return Table(header, body, caption=str(field.label))


# --- the needs and assistance tables (CSV, XLSX) -------------------------------------


def table_value(column: Column, value: str, report: Report) -> object:
    """A cell of the CSV/XLSX tables: numbers as numbers, everything else as entered."""
    if column.kind == NUMBER and value:
        number = number_or_none(value, report.entry_language)
        return value if number is None else number
    if column.kind == YEAR and value:
        year = number_or_none(value, report.entry_language)
        if year is not None and year == year.to_integral_value():
            return int(year)
    return value


def _csv_number(value: str, report: Report) -> Decimal | str:
    number = number_or_none(value, report.entry_language) if value else None
    return value if number is None else number


def money_sheets(report: Report) -> Sheets:
    """Needs, national resources and assistance tables, headed in the language of entry."""
    with translation.override(report.entry_language):
        sheets: Sheets = {}
        for form, field in money_tables():
            rows: list[dict[str, str]] = report.form_answers(form.code).get(
                field.key, []
            )
            if report.flag(form.code) == Report.Flag.NOT_APPLICABLE:
                rows = []
            header: Row = (
                _("State"),
                _("Reporting year"),
                *(str(c.label) for c in field.columns),
            )
            body: list[Row] = [
                (
                    report.state.iso3,
                    report.year,
                    *(
                        table_value(c, str(r.get(c.key, "") or ""), report)
                        for c in field.columns
                    ),
                )
                for r in rows
            ]
            sheets[field.key] = (header, body)
        return sheets


def money_csv_rows(report: Report) -> tuple[Row, list[Row]]:
    """All four tables in one CSV: one line per row, with the table it comes from."""
    with translation.override(report.entry_language):
        header: Row = (
            _("State"),
            _("Reporting year"),
            _("Table"),
            _("Counterpart or kind"),
            _("Amount"),
            _("Currency"),
            _("Year or period"),
            _("Purpose or sector"),
        )
        lines: list[Row] = []
        for form, field in money_tables():
            if report.flag(form.code) == Report.Flag.NOT_APPLICABLE:
                continue
            for row in report.form_answers(form.code).get(field.key, []):
                lines.append(
                    (
                        report.state.iso3,
                        report.year,
                        field.key,
                        row.get("kind")
                        or row.get("donor")
                        or row.get("recipient")
                        or row.get("description", ""),
                        _csv_number(str(row.get("amount", "") or ""), report),
                        row.get("currency", ""),
                        row.get("year") or row.get("period", ""),
                        row.get("purpose") or row.get("sector", ""),
                    )
                )
        return header, lines
