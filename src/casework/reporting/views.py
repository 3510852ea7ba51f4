"""Pages of the online reporting tool: list, editor (with autosave), report, exports."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from casework.accounts.permissions import (
    own_state,
    profile_of,
    signed_in_required,
)
from casework.compliance.models import Submission
from casework.compliance.services import status_for
from casework.domain.languages import DEFAULT, LANGUAGES, NATIVE, normalise
from casework.domain.treaty import TREATY
from casework.exports.registry import document_response, sheets_response, table_response
from casework.reporting import services
from casework.reporting.answers import parse_flags, parse_post
from casework.reporting.conflicts import UnsavedText, unsaved_texts
from casework.reporting.editor import section_view, sections
from casework.reporting.forms import ClearanceRuleForm
from casework.reporting.layout import money_csv_rows, money_sheets, report_spec
from casework.reporting.models import ClearanceRule, Report
from casework.reporting.permissions import (
    acting_user,
    can_change_language,
    can_clear,
    can_correct,
    can_edit,
    can_publish,
    can_return_to_draft,
    can_set_clearance_rules,
    can_submit,
    clearance_rules_required,
    clears_with_support_unit,
    focal_point_required,
    follows_clearance,
    get_report_for_user,
    get_report_to_save_for_user,
    get_report_to_submit_for_user,
    get_state_to_report_for,
    visible_reports,
)
from casework.reporting.schema import FORMS_BY_CODE
from casework.reporting.validation import validate


@require_safe
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
        "deadline": TREATY.report_deadline(today.year),
        "report_languages": [(code, NATIVE[code]) for code in LANGUAGES],
        "default_language": _profile_language(request),
        "can_set_clearance_rules": can_set_clearance_rules(request.user),
    }
    return render(request, "reporting/list.html", context)


def _profile_language(request: HttpRequest) -> str:
    """The language a new report is written in unless chosen: the profile's."""
    profile = profile_of(request.user)
    return normalise(profile.preferred_language if profile else DEFAULT)


# The Convention entered into force on 1 March 1999; no report is for an earlier year.
FIRST_REPORT_YEAR, LAST_REPORT_YEAR = 1999, 2100


@focal_point_required
@require_POST
def start(request: HttpRequest) -> HttpResponse:
    state = get_state_to_report_for(request.user)
    try:
        year = int(request.POST.get("year", ""))
    except ValueError:
        raise Http404 from None
    if not FIRST_REPORT_YEAR <= year <= LAST_REPORT_YEAR:
        raise Http404  # not a year a report can be for (the form offers only those)
    language = request.POST.get("language") or _profile_language(request)
    if language not in LANGUAGES:
        messages.error(
            request,
            _("Choose English, French or Spanish as the language of the report."),
        )
        return redirect("reporting:list")
    report = services.start_report(
        state,
        year,
        user=acting_user(request.user),
        language=language,
        from_last_year=request.POST.get("from_last_year") == "1",
    )
    return redirect("reporting:edit", pk=report.pk)


def _editor_context(request: HttpRequest, report: Report) -> dict[str, Any]:
    issues = validate(report)
    return {
        "report": report,
        "sections": sections(report, issues),
        "issues": issues,
        "previous": services.previous_report(report.state, report.year),
        "can_edit": can_edit(request.user, report),
    }


@signed_in_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, pk)
    if not can_edit(request.user, report):
        return redirect("reporting:detail", pk=report.pk)
    if request.method == "POST":  # the form without JavaScript
        posted = parse_post(request.POST)
        try:
            services.save_draft(
                report,
                user=acting_user(request.user),
                answers=posted,
                flags=parse_flags(request.POST),
                revision=_revision(request),
            )
            messages.success(request, _("Draft saved."))
        except services.StaleDraft:
            # Refused: the page shows the draft as saved now, with this person's text
            # under the message, so that nothing typed is lost.
            report.refresh_from_db()
            context = _editor_context(request, report)
            context.update(outcome="stale", unsaved=unsaved_texts(report, posted))
            return render(request, "reporting/edit.html", context, status=409)
        except services.ReportError as error:
            messages.error(request, str(error))
        return redirect("reporting:edit", pk=report.pk)
    return render(request, "reporting/edit.html", _editor_context(request, report))


def _revision(request: HttpRequest) -> int | None:
    """The draft revision the page was loaded with; None when absent or not a number
    (the save is then refused)."""
    raw = request.POST.get("revision", "")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        return None
    return int(raw)


def _autosave(
    request: HttpRequest, report: Report
) -> tuple[Report, str, list[UnsavedText]]:
    """Save the posted form; on a stale page, also what it would have changed."""
    posted = parse_post(request.POST)
    try:
        report = services.save_draft(
            report,
            user=acting_user(request.user),
            answers=posted,
            flags=parse_flags(request.POST),
            revision=_revision(request),
        )
        return report, "saved", []
    except services.StaleDraft:
        report.refresh_from_db()
        return report, "stale", unsaved_texts(report, posted)
    except services.ReportError:
        return report, "locked", []


@signed_in_required
@require_POST
def autosave(request: HttpRequest, pk: int) -> HttpResponse:
    """Called by htmx on every change; answers with the save status and the issue list.
    A refused save changes nothing on the page but the status, so the text typed stays
    in its fields (and is listed under the status)."""
    report = get_report_to_save_for_user(request.user, pk)
    report, outcome, unsaved = _autosave(request, report)
    context = {
        "report": report,
        "outcome": outcome,
        "unsaved": unsaved,
        "issues": validate(report),
        "oob": True,
    }
    return render(request, "reporting/_save_status.html", context)


@signed_in_required
@require_POST
def form_flag(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """A form's flag changed: save everything, then redraw that form."""
    report = get_report_to_save_for_user(request.user, pk)
    form = FORMS_BY_CODE.get(code)
    if form is None:
        raise Http404
    report, outcome, unsaved = _autosave(request, report)
    issues = validate(report)
    context = {
        "report": report,
        "section": section_view(report, form, issues),
        "outcome": outcome,
        "unsaved": unsaved,
        "issues": issues,
        "can_edit": can_edit(request.user, report),
        "previous": services.previous_report(report.state, report.year),
        "oob": True,
    }
    if outcome == "stale":
        # Leave the form on the page as typed: only the status (and the text) change.
        response = render(request, "reporting/_save_status.html", context)
        response["HX-Reswap"] = "none"
        return response
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
        "follows_clearance": follows_clearance(user, report),
        "can_edit": can_edit(user, report),
        "can_clear": can_clear(user, report),
        "can_submit": can_submit(user, report),
        "can_publish": can_publish(user, report),
        "can_correct": can_correct(user, report),
        "can_request": can_edit(user, report) and not issues,
        "can_withdraw": can_return_to_draft(user, report),
        "clears_with_support_unit": report.status == Report.Status.IN_CLEARANCE
        and clears_with_support_unit(report),
        "can_change_language": can_change_language(user, report),
        "steps": report.steps.select_related("by"),
        "report_languages": [(code, NATIVE[code]) for code in LANGUAGES],
        "document_languages": sorted(
            ((code, NATIVE[code]) for code in LANGUAGES),
            key=lambda item: item[0] != report.entry_language,
        ),
    }
    return render(request, "reporting/detail.html", context)


@signed_in_required
def confirm_submission(request: HttpRequest, pk: int) -> HttpResponse:
    """The step before submitting: what will happen, and one button to confirm."""
    report = get_report_to_submit_for_user(request.user, pk)
    return render(request, "reporting/submit.html", {"report": report})


@signed_in_required
@require_POST
def change_language(request: HttpRequest, pk: int) -> HttpResponse:
    report = get_report_for_user(request.user, pk)
    try:
        services.change_language(
            report,
            user=acting_user(request.user),
            language=request.POST.get("language", ""),
        )
        messages.success(request, _("The language of the report was changed."))
    except services.ReportError as error:
        messages.error(request, str(error))
    return redirect("reporting:detail", pk=report.pk)


@clearance_rules_required
def clearance_rules(request: HttpRequest) -> HttpResponse:
    """The support unit sets, State by State, who clears reports."""
    form = ClearanceRuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.set_clearance_rule(
            form.cleaned_data["state"],
            cleared_by=form.cleaned_data["cleared_by"],
            user=acting_user(request.user),
        )
        messages.success(request, _("Clearance rule saved."))
        return redirect("reporting:clearance_rules")
    rules = ClearanceRule.objects.select_related("state", "updated_by")
    return render(
        request, "reporting/clearance_rules.html", {"form": form, "rules": rules}
    )


Step = Callable[..., Report]
ACTIONS: dict[str, tuple[Step, Promise]] = {
    "request_clearance": (
        services.request_clearance,
        gettext_lazy("Sent for clearance."),
    ),
    "clear": (services.clear, gettext_lazy("Cleared.")),
    "submit": (services.submit, gettext_lazy("Submitted.")),
    "publish": (services.publish, gettext_lazy("Published.")),
}


@signed_in_required
@require_POST
def action(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    report = get_report_for_user(request.user, pk)
    user = acting_user(request.user)
    try:
        if name == "return":
            services.return_to_draft(
                report, user=user, note=request.POST.get("note", "")
            )
            messages.success(request, _("Back to draft."))
        elif name == "correct":
            correction = services.correct(report, user=user)
            messages.success(
                request, _("A new version was created for your correction.")
            )
            return redirect("reporting:edit", pk=correction.pk)
        elif name == "submit" and request.POST.get("confirmed") != "1":
            return redirect("reporting:confirm_submission", pk=report.pk)
        elif name in ACTIONS:
            step, message = ACTIONS[name]
            step(report, user=user)
            messages.success(request, str(message))
        else:
            raise Http404
    except services.ReportError as error:
        messages.error(request, str(error))
    return redirect("reporting:detail", pk=report.pk)


def _stem(report: Report) -> str:
    return f"article7-{report.state.iso3}-{report.year}-v{report.version}"


def export(request: HttpRequest, pk: int, language: str, fmt: str) -> HttpResponse:
    """The report in the official layout, its labels in `language` (EN, FR or ES)."""
    report = get_report_for_user(request.user, pk)
    spec = report_spec(report, language=language)
    return document_response(spec, fmt=fmt, stem=f"{_stem(report)}-{language}")


def export_moved(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """The old `report.<fmt>` address: the report in its language of entry."""
    report = get_report_for_user(request.user, pk)
    url = reverse(
        "reporting:export",
        kwargs={"pk": report.pk, "language": report.entry_language, "fmt": fmt},
    )
    return HttpResponsePermanentRedirect(url)


def tables(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Needs, national resources and assistance as one CSV or an XLSX of four sheets."""
    report = get_report_for_user(request.user, pk)
    stem = f"{_stem(report)}-assistance"
    if fmt == "xlsx":
        return sheets_response(money_sheets(report), stem=stem)
    header, rows = money_csv_rows(report)
    return table_response(header, rows, fmt=fmt, stem=stem)
