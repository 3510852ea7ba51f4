"""Pages of the online reporting tool: list, editor (with autosave), report, exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.accounts.permissions import own_state
from casework.compliance.models import Submission
from casework.compliance.services import status_for
from casework.exports.docx import render_docx
from casework.exports.pdf import render_pdf
from casework.exports.responses import file_response
from casework.exports.tables import render_csv, render_xlsx
from casework.reporting import services
from casework.reporting.answers import parse_flags, parse_post
from casework.reporting.editor import section_view, sections
from casework.reporting.layout import money_csv_rows, money_sheets, report_spec
from casework.reporting.models import Report
from casework.reporting.permissions import (
    can_clear,
    can_correct,
    can_edit,
    can_publish,
    can_submit,
    get_report_for_user,
    is_state_focal_point,
    require_state,
    visible_reports,
)
from casework.reporting.schema import FORMS_BY_CODE
from casework.reporting.validation import validate


def report_list(request: HttpRequest) -> HttpResponse:
    """A focal point's own State's reports; submitted ones for the Committees; published ones."""
    reports = visible_reports(request.user).order_by(
        "-year", "state__name_en", "-version"
    )
    mine = own_state(request.user)
    today = timezone.localdate()
    context = {
        "reports": reports,
        "state": mine,
        "years": [today.year + 1, today.year, today.year - 1],
        "default_year": today.year,
    }
    return render(request, "reporting/list.html", context)


@login_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    state = own_state(request.user)
    if state is None:
        raise PermissionDenied
    require_state(request.user, state)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        raise Http404 from None
    report = services.start_report(
        state,
        year,
        user=request.user,
        language=translation.get_language() or "en",
        from_last_year=request.POST.get("from_last_year") == "1",
    )
    return redirect("reporting:edit", pk=report.pk)


def _editor_context(request: HttpRequest, report: Report) -> dict:
    issues = validate(report)
    return {
        "report": report,
        "sections": sections(report, issues),
        "issues": issues,
        "previous": services.previous_report(report.state, report.year),
        "can_edit": can_edit(request.user, report),
    }


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, pk)
    if not can_edit(request.user, report):
        return redirect("reporting:detail", pk=report.pk)
    if request.method == "POST":  # the form without JavaScript
        try:
            services.save_draft(
                report,
                user=request.user,
                answers=parse_post(request.POST),
                flags=parse_flags(request.POST),
                revision=_revision(request),
            )
            messages.success(request, _("Draft saved."))
        except services.ReportError as error:
            messages.error(request, str(error))
        return redirect("reporting:edit", pk=report.pk)
    return render(request, "reporting/edit.html", _editor_context(request, report))


def _revision(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("revision", ""))
    except ValueError:
        return None


def _autosave(request: HttpRequest, report: Report) -> tuple[Report, str]:
    try:
        report = services.save_draft(
            report,
            user=request.user,
            answers=parse_post(request.POST),
            flags=parse_flags(request.POST),
            revision=_revision(request),
        )
        return report, "saved"
    except services.StaleDraft:
        return report, "stale"
    except services.ReportError:
        return report, "locked"


@login_required
@require_POST
def autosave(request: HttpRequest, pk: int) -> HttpResponse:
    """Called by htmx on every change; answers with the save status and the issue list."""
    report = get_report_for_user(request.user, pk)
    if not is_state_focal_point(request.user, report.state):
        raise PermissionDenied
    report, outcome = _autosave(request, report)
    context = {
        "report": report,
        "outcome": outcome,
        "issues": validate(report),
        "oob": True,
    }
    return render(request, "reporting/_save_status.html", context)


@login_required
@require_POST
def form_flag(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """A form's flag changed: save everything, then redraw that form."""
    report = get_report_for_user(request.user, pk)
    if not is_state_focal_point(request.user, report.state):
        raise PermissionDenied
    form = FORMS_BY_CODE.get(code)
    if form is None:
        raise Http404
    report, outcome = _autosave(request, report)
    issues = validate(report)
    context = {
        "report": report,
        "section": section_view(report, form, issues),
        "outcome": outcome,
        "issues": issues,
        "can_edit": can_edit(request.user, report),
        "previous": services.previous_report(report.state, report.year),
        "oob": True,
    }
    return render(request, "reporting/_section_response.html", context)


def detail(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, pk)
    user = request.user
    issues = validate(report) if not report.is_submitted else []
    submission = Submission.objects.filter(state=report.state, year=report.year).first()
    tracker = status_for(
        report.state,
        report.year,
        submission,
        today=timezone.localdate(),
        ever_submitted=True,
    )
    versions = (
        visible_reports(user)
        .filter(state=report.state, year=report.year)
        .order_by("version")
    )
    context = {
        "report": report,
        "sections": sections(report, issues),
        "issues": issues,
        "tracker": tracker if submission else None,
        "versions": versions,
        "is_focal_point": is_state_focal_point(user, report.state),
        "can_edit": can_edit(user, report),
        "can_clear": can_clear(user, report),
        "can_submit": can_submit(user, report),
        "can_publish": can_publish(user, report),
        "can_correct": can_correct(user, report),
        "can_request": can_edit(user, report) and not issues,
        "can_withdraw": report.status
        in {Report.Status.IN_CLEARANCE, Report.Status.CLEARED}
        and is_state_focal_point(user, report.state),
    }
    return render(request, "reporting/detail.html", context)


ACTIONS = {
    "request_clearance": (services.request_clearance, _("Sent for clearance.")),
    "clear": (services.clear, _("Cleared.")),
    "submit": (services.submit, _("Submitted.")),
    "publish": (services.publish, _("Published.")),
}


@login_required
@require_POST
def action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    report = get_report_for_user(request.user, pk)
    try:
        if name == "return":
            services.return_to_draft(
                report, user=request.user, note=request.POST.get("note", "")
            )
            messages.success(request, _("Back to draft."))
        elif name == "correct":
            correction = services.correct(report, user=request.user)
            messages.success(
                request, _("A new version was created for your correction.")
            )
            return redirect("reporting:edit", pk=correction.pk)
        elif name in ACTIONS:
            step, message = ACTIONS[name]
            step(report, user=request.user)
            messages.success(request, str(message))
        else:
            raise Http404
    except services.ReportError as error:
        messages.error(request, str(error))
    return redirect("reporting:detail", pk=report.pk)


def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = get_report_for_user(request.user, pk)
    spec = report_spec(report)
    base = f"article7-{report.state.iso3}-{report.year}-v{report.version}"
    if fmt == "docx":
        return file_response(render_docx(spec), f"{base}.docx")
    if fmt == "pdf":
        return file_response(render_pdf(spec), f"{base}.pdf")
    raise Http404


def tables(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = get_report_for_user(request.user, pk)
    base = f"article7-{report.state.iso3}-{report.year}-v{report.version}-assistance"
    if fmt == "csv":
        header, rows = money_csv_rows(report)
        return file_response(render_csv(header, rows), f"{base}.csv")
    if fmt == "xlsx":
        return file_response(render_xlsx(money_sheets(report)), f"{base}.xlsx")
    raise Http404
