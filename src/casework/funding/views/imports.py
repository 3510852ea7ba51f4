"""Imports (IATI, CSV/XLSX template), exchange rates and the published templates."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from casework.documents.safe_open import FileRefused, check_size
from casework.exports.registry import table_response
from casework.funding import iati, table_import
from casework.funding.forms import (
    IatiUploadForm,
    RateForm,
    RatesUploadForm,
    TableUploadForm,
)
from casework.funding.importing import queue_iati, queue_table
from casework.funding.models import ExchangeRate, ImportBatch
from casework.funding.permissions import can_manage, managers_only, readers_only
from casework.funding.review import missing_rates, review_of
from casework.funding.services import (
    apply_pending,
    refuse_pending,
    set_rate,
)


def _importer(request: HttpRequest) -> User:
    """The signed-in user; the access decorators have already turned others away."""
    assert isinstance(request.user, User)
    return request.user


@readers_only
def imports(request: HttpRequest) -> HttpResponse:
    """The import page for readers; its uploads (POST) for the support unit."""
    if request.method == "POST":
        return _upload(request)
    return _imports_page(request, IatiUploadForm(), TableUploadForm())


def _imports_page(
    request: HttpRequest, iati_form: IatiUploadForm, table_form: TableUploadForm
) -> HttpResponse:
    context = {
        "iati_form": iati_form,
        "table_form": table_form,
        "batches": ImportBatch.objects.select_related("created_by")[:50],
        "can_manage": can_manage(request.user),
        "row_limit": table_import.IMPORT_LIMITS.rows,
    }
    return render(request, "funding/imports.html", context)


@managers_only
def _upload(request: HttpRequest) -> HttpResponse:
    iati_form, table_form = IatiUploadForm(), TableUploadForm()
    kind = request.POST.get("kind")
    batch: ImportBatch | None = None
    if kind == "iati":
        iati_form = IatiUploadForm(request.POST, request.FILES)
        if iati_form.is_valid():
            batch = _import_iati(request, iati_form)
    elif kind == "table":
        table_form = TableUploadForm(request.POST, request.FILES)
        if table_form.is_valid():
            batch = _import_table(request, table_form)
    if batch is not None:
        return redirect("funding:import_detail", pk=batch.pk)
    return _imports_page(request, iati_form, table_form)


def _read_upload(request: HttpRequest, upload: UploadedFile) -> bytes | None:
    """The upload's bytes, or None (with a message) when it is over the size limit."""
    try:
        check_size(upload.size or 0, filename=upload.name or "")
    except FileRefused as exc:
        messages.error(request, str(exc))
        return None
    data: bytes = upload.read()
    return data


def _import_iati(request: HttpRequest, form: IatiUploadForm) -> ImportBatch | None:
    """Store the file and queue it for the worker, which reads it as a stream."""
    upload = form.cleaned_data["file"]
    if (upload.size or 0) > iati.MAX_BYTES:
        messages.error(
            request,
            _("%(file)s: larger than %(limit)d GB; split the file by activity.")
            % {"file": upload.name, "limit": iati.MAX_BYTES // 1024**3},
        )
        return None
    with transaction.atomic():
        batch = queue_iati(
            upload, user=_importer(request), publish=form.cleaned_data["publish"]
        )
    messages.info(
        request,
        _("The file is read in the background; this page shows how far it has got."),
    )
    return batch


def _import_table(request: HttpRequest, form: TableUploadForm) -> ImportBatch | None:
    """Store the file and queue it for the worker, which checks it, then saves its rows.

    Only the upload's size (known from the upload handler) and its name are looked at
    here: a workbook's archive is opened in the worker, not in the web process."""
    upload = form.cleaned_data["file"]
    name = upload.name or ""
    try:
        check_size(upload.size or 0, filename=name)
    except FileRefused as exc:
        messages.error(request, str(exc))
        return None
    if not name.lower().endswith((".csv", ".xlsx")):
        messages.error(
            request,
            _("%(file)s: upload a .csv or .xlsx file made from the template.")
            % {"file": name},
        )
        return None
    try:
        with transaction.atomic():
            batch = queue_table(
                upload,
                user=_importer(request),
                publish=form.cleaned_data["publish"],
                decimal_mark=form.cleaned_data["decimal_mark"],
            )
    except OSError as exc:  # a full disk: nothing is kept, the page says so
        messages.error(
            request,
            _(
                "%(file)s could not be stored (%(error)s); nothing was imported. Try "
                "again later, or tell the site's administrator that the disk may be full."
            )
            % {"file": name, "error": exc.strerror or type(exc).__name__},
        )
        return None
    messages.info(
        request,
        _("The file is read in the background; this page shows how far it has got."),
    )
    return batch


@readers_only
@require_safe
def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch, pk=pk)
    if request.headers.get("HX-Request"):
        if batch.is_working:
            return render(request, "funding/_import_progress.html", {"batch": batch})
        return HttpResponse(headers={"HX-Refresh": "true"})  # read: show it all
    contributions = batch.contributions.select_related("donor", "duplicate_of__donor")
    return render(
        request,
        "funding/import_detail.html",
        {
            "batch": batch,
            "contributions": contributions[:500],
            "review": review_of(batch),
            "missing_rates": missing_rates(batch),
            "revisions": batch.revisions.select_related("applied_by")[:200],
            "can_manage": can_manage(request.user),
        },
    )


@managers_only
@require_POST
def import_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply or refuse the changes and removals a re-import found."""
    batch = get_object_or_404(ImportBatch, pk=pk, state=ImportBatch.State.REVIEW)
    if request.POST.get("action") == "apply":
        changed, removed = apply_pending(batch, user=request.user)
        messages.success(
            request,
            _("%(changed)d entries corrected and %(removed)d removed; history kept.")
            % {"changed": changed, "removed": removed},
        )
    else:
        refuse_pending(batch)
        messages.info(request, _("Changes refused: the ledger stays as it was."))
    return redirect("funding:import_detail", pk=batch.pk)


@readers_only
def rates(request: HttpRequest) -> HttpResponse:
    """The loaded rates (and their download) for readers; changes for the support unit."""
    if request.method == "POST":
        return _change_rates(request)
    fmt = request.GET.get("format")
    if fmt:
        return table_response(
            table_import.RATE_COLUMNS,
            [
                (r.currency, r.year, r.units_per_usd, r.source)
                for r in ExchangeRate.objects.all()
            ],
            fmt=fmt,
            stem="exchange-rates",
            sheet="exchange-rates",
        )
    initial = {
        name: request.GET[name]
        for name in ("currency", "year")
        if request.GET.get(name)
    }
    return _rates_page(request, RateForm(initial=initial), RatesUploadForm())


def _rates_page(
    request: HttpRequest, form: RateForm, upload_form: RatesUploadForm
) -> HttpResponse:
    return render(
        request,
        "funding/rates.html",
        {
            "rates": ExchangeRate.objects.all(),
            "form": form,
            "upload_form": upload_form,
            "can_manage": can_manage(request.user),
            "rate_row_limit": table_import.WEB_LIMITS.rows,
        },
    )


@managers_only
def _change_rates(request: HttpRequest) -> HttpResponse:
    form, upload_form = RateForm(), RatesUploadForm()
    if request.POST.get("kind") == "upload":
        upload_form = RatesUploadForm(request.POST, request.FILES)
        if upload_form.is_valid() and _load_rates(request, upload_form):
            return redirect("funding:rates")
        return _rates_page(request, form, upload_form)
    form = RateForm(request.POST)
    if not form.is_valid():
        return _rates_page(request, form, upload_form)
    converted = set_rate(
        form.cleaned_data["currency"],
        form.cleaned_data["year"],
        form.cleaned_data["units_per_usd"],
        source=form.cleaned_data["source"],
    )
    messages.success(
        request,
        ngettext(
            "Rate saved; %(n)d entry converted with it.",
            "Rate saved; %(n)d entries converted with it.",
            converted,
        )
        % {"n": converted},
    )
    return redirect("funding:rates")


def _load_rates(request: HttpRequest, form: RatesUploadForm) -> bool:
    upload = form.cleaned_data["file"]
    data = _read_upload(request, upload)
    if data is None:
        return False
    try:
        parsed = table_import.parse_rates(
            data,
            filename=upload.name,
            decimal_mark=form.cleaned_data["decimal_mark"],
        )
    except table_import.TableError as exc:
        messages.error(request, str(exc))
        return False
    with transaction.atomic():  # all the table's rates, or none
        converted = sum(
            set_rate(r.currency, r.year, r.units_per_usd, source=r.source)
            for r in parsed.rows
        )
    for where, note in parsed.notes:
        messages.info(request, f"{where}: {note}")
    for where, message in parsed.messages:
        messages.error(request, f"{upload.name}, {where}: {message}")
    messages.success(
        request,
        " ".join(
            (
                ngettext("%(n)d rate loaded.", "%(n)d rates loaded.", len(parsed.rows))
                % {"n": len(parsed.rows)},
                ngettext(
                    "%(n)d entry converted with the new rates.",
                    "%(n)d entries converted with the new rates.",
                    converted,
                )
                % {"n": converted},
            )
        ),
    )
    return True


TEMPLATES: dict[str, tuple[tuple[str, ...], list[tuple[str, ...]]]] = {
    "contributions": (
        table_import.CONTRIBUTION_COLUMNS,
        [table_import.CONTRIBUTION_EXAMPLE],
    ),
    "rates": (table_import.RATE_COLUMNS, [table_import.RATE_EXAMPLE]),
}


@require_safe
def template_download(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    """The published import templates: a header and one example row (public)."""
    if name not in TEMPLATES:
        raise Http404("no such template")
    header, rows = TEMPLATES[name]
    stem = f"casework-{name}-template"
    return table_response(header, rows, fmt=fmt, stem=stem, sheet=stem)
