"""Import of a report filled in the XLSX template or the DOCX layout: upload, review, apply.

The upload is stored and read by the worker (`reporting.import_jobs`), never in the web
request (issue 15); its page shows the progress until the proposed answers can be
reviewed, then the ticked ones are taken over.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from casework.accounts.permissions import signed_in_required
from casework.domain.languages import normalise
from casework.exports.registry import file_response
from casework.imports import jobs
from casework.imports.models import ImportJob
from casework.imports.views import job_context, progress_fragment
from casework.reporting import services
from casework.reporting.answers import Answers, value_text
from casework.reporting.import_jobs import read_report_file
from casework.reporting.imports import template_xlsx
from casework.reporting.models import Report
from casework.reporting.permissions import (
    acting_user,
    get_draft_for_user,
    get_report_for_user,
)
from casework.reporting.schema import FORMS, TABLE, Field

MAX_UPLOAD = 10 * 1024 * 1024


class AlreadyTaken(Exception):
    """The job's answers were taken over already."""


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


def _rows(field: Field, value: Any) -> str:
    if field.kind == TABLE:
        return "\n".join(
            " · ".join(v for v in row.values() if v) for row in value or []
        )
    return value_text(field, value)


def _review_items(report: Report, proposed: Answers) -> list[dict[str, Any]]:
    items = []
    for form in FORMS:
        for field in form.fields:
            if field.key not in proposed.get(form.code, {}):
                continue
            new = proposed[form.code][field.key]
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
    return items


@signed_in_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a file: it is stored and queued for the worker, whose page shows the rest."""
    report = get_draft_for_user(request.user, pk)
    if request.method != "POST":
        waiting = ImportJob.objects.filter(
            report=report,
            created_by=acting_user(request.user),
            kind=ImportJob.Kind.REPORT,
        ).exclude(status=ImportJob.Status.DONE)[:5]
        return render(
            request, "reporting/import.html", {"report": report, "jobs": waiting}
        )
    upload = request.FILES.get("file")
    if upload is None or (upload.size or 0) > MAX_UPLOAD:
        messages.error(request, _("Choose a .xlsx or .docx file of at most 10 MB."))
        return redirect("reporting:import", pk=report.pk)
    if not (upload.name or "").lower().endswith((".xlsx", ".docx")):
        messages.error(
            request,
            _(
                "%(name)s is neither a .xlsx nor a .docx file; upload the report as "
                ".xlsx (the template) or .docx."
            )
            % {"name": upload.name},
        )
        return redirect("reporting:import", pk=report.pk)
    try:
        job = jobs.store(
            upload,
            kind=ImportJob.Kind.REPORT,
            user=acting_user(request.user),
            task=read_report_file,
            report=report,
        )
    except jobs.NotStored as error:
        messages.error(request, str(error))
        return redirect("reporting:import", pk=report.pk)
    return redirect("reporting:import_job", pk=job.pk)


@signed_in_required
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The uploaded file's page: progress while the worker reads it, then the review
    of what was recognised (or why it could not be read, and what to do)."""
    job = jobs.get_job_for_user(request.user, pk, kind=ImportJob.Kind.REPORT)
    assert job.report is not None
    report = get_draft_for_user(request.user, job.report.pk)
    poll_url = reverse("reporting:import_job", args=[job.pk])
    if request.method == "POST":
        if request.POST.get("action") == "retry" and jobs.retry(job, read_report_file):
            messages.info(request, _("The file is read again."))
        return redirect(poll_url)
    fragment = progress_fragment(request, job, poll_url)
    if fragment is not None:
        return fragment
    context = job_context(job, poll_url, report=report, filename=job.filename)
    if job.status == ImportJob.Status.READY:
        result = job.result
        context.update(
            items=_review_items(report, result.get("answers") or {}),
            unrecognised=result.get("unrecognised") or [],
            problems=result.get("problems") or [],
        )
        return render(request, "reporting/import_review.html", context)
    return render(request, "reporting/import_job.html", context)


def _job_to_apply(request: HttpRequest, report: Report) -> ImportJob | None:
    raw = request.POST.get("job", "")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        return None
    return ImportJob.objects.filter(
        pk=int(raw),
        kind=ImportJob.Kind.REPORT,
        report=report,
        created_by=acting_user(request.user),
        status=ImportJob.Status.READY,
    ).first()


@signed_in_required
@require_POST
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_draft_for_user(request.user, pk)
    job = _job_to_apply(request, report)
    proposed = (job.result.get("answers") if job is not None else None) or {}
    if job is None or not proposed:
        messages.error(request, _("Nothing to import: upload the file again."))
        return redirect("reporting:import", pk=report.pk)
    chosen = set(request.POST.getlist("take"))
    merged: Answers = {}
    for code, values in proposed.items():
        for key, value in values.items():
            if f"{code}.{key}" in chosen:
                merged.setdefault(code, dict(report.form_answers(code)))[key] = value
    try:
        with transaction.atomic():
            # Taken over once: a second click (or tab) finds the job done.
            taken = ImportJob.objects.filter(
                pk=job.pk, status=ImportJob.Status.READY
            ).update(status=ImportJob.Status.DONE, updated_at=timezone.now())
            if not taken:
                raise AlreadyTaken
            services.save_draft(
                report,
                user=acting_user(request.user),
                answers=merged,
                flags={},
                revision=report.revision,  # as read above, checked in the UPDATE
            )
    except AlreadyTaken:
        messages.error(request, _("Nothing to import: upload the file again."))
        return redirect("reporting:import", pk=report.pk)
    except services.ReportError as error:
        messages.error(request, str(error))
        return redirect("reporting:import_job", pk=job.pk)
    jobs.discard_file(job)
    count = sum(len(v) for v in merged.values())
    messages.success(
        request,
        ngettext(
            "%(count)d answer was taken over from the file.",
            "%(count)d answers were taken over from the file.",
            count,
        )
        % {"count": count},
    )
    return redirect("reporting:edit", pk=report.pk)
