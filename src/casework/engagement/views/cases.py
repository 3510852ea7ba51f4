"""Individualised-approach cases: list, timeline, steps, final report, publication."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.documents.uploads import refused_uploads
from casework.domain.languages import LANGUAGES, checked
from casework.engagement import documents, forms, word
from casework.engagement.models import Attachment, Case, CaseStep, written
from casework.engagement.permissions import (
    committee_only,
    get_case_for_user,
    get_step_for_user,
)
from casework.engagement.services import structured_needs
from casework.exports.registry import document_response


@committee_only
def case_list(request: HttpRequest) -> HttpResponse:
    cases = Case.objects.select_related("state").prefetch_related("steps")
    form = forms.CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        case = form.save()
        messages.success(request, _("Case opened."))
        return redirect("engagement:case", case.pk)
    return render(request, "engagement/case_list.html", {"cases": cases, "form": form})


@dataclass(frozen=True, slots=True)
class TimelineItem:
    date: dt.date | None  # None: a step recorded without any date (from the admin)
    label: str
    step: CaseStep | None = None


def _timeline(case: Case) -> list[TimelineItem]:
    """The case's story by date: the request, each step, the publication.

    A step's date is the day it happened, else the day it is due; a step with neither
    (the form asks for one, the admin does not) comes last rather than failing the page.
    """
    items = [TimelineItem(case.requested_on, _("Request"))]
    for step in case.steps.all():
        items.append(
            TimelineItem(step.date or step.due_on, step.get_kind_display(), step)
        )
    if case.published_on:
        items.append(TimelineItem(case.published_on, _("Final report published")))
    return sorted(items, key=lambda item: (item.date is None, item.date or dt.date.min))


@committee_only
def case_detail(request: HttpRequest, pk: int) -> HttpResponse:
    case = get_case_for_user(request.user, pk)
    case = (
        Case.objects.select_related("state")
        .prefetch_related(
            "steps__participants__state", "steps__attachments", "steps__in_margins_of"
        )
        .get(pk=case.pk)
    )
    step_form = forms.StepForm(request.POST or None, prefix="step")
    if request.method == "POST" and step_form.is_valid():
        step = step_form.save(commit=False)
        step.case = case
        step.save()
        messages.success(request, _("Step recorded."))
        return redirect("engagement:case", case.pk)
    context = {
        "case": case,
        "timeline": _timeline(case),
        "needs": structured_needs(case.state),
        "step_form": step_form,
        "participant_form": forms.ParticipantForm(prefix="participant"),
        "attachment_form": forms.AttachmentForm(prefix="attachment"),
    }
    return render(request, "engagement/case_detail.html", context)


@committee_only
def step_edit(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_step_for_user(request.user, pk)
    form = forms.StepForm(request.POST or None, instance=step, prefix="step")
    if request.method == "POST":
        if "delete" in request.POST:
            step.delete()
            return redirect("engagement:case", step.case_id)
        if form.is_valid():
            form.save()
            return redirect("engagement:case", step.case_id)
    return render(request, "engagement/step_edit.html", {"step": step, "form": form})


@committee_only
@require_POST
def participant_add(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_step_for_user(request.user, pk)
    form = forms.ParticipantForm(request.POST, prefix="participant")
    if form.is_valid():
        participant = form.save(commit=False)
        participant.step = step
        participant.save()
    else:
        messages.error(
            request,
            " ".join(str(error) for error in form.non_field_errors())
            or _("Check the participant."),
        )
    return redirect("engagement:case", step.case_id)


@committee_only
@require_POST
def attachment_add(request: HttpRequest, pk: int) -> HttpResponse:
    step = get_step_for_user(request.user, pk)
    form = forms.AttachmentForm(
        request.POST,
        request.FILES,
        prefix="attachment",
        refused=refused_uploads(request),
    )
    if form.is_valid():
        attachment = form.save(commit=False)
        attachment.step = step
        attachment.kind = Attachment.Kind.PRESENTATION
        attachment.save()
        messages.success(request, _("Presentation uploaded."))
    elif form.has_error("file") and (request.FILES or form.refused):
        for error in form.errors["file"]:
            messages.error(request, str(error))
    else:
        messages.error(request, _("Choose a file and give it a title."))
    return redirect("engagement:case", step.case_id)


@committee_only
def case_report(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit the final report; "Draft from the case" fills it from the steps."""
    case = get_case_for_user(request.user, pk)
    if request.method == "POST" and "draft" in request.POST:
        case.final_reports = {
            language: documents.draft_case_report(case, language)
            for language in LANGUAGES
        }
        case.save(update_fields=["final_reports", "updated_at"])
        messages.success(
            request, _("Final report drafted from the case: read it and edit it.")
        )
        return redirect("engagement:case_report", case.pk)
    form = forms.CaseReportForm(
        request.POST if "save" in request.POST else None, instance=case
    )
    publish_form = forms.PublishForm(
        request.POST if "publish" in request.POST else None
    )
    if request.method == "POST" and "save" in request.POST and form.is_valid():
        form.save()
        assert isinstance(request.user, User)  # committee_only let a signed-in user in
        for language in written(case.final_reports):
            word.record_browser_edit(case, language, user=request.user)
        messages.success(request, _("Final report saved."))
        return redirect("engagement:case_report", case.pk)
    if (
        request.method == "POST"
        and "publish" in request.POST
        and publish_form.is_valid()
    ):
        if not case.has_final_report:
            messages.error(request, _("Write the final report before publishing it."))
        else:
            case.published_on = publish_form.cleaned_data["published_on"]
            case.save(update_fields=["published_on", "updated_at"])
            messages.success(request, _("Final report published on the State's page."))
        return redirect("engagement:case_report", case.pk)
    if request.method == "POST" and "unpublish" in request.POST:
        case.published_on = None
        case.save(update_fields=["published_on", "updated_at"])
        return redirect("engagement:case_report", case.pk)
    context = {
        "case": case,
        "form": form,
        "publish_form": publish_form,
        "document_languages": documents.document_languages(),
    }
    return render(request, "engagement/case_report.html", context)


def case_report_file(case: Case, language: str, fmt: str) -> HttpResponse:
    """The final report as `fmt` in `language` (both checked by the URL converters)."""
    spec = documents.case_report_spec(case, checked(language))
    stem = f"final-report-{case.state.iso3}-{language}"
    return document_response(spec, fmt=fmt, stem=stem)


@committee_only
def case_report_download(
    request: HttpRequest, pk: int, language: str, fmt: str
) -> HttpResponse:
    return case_report_file(get_case_for_user(request.user, pk), language, fmt)
