"""A report in the official layout (cover page, forms in order, tables), for DOCX and PDF,
and its needs and assistance tables for CSV and XLSX."""

from __future__ import annotations

from django.utils import formats, translation
from django.utils.translation import gettext as _

from casework.exports.spec import DocumentSpec, Heading, PageBreak, Paragraph, Table
from casework.reporting.answers import is_filled, value_text
from casework.reporting.models import Report
from casework.reporting.schema import CHOICE, FORMS, TABLE, choice_label, money_tables


def flag_text(report: Report, code: str) -> str:
    flag = report.flag(code)
    if flag == Report.Flag.UNCHANGED:
        since = report.unchanged_since.get(code)
        if since:
            return _("Unchanged since %(year)s") % {"year": since}
        return _("Unchanged since the previous report")
    if flag == Report.Flag.NOT_APPLICABLE:
        return _("Not applicable")
    return ""


def form_heading(form) -> str:
    if form.code == "COVER":
        return str(form.title)
    return _("Form %(code)s — %(title)s") % {"code": form.code, "title": form.title}


def report_spec(report: Report) -> DocumentSpec:
    """The report in the language it was entered in."""
    with translation.override(report.language):
        return _spec(report)


def _cover(report: Report) -> list:
    cover = report.form_answers("COVER")
    rows = [
        (_("State Party"), report.state.name),
        (_("Reporting year"), str(report.year)),
        (_("Period covered"), report.period),
        (_("Version"), str(report.version)),
    ]
    for field in FORMS[0].fields:
        rows.append((str(field.label), str(cover.get(field.key, "")) or "—"))
    if report.submitted_at:
        rows.append(
            (
                _("Submitted on"),
                formats.date_format(report.submitted_at, "DATETIME_FORMAT"),
            )
        )
    blocks: list = [
        Heading(_("Cover page")),
        Table((_("Item"), _("Answer")), tuple(rows)),
    ]
    summary = tuple(
        (form.code, str(form.title), flag_text(report, form.code) or _("Filled in"))
        for form in FORMS[1:]
    )
    blocks.append(
        Table((_("Form"), _("Title"), _("This report")), summary, caption=_("Forms"))
    )
    return blocks


def _spec(report: Report) -> DocumentSpec:
    blocks: list = _cover(report)
    for form in FORMS[1:]:
        if form.code == "A":
            blocks.append(PageBreak())
        blocks.append(Heading(form_heading(form)))
        blocks.append(Paragraph(str(form.covers)))
        flag = flag_text(report, form.code)
        if flag:
            blocks.append(Paragraph(flag, emphasis=True))
        if report.flag(form.code) == Report.Flag.NOT_APPLICABLE:
            continue
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
                blocks.append(_table(field, value))
                continue
            blocks.append(Paragraph(str(field.label), emphasis=True))
            for line in value_text(field, value).split("\n"):
                if line.strip():
                    blocks.append(Paragraph(line.strip()))
        if not shown:
            blocks.append(Paragraph(_("No information given.")))
    return DocumentSpec(
        title=_("Article 7 report of %(state)s") % {"state": report.state.name},
        subtitle=_("Reporting year %(year)s (%(period)s)")
        % {"year": report.year, "period": report.period},
        language=report.language,
        symbol=f"APLC/ART7/{report.year}/{report.state.iso3}"
        + (f"/v{report.version}" if report.version > 1 else ""),
        date_line=str(report.form_answers("COVER").get("report_date", "")),
        blocks=tuple(blocks),
    )


def _table(field, rows: list[dict]) -> Table:
    header = tuple(str(c.label) for c in field.columns)
    body = tuple(
        tuple(
            choice_label(c.choices, row.get(c.key, ""))
            if c.kind == CHOICE and row.get(c.key)
            else row.get(c.key, "")
            for c in field.columns
        )
        for row in rows
    )
    return Table(header, body, caption=str(field.label))


def money_sheets(report: Report) -> dict[str, tuple[tuple[str, ...], list[tuple]]]:
    """Needs, national resources and assistance tables, headed in the language of entry."""
    with translation.override(report.language):
        sheets = {}
        for form, field in money_tables():
            rows = report.form_answers(form.code).get(field.key, [])
            if report.flag(form.code) == Report.Flag.NOT_APPLICABLE:
                rows = []
            header = (
                _("State"),
                _("Reporting year"),
                *(str(c.label) for c in field.columns),
            )
            sheets[field.key] = (
                header,
                [
                    (
                        report.state.iso3,
                        report.year,
                        *(r.get(c.key, "") for c in field.columns),
                    )
                    for r in rows
                ],
            )
        return sheets


def money_csv_rows(report: Report) -> tuple[tuple[str, ...], list[tuple]]:
    """All four tables in one CSV: one line per row, with the table it comes from."""
    with translation.override(report.language):
        header = (
            _("State"),
            _("Reporting year"),
            _("Table"),
            _("Counterpart or kind"),
            _("Amount"),
            _("Currency"),
            _("Year or period"),
            _("Purpose or sector"),
        )
        lines = []
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
                        row.get("amount", ""),
                        row.get("currency", ""),
                        row.get("year") or row.get("period", ""),
                        row.get("purpose") or row.get("sector", ""),
                    )
                )
        return header, lines
