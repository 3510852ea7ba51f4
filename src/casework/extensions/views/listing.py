"""The list of requests, the template downloads, the import and a State's history."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.db.models import Case, Count, DecimalField, F, Sum, Value, When
from django.db.models.functions import Coalesce, Greatest
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from casework.domain.languages import normalise
from casework.exports.registry import table_response
from casework.extensions import services
from casework.extensions.forms import RequestForm, TemplateUploadForm
from casework.extensions.import_jobs import import_extension_file
from casework.extensions.permissions import (
    can_edit,
    can_publish,
    editors_only,
    get_request_for_user,
    get_requests_for_user,
)
from casework.extensions.template_io import template_csv_table, template_sheets
from casework.imports import jobs
from casework.imports.models import ImportJob
from casework.imports.views import job_context, progress_fragment
from casework.states.services import get_state

TEMPLATE_STEM = "extension-request-template"
AMOUNT: DecimalField[Decimal, Decimal] = DecimalField(max_digits=18, decimal_places=2)


@require_safe
def request_list(request: HttpRequest) -> HttpResponse:
    """Every request the user may see, with its cost and funding gap in one query."""
    zero = Value(Decimal(0), output_field=AMOUNT)
    rows = (
        get_requests_for_user(request.user)
        .select_related("state")
        .annotate(
            cost=Sum("budget_years__total"),
            national=Sum("budget_years__national"),
            secured=Sum("budget_years__secured"),
            years=Count("budget_years"),
        )
        .annotate(
            # cost − national − secured, never below zero; none without a budget
            gap=Case(
                When(cost__isnull=True, then=None),
                default=Greatest(
                    F("cost") - Coalesce("national", zero) - Coalesce("secured", zero),
                    zero,
                ),
                output_field=AMOUNT,
            )
        )
    )
    return render(
        request,
        "extensions/list.html",
        {
            "rows": rows,
            "can_edit": can_edit(request.user),
            "upload_form": TemplateUploadForm(),
        },
    )


@require_safe
def template_xlsx(request: HttpRequest) -> HttpResponse:
    """The blank template, in the interface language (its numbers are read in it)."""
    sheets = template_sheets(normalise(get_language()))
    header, rows = sheets.pop("Request")
    return table_response(
        header,
        rows,
        fmt="xlsx",
        stem=TEMPLATE_STEM,
        sheet="Request",
        more_sheets=sheets,
    )


@require_safe
def template_csv(request: HttpRequest) -> HttpResponse:
    header, rows = template_csv_table(normalise(get_language()))
    return table_response(header, rows, fmt="csv", stem=TEMPLATE_STEM)


def queue_template(
    request: HttpRequest, form: TemplateUploadForm, **target: Any
) -> HttpResponse:
    """Store a valid upload for the worker and show its page (issue 15: the template is
    never read in the web request); a disk that refuses it is said on the form."""
    upload = form.cleaned_data["file"]
    assert isinstance(request.user, User)
    try:
        job = jobs.store(
            upload,
            kind=ImportJob.Kind.EXTENSION,
            user=request.user,
            task=import_extension_file,
            **target,
        )
    except jobs.NotStored as exc:
        return render(
            request,
            "extensions/import_errors.html",
            {"form": form, "errors": [str(exc)], **target},
            status=507,
        )
    return redirect("extensions:import_job", pk=job.pk)


@editors_only
@require_POST
def import_request(request: HttpRequest) -> HttpResponse:
    """Queue a filled template for the worker, which creates the request from it."""
    form = TemplateUploadForm(request.POST, request.FILES)
    if form.is_valid():
        return queue_template(request, form)
    return render(
        request,
        "extensions/import_errors.html",
        {"form": form, "errors": []},
        status=400,
    )


@editors_only
def import_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The uploaded template's page: progress while the worker reads it, then the new
    (or updated) request, or every cell that needs fixing."""
    job = jobs.get_job_for_user(request.user, pk, kind=ImportJob.Kind.EXTENSION)
    extension = None
    if job.extension_id is not None:
        extension = get_request_for_user(request.user, job.extension_id, edit=True)
    poll_url = reverse("extensions:import_job", args=[job.pk])
    if request.method == "POST":
        if request.POST.get("action") == "retry" and jobs.retry(
            job, import_extension_file
        ):
            messages.info(request, _("The file is read again."))
        return redirect(poll_url)
    fragment = progress_fragment(request, job, poll_url)
    if fragment is not None:
        return fragment
    created = job.result.get("request") if job.status == ImportJob.Status.DONE else None
    if created is not None and (
        extension is not None or get_requests_for_user(request.user).filter(pk=created)
    ):
        if extension is not None:
            messages.success(
                request, _("Values replaced from %(name)s.") % {"name": job.filename}
            )
        else:
            messages.success(request, _("Request imported; here is its analysis."))
        return redirect("extensions:detail", pk=created)
    context = job_context(job, poll_url, extension=extension, form=TemplateUploadForm())
    return render(request, "extensions/import_job.html", context)


@editors_only
def new_request(request: HttpRequest) -> HttpResponse:
    """Start a request by hand; its tables are then filled on the edit page."""
    form = RequestForm(request.POST or None, can_publish=can_publish(request.user))
    if request.method == "POST" and form.is_valid():
        created = form.save()
        services.refresh_comments(created)
        return redirect("extensions:edit", pk=created.pk)
    return render(request, "extensions/new.html", {"form": form})


@require_safe
def state_history(request: HttpRequest, iso3: str) -> HttpResponse:
    """A State's extensions: the public Article 5 history and the requests the user may see."""
    state = get_state(iso3)
    visible = set(
        get_requests_for_user(request.user)
        .filter(state=state)
        .values_list("pk", flat=True)
    )
    lines = [
        line
        for line in services.state_history(state)
        if line.request is None or line.request.pk in visible
    ]
    return render(
        request,
        "extensions/history.html",
        {"state": state, "lines": lines, "granted": services.granted_count(lines)},
    )
