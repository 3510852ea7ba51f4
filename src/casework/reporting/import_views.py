"""Import of a report filled in the XLSX template or the DOCX layout: upload, review, apply."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from casework.accounts.permissions import signed_in_required
from casework.domain.languages import normalise
from casework.exports.registry import file_response
from casework.reporting import services
from casework.reporting.answers import Answers, value_text
from casework.reporting.imports import UnreadableFile, read_upload, template_xlsx
from casework.reporting.models import Report
from casework.reporting.permissions import (
    acting_user,
    get_draft_for_user,
    get_report_for_user,
)
from casework.reporting.schema import FORMS, TABLE, Field

MAX_UPLOAD = 10 * 1024 * 1024


@require_safe
def blank_template(request: HttpRequest) -> HttpResponse:
    """The template with its questions in the reader's language."""
    language = normalise(translation.get_language())
    return file_response(
        template_xlsx(language=language), f"article7-report-template-{language}.xlsx"
    )


def filled_template(request: HttpRequest, pk: int) -> HttpResponse:
    """The report as a filled template, in its language of entry."""
    report = get_report_for_user(request.user, pk)
    name = f"article7-{report.state.iso3}-{report.year}-v{report.version}-template.xlsx"
    return file_response(
        template_xlsx(report.answers, language=report.entry_language), name
    )


def _session_key(report: Report) -> str:
    return f"reporting-import-{report.pk}"


def _rows(field: Field, value: Any) -> str:
    if field.kind == TABLE:
        return "\n".join(
            " · ".join(v for v in row.values() if v) for row in value or []
        )
    return value_text(field, value)


@signed_in_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a file; what is recognised is shown next to the draft's current answers."""
    report = get_draft_for_user(request.user, pk)
    if request.method != "POST":
        return render(request, "reporting/import.html", {"report": report})
    upload = request.FILES.get("file")
    if upload is None or (upload.size or 0) > MAX_UPLOAD:
        messages.error(request, _("Choose a .xlsx or .docx file of at most 10 MB."))
        return redirect("reporting:import", pk=report.pk)
    try:
        proposal = read_upload(
            upload.name or "", upload.read(), language=report.entry_language
        )
    except UnreadableFile as error:
        # The reason is a whole translated sentence naming the file and what to do.
        messages.error(request, str(error))
        return redirect("reporting:import", pk=report.pk)
    request.session[_session_key(report)] = proposal.answers
    items = []
    for form in FORMS:
        for field in form.fields:
            if field.key not in proposal.answers.get(form.code, {}):
                continue
            new = proposal.answers[form.code][field.key]
            old = report.form_answers(form.code).get(field.key)
            items.append(
                {
                    "form": form,
                    "field": field,
                    "name": f"{form.code}.{field.key}",
                    "old": _rows(field, old),
                    "new": _rows(field, new),
                    "differs": (old or "") != (new or ""),
                    "flagged": bool(report.flag(form.code)),
                }
            )
    context = {
        "report": report,
        "items": items,
        "unrecognised": proposal.unrecognised,
        "problems": proposal.problems,
        "filename": upload.name,
    }
    return render(request, "reporting/import_review.html", context)


@signed_in_required
@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_draft_for_user(request.user, pk)
    proposed = request.session.pop(_session_key(report), None)
    if not proposed:
        messages.error(request, _("Nothing to import: upload the file again."))
        return redirect("reporting:import", pk=report.pk)
    chosen = set(request.POST.getlist("take"))
    merged: Answers = {}
    for code, values in proposed.items():
        for key, value in values.items():
            if f"{code}.{key}" in chosen:
                merged.setdefault(code, dict(report.form_answers(code)))[key] = value
    try:
        services.save_draft(
            report,
            user=acting_user(request.user),
            answers=merged,
            flags={},
            revision=report.revision,  # as read above, checked in the UPDATE
        )
    except services.ReportError as error:
        messages.error(request, str(error))
        return redirect("reporting:import", pk=report.pk)
    messages.success(
        request,
        _("%(count)d answers were taken over from the file.")
        % {"count": sum(len(v) for v in merged.values())},
    )
    return redirect("reporting:edit", pk=report.pk)
