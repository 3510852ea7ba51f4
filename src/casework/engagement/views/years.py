"""The Committee's year: its log, membership and chairs, priorities, and annual report."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.domain.languages import NATIVE, checked
from casework.engagement import documents, forms
from casework.engagement.models import (
    Case,
    CaseStep,
    CommitteeYear,
    ExchangeVisit,
    Priority,
    reader_language,
    written,
)
from casework.engagement.permissions import (
    committee_only,
    get_entry_for_user,
    get_priority_for_user,
)
from casework.engagement.services import (
    chairs_of_year,
    log_for_year,
    members_of_year,
    platform_coverage,
    sync_log,
)
from casework.exports.registry import document_response


@committee_only
def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    if request.GET.get("year", "").isdigit():
        return redirect("engagement:year", int(request.GET["year"]))
    with_platform, affected = platform_coverage()
    context = {
        "year": today.year,
        "years": sorted(
            {today.year, *CommitteeYear.objects.values_list("year", flat=True)},
            reverse=True,
        ),
        "open_cases": Case.objects.filter(published_on__isnull=True).count(),
        "follow_ups_due": CaseStep.objects.filter(
            done=False, due_on__isnull=False
        ).count(),
        "visits_open": ExchangeVisit.objects.exclude(
            status=ExchangeVisit.Status.LESSONS_RECORDED
        ).count(),
        "with_platform": with_platform,
        "affected": affected,
    }
    return render(request, "engagement/home.html", context)


def check_year(year: int) -> None:
    if not 1999 <= year <= 2100:
        raise Http404


@committee_only
def year_detail(request: HttpRequest, year: int) -> HttpResponse:
    """The log of the year (regenerated from the records on every visit) and its priorities."""
    check_year(year)
    details = CommitteeYear.objects.filter(year=year).first() or CommitteeYear(
        year=year
    )
    year_form = forms.YearForm(
        request.POST if "year" in request.POST else None,
        instance=details,
        prefix="year",
    )
    entry_form = forms.ManualEntryForm(
        request.POST if "entry" in request.POST else None, prefix="entry"
    )
    priority_form = forms.PriorityForm(
        request.POST if "priority" in request.POST else None, prefix="priority"
    )
    if request.method == "POST":
        if "year" in request.POST and year_form.is_valid():
            year_form.save()
            messages.success(request, _("Report details saved."))
            return redirect("engagement:year", year)
        if "entry" in request.POST and entry_form.is_valid():
            entry = entry_form.save(commit=False)
            entry.year = year
            entry.save()
            messages.success(request, _("Entry added to the log."))
            return redirect("engagement:year", year)
        if "priority" in request.POST and priority_form.is_valid():
            priority = priority_form.save(commit=False)
            priority.year = year
            priority.save()
            messages.success(request, _("Priority action added."))
            return redirect("engagement:year", year)
        if "delete_priority" in request.POST:
            chosen = request.POST["delete_priority"]
            if chosen.isdigit():
                Priority.objects.filter(year=year, pk=int(chosen)).delete()
            else:
                messages.error(request, _("Choose the priority action to remove."))
            return redirect("engagement:year", year)
    sync_log(year)
    context = {
        "year": year,
        "details": details,
        "year_form": year_form,
        "entry_form": entry_form,
        "priority_form": priority_form,
        "entries": log_for_year(year),
        "priorities": Priority.objects.filter(year=year),
        "members": members_of_year(year),
        "chairs": chairs_of_year(year),
        "document_languages": documents.document_languages(),
    }
    return render(request, "engagement/year_detail.html", context)


@committee_only
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Rewrite a paragraph: the edit is kept when the log is regenerated."""
    entry = get_entry_for_user(request.user, pk)
    form = forms.EntryForm(request.POST or None, instance=entry)
    if request.method == "POST":
        if "delete" in request.POST and not entry.source_key:
            entry.delete()
            return redirect("engagement:year", entry.year)
        if "revert" in request.POST:
            entry.edited = {}
            entry.save(update_fields=["edited", "updated_at"])
            return redirect("engagement:report", entry.year, reader_language())
        if form.is_valid():
            form.save()
            messages.success(
                request, _("Paragraph saved; regeneration keeps your text.")
            )
            return redirect("engagement:year", entry.year)
    if not entry.is_edited and not form.is_bound:
        for language, text in written(entry.generated).items():
            form.fields[f"edited_{language}"].initial = text
    generated = [
        (language, NATIVE[language], text)
        for language, text in written(entry.generated).items()
    ]
    context = {"entry": entry, "form": form, "generated": generated}
    return render(request, "engagement/entry_edit.html", context)


@committee_only
def report_preview(request: HttpRequest, year: int, language: str) -> HttpResponse:
    check_year(year)
    spec = documents.annual_report_spec(year, language)
    section_one, section_two = documents.report_sections(year, language)
    context = {
        "year": year,
        "language": language,
        "spec": spec,
        "section_one": section_one,
        "section_two": section_two,
        "words": documents.words(language),
        "submitted_by": documents.submitted_by(year, language),
        "document_languages": documents.document_languages(),
    }
    return render(request, "engagement/report_preview.html", context)


@committee_only
def report_download(
    request: HttpRequest, year: int, language: str, fmt: str
) -> HttpResponse:
    check_year(year)
    spec = documents.annual_report_spec(year, checked(language))
    return document_response(spec, fmt=fmt, stem=f"committee-report-{year}-{language}")


@committee_only
def priority_edit(request: HttpRequest, pk: int) -> HttpResponse:
    priority = get_priority_for_user(request.user, pk)
    form = forms.PriorityForm(request.POST or None, instance=priority)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("engagement:year", priority.year)
    return render(
        request, "engagement/priority_edit.html", {"priority": priority, "form": form}
    )
