"""Document pages: list, upload, detail with the analysis status, retry."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from casework.accounts.permissions import signed_in_required
from casework.documents import services
from casework.documents.forms import UploadForm, too_large_message
from casework.documents.models import AnalysisRun
from casework.documents.permissions import (
    analysis_requesters_only,
    can_ask_for_analysis,
    can_review,
    can_upload,
    get_document_for_user,
    upload_states,
    uploaders_only,
    visible_documents,
)
from casework.documents.storage import StorageError, sweep_incoming
from casework.documents.uploads import limit_uploads
from casework.domain.languages import is_language, name_of, normalise

PAGE_SIZE = 100  # documents per page of the list


class HtmxHttpRequest(HttpRequest):
    """A request through django-htmx's middleware (settings.MIDDLEWARE)."""

    htmx: HtmxDetails


@signed_in_required
def document_list(request: HttpRequest) -> HttpResponse:
    # The list shows names and statuses: a document's extracted text and a run's
    # analyser JSON (megabytes for real reports) stay in the database.
    runs = AnalysisRun.objects.only("pk", "document_id", "status")
    documents = (
        visible_documents(request.user)
        .defer("text")
        .select_related("state")
        .prefetch_related(Prefetch("runs", queryset=runs))
    )
    year = request.GET.get("year", "")
    if year.isdigit():
        documents = documents.filter(year=int(year))
    iso3 = request.GET.get("state", "").upper()
    if iso3:
        documents = documents.filter(state__iso3=iso3)
    page = Paginator(documents, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "documents/list.html",
        {
            "documents": page.object_list,
            "page": page,
            "query": query.urlencode(),
            "can_upload": can_upload(request.user),
            "can_review": can_review(request.user),
        },
    )


# CSRF is checked by `_upload` itself, after the upload limit is in place: the limit must
# be the first upload handler before anything reads the request's body.
@csrf_exempt
@uploaders_only
def upload(request: HttpRequest) -> HttpResponse:
    handler = limit_uploads(request)
    return _upload(request, refused=handler.refused)


@csrf_protect
def _upload(request: HttpRequest, *, refused: list[str]) -> HttpResponse:
    states = upload_states(request.user)
    form = UploadForm(request.POST or None, request.FILES or None, states=states)
    if request.method == "POST" and refused:
        # A file over the limit was dropped while it streamed in; store none of the batch.
        form.is_valid()
        form.errors.pop("files", None)  # "this field is required": it was dropped
        for name in refused:
            form.add_error("files", too_large_message(name))
        return render(request, "documents/upload.html", {"form": form}, status=413)
    if request.method == "POST" and form.is_valid():
        sweep_incoming()
        try:
            outcomes = services.upload_documents(
                form.cleaned_data["files"],
                state=form.cleaned_data["state"],
                kind=form.cleaned_data["kind"],
                year=form.cleaned_data["year"],
                user=request.user if isinstance(request.user, User) else None,
            )
        except StorageError as exc:
            return _not_stored(request, exc)
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


def _not_stored(request: HttpRequest, error: StorageError) -> HttpResponse:
    """A clear page when the disk refused the file: what happened and what to do."""
    if error.disk_full:
        message = _(
            "%(name)s was not stored: the server's disk is full. Nothing was kept of "
            "this file. Please tell the support unit, and upload it again later."
        ) % {"name": error.filename}
        status = 507
    else:
        message = _(
            "%(name)s was not stored: the server could not write it (%(reason)s). "
            "Nothing was kept of this file; please try again, and tell the support "
            "unit if it happens again."
        ) % {"name": error.filename, "reason": error.strerror or ""}
        status = 503
    return render(
        request,
        "documents/not_stored.html",
        {"message": message, "filename": error.filename},
        status=status,
    )


@signed_in_required
def document_detail(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    run = document.latest_run
    context: dict[str, object] = {
        "document": document,
        "run": run,
        "runs": document.runs.all()[:10],
        "can_ask_for_analysis": can_ask_for_analysis(request.user),
    }
    if request.htmx:
        return render(request, "documents/_status.html", context)
    context["can_review"] = can_review(request.user)
    context["language_name"] = (
        name_of(document.language, in_language=normalise(get_language()))
        if is_language(document.language)
        else document.language
    )
    context["same_original"] = (
        visible_documents(request.user)
        .filter(original=document.original)
        .exclude(pk=document.pk)
    )
    return render(request, "documents/detail.html", context)


@analysis_requesters_only
@require_POST
def analyse_again(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    run = document.latest_run
    if run is None or not run.is_active:
        services.queue_analysis(document)
        messages.success(request, _("Analysis queued."))
    return redirect("documents:detail", pk=document.pk)
