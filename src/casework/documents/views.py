"""Document pages: list, upload, detail with the analysis status, retry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.accounts.permissions import require
from casework.documents import services
from casework.documents.forms import UploadForm
from casework.documents.permissions import (
    can_review,
    can_upload,
    get_document_for_user,
    upload_states,
    visible_documents,
)


@login_required
def document_list(request: HttpRequest) -> HttpResponse:
    documents = visible_documents(request.user).prefetch_related("runs")
    year = request.GET.get("year", "")
    if year.isdigit():
        documents = documents.filter(year=int(year))
    iso3 = request.GET.get("state", "").upper()
    if iso3:
        documents = documents.filter(state__iso3=iso3)
    return render(
        request,
        "documents/list.html",
        {"documents": documents[:500], "can_upload": can_upload(request.user)},
    )


@login_required
def upload(request: HttpRequest) -> HttpResponse:
    states = upload_states(request.user)
    require(states.exists())
    form = UploadForm(request.POST or None, request.FILES or None, states=states)
    if request.method == "POST" and form.is_valid():
        outcomes = services.upload_documents(
            form.cleaned_data["files"],
            state=form.cleaned_data["state"],
            kind=form.cleaned_data["kind"],
            year=form.cleaned_data["year"],
            user=request.user,
        )
        for outcome in outcomes:
            if outcome.created:
                messages.success(
                    request,
                    _("%(name)s uploaded; analysis queued.")
                    % {"name": outcome.document.filename},
                )
            else:
                messages.info(
                    request,
                    _("%(name)s was already filed; the existing document is shown.")
                    % {"name": outcome.document.filename},
                )
        if len(outcomes) == 1:
            return redirect("documents:detail", pk=outcomes[0].document.pk)
        return redirect("documents:list")
    return render(request, "documents/upload.html", {"form": form})


@login_required
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    run = document.latest_run
    context = {"document": document, "run": run, "runs": document.runs.all()[:10]}
    if request.htmx:
        return render(request, "documents/_status.html", context)
    context["can_review"] = can_review(request.user)
    context["same_original"] = (
        visible_documents(request.user)
        .filter(original=document.original)
        .exclude(pk=document.pk)
    )
    return render(request, "documents/detail.html", context)


@login_required
@require_POST
def analyse_again(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    require(can_upload(request.user) or can_review(request.user))
    run = document.latest_run
    if run is None or not run.is_active:
        services.queue_analysis(document)
        messages.success(request, _("Analysis queued."))
    return redirect("documents:detail", pk=document.pk)
