"""Correcting a request's values, replacing them from a template, and editing comments."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import F, Model
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.domain.languages import NATIVE
from casework.exports import word_views
from casework.extensions import prefill, services, word
from casework.extensions.forms import (
    FORMSETS,
    CommentForm,
    DocumentUploadForm,
    RequestForm,
    TemplateUploadForm,
)
from casework.extensions.models import ExtensionRequest
from casework.extensions.permissions import (
    can_publish,
    get_comment_word_upload_for_user,
    get_request_for_user,
    signed_in_only,
)
from casework.extensions.views.listing import queue_template

# Model field -> the name its cell has in the template's Request sheet.
CELL_NAMES = {attribute: name for name, attribute in services.REQUEST_COLUMNS.items()}


def _editor(request: HttpRequest) -> User:
    """The signed-in user; `signed_in_only` has already sent the others away."""
    assert isinstance(request.user, User)
    return request.user


def _forget_cells(
    instance: Model, changed: list[str], names: dict[str, str] | None = None
) -> None:
    """A value corrected by hand no longer comes from its template cell."""
    cells: dict[str, str] = getattr(instance, "cells", {})
    for name in changed:
        cells.pop((names or {}).get(name, name), None)


class StaleEdit(Exception):
    """The request was changed since the page was loaded (or the page sent no version)."""


def _posted_version(request: HttpRequest) -> int | None:
    raw = request.POST.get("version", "")
    if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
        return None
    return int(raw)


def _claim_version(extension: ExtensionRequest, version: int | None) -> None:
    """Take the next version in one UPDATE … WHERE version = the page's version; no row
    matched means someone saved since the page was loaded: StaleEdit."""
    if version is None:
        raise StaleEdit
    claimed = ExtensionRequest.objects.filter(pk=extension.pk, version=version).update(
        version=version + 1
    )
    if claimed != 1:
        raise StaleEdit
    extension.version = version + 1


def _bump_version(extension: ExtensionRequest) -> None:
    """Any other change of the request's values makes open edit pages stale."""
    ExtensionRequest.objects.filter(pk=extension.pk).update(version=F("version") + 1)


@signed_in_only
def edit_request(request: HttpRequest, pk: int) -> HttpResponse:
    extension = get_request_for_user(request.user, pk, edit=True)
    data = request.POST if request.method == "POST" else None
    # The version the page was loaded with travels in the form: a resubmitted page
    # keeps it, so an edit from a stale page stays refused until it is reloaded.
    version = _posted_version(request) if data is not None else extension.version
    form = RequestForm(data, instance=extension, can_publish=can_publish(request.user))
    formsets = [
        (title, formset_class(data, instance=extension, prefix=prefix))
        for prefix, formset_class, title in FORMSETS
    ]
    context = {
        "extension": extension,
        "form": form,
        "formsets": formsets,
        "version": "" if version is None else version,
    }
    if (
        data is not None
        and form.is_valid()
        and all(fs.is_valid() for _, fs in formsets)
    ):
        try:
            _save_edit(extension, form, formsets, version)
        except StaleEdit:
            # Nothing saved; the form keeps what was typed, under the message.
            context["stale"] = True
            return render(request, "extensions/edit.html", context, status=409)
        messages.success(
            request, _("Values saved; the analysis and the drafts are updated.")
        )
        return redirect("extensions:detail", pk=extension.pk)
    return render(request, "extensions/edit.html", context)


def _save_edit(
    extension: ExtensionRequest,
    form: RequestForm,
    formsets: list[tuple[Any, Any]],
    version: int | None,
) -> None:
    with transaction.atomic():
        _claim_version(extension, version)
        saved = form.save(commit=False)
        saved.version = extension.version
        _forget_cells(saved, form.changed_data, CELL_NAMES)
        saved.save()
        for _title, formset in formsets:
            for row_form in formset.forms:
                if row_form in formset.deleted_forms or not row_form.has_changed():
                    continue
                if row_form.instance.pk and hasattr(row_form.instance, "cells"):
                    _forget_cells(row_form.instance, row_form.changed_data)
            formset.save()
        services.refresh_comments(extension)


@signed_in_only
@require_POST
def reimport_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Replace the request's values by those of a filled template (edited comments stay)."""
    extension = get_request_for_user(request.user, pk, edit=True)
    form = TemplateUploadForm(request.POST, request.FILES)
    if form.is_valid():
        # Read and saved by the worker (extensions.import_jobs), which also makes open
        # edit pages stale as _bump_version does.
        return queue_template(request, form, extension=extension)
    return render(
        request,
        "extensions/import_errors.html",
        {"form": form, "errors": [], "extension": extension},
        status=400,
    )


@signed_in_only
@require_POST
def edit_comment(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    extension = get_request_for_user(request.user, pk, edit=True)
    comment = extension.comments.filter(language=language).first()
    if comment is None:
        raise Http404
    form = CommentForm(request.POST)
    if form.is_valid():
        services.save_comment_edit(
            comment, form.cleaned_data["text"], user=_editor(request)
        )
        word.record_browser_edit(comment, user=_editor(request))
        messages.success(request, _("Comments saved."))
    return redirect(f"{extension.get_absolute_url()}#comments-{language}")


@signed_in_only
@require_POST
def regenerate_comments(request: HttpRequest, pk: int) -> HttpResponse:
    extension = get_request_for_user(request.user, pk, edit=True)
    services.refresh_comments(extension)
    messages.success(
        request, _("Drafts regenerated from the analysis; your edits are kept.")
    )
    return redirect(f"{extension.get_absolute_url()}#comments")


@signed_in_only
def prefill_request(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload the request document, then confirm each value the analyser found in it."""
    extension = get_request_for_user(request.user, pk, edit=True)
    if request.method == "POST" and "confirm" in request.POST:
        try:
            changed = prefill.apply_choices(
                extension,
                filename=request.POST.get("filename", "")[:120],
                total_cost=request.POST.get("total_cost", ""),
                remaining_area_m2=request.POST.get("remaining_area_m2", ""),
            )
        except (ValueError, ArithmeticError):
            return HttpResponseBadRequest(_("The values sent back could not be read."))
        if changed:
            _bump_version(extension)
        messages.success(
            request,
            _("%(count)d value(s) confirmed from the document.")
            % {"count": len(changed)},
        )
        return redirect("extensions:detail", pk=extension.pk)
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    figures = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        figures = prefill.find_figures(upload.read(), upload.name)
    return render(
        request,
        "extensions/prefill.html",
        {"extension": extension, "form": form, "figures": figures},
    )


@signed_in_only
@require_POST
def comment_word_upload(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """An edited Word copy of the comments: its changes are shown, not saved yet."""
    extension = get_request_for_user(request.user, pk, edit=True)
    comment = extension.comments.filter(language=language).first()
    if comment is None:
        raise Http404
    back = f"{extension.get_absolute_url()}#comments-{language}"
    return word_views.receive(
        request,
        back=back,
        read=lambda data, filename: word.read_word(
            comment, data, filename=filename, user=_editor(request)
        ),
        review=lambda stored: reverse(
            "extensions:comment_word_review", args=[stored.pk]
        ),
    )


@signed_in_only
def comment_word_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The uploaded copy's changes, paragraph by paragraph; apply the ones ticked."""
    upload = get_comment_word_upload_for_user(request.user, pk)
    comment = upload.comment
    extension = comment.request
    back = f"{extension.get_absolute_url()}#comments-{comment.language}"
    found = word.word_changes(upload)
    if request.method == "POST" and upload.applied_at is None:
        return word_views.apply_ticked(
            request,
            found=found,
            apply=lambda accepted: word.apply_word(
                upload, accepted, user=_editor(request)
            ),
            back=back,
        )
    context = {
        "upload": upload,
        "extension": extension,
        "back": back,
        "language_name": NATIVE.get(comment.language, comment.language),
        "changes": list(enumerate(found)),
    }
    return render(request, "extensions/comment_word_review.html", context)
