"""Imports (IATI, CSV/XLSX template), exchange rates and the published templates."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from casework.accounts.permissions import require
from casework.funding import iati, table_import
from casework.funding.downloads import table_response
from casework.funding.forms import (
    IatiUploadForm,
    RateForm,
    RatesUploadForm,
    TableUploadForm,
)
from casework.funding.models import ExchangeRate, ImportBatch
from casework.funding.permissions import can_manage, can_read_unpublished, login_or_403
from casework.funding.services import ImportResult, save_rows, set_rate, sha256_of


def imports(request: HttpRequest) -> HttpResponse:
    denied = login_or_403(request, can_read_unpublished(request.user))
    if denied:
        return denied
    iati_form, table_form = IatiUploadForm(), TableUploadForm()
    if request.method == "POST":
        require(can_manage(request.user))
        kind = request.POST.get("kind")
        if kind == "iati":
            iati_form = IatiUploadForm(request.POST, request.FILES)
            if iati_form.is_valid():
                batch = _import_iati(request, iati_form)
                if batch:
                    return redirect("funding:import_detail", pk=batch.pk)
        elif kind == "table":
            table_form = TableUploadForm(request.POST, request.FILES)
            if table_form.is_valid():
                batch = _import_table(request, table_form)
                if batch:
                    return redirect("funding:import_detail", pk=batch.pk)
    context = {
        "iati_form": iati_form,
        "table_form": table_form,
        "batches": ImportBatch.objects.select_related("created_by")[:50],
        "can_manage": can_manage(request.user),
    }
    return render(request, "funding/imports.html", context)


def _import_iati(request: HttpRequest, form: IatiUploadForm) -> ImportBatch | None:
    upload = form.cleaned_data["file"]
    data = upload.read()
    try:
        parsed = iati.read_iati(
            data, filename=upload.name, publish=form.cleaned_data["publish"]
        )
    except iati.IatiError as exc:
        messages.error(request, str(exc))
        return None
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.IATI,
        filename=upload.name[:255],
        sha256=sha256_of(data),
        created_by=request.user,
    )
    result = ImportResult(skipped=parsed.skipped, messages=list(parsed.messages))
    save_rows(parsed.rows, batch=batch, result=result)
    messages.success(
        request,
        _(
            "%(seen)d activities read, %(mine)d on mine action: %(created)d "
            "contributions added, %(same)d already in the ledger."
        )
        % {
            "seen": parsed.activities_seen,
            "mine": parsed.activities_mine_action,
            "created": batch.created_count,
            "same": batch.unchanged_count,
        },
    )
    return batch


def _import_table(request: HttpRequest, form: TableUploadForm) -> ImportBatch | None:
    upload = form.cleaned_data["file"]
    data = upload.read()
    try:
        parsed = table_import.parse_contributions(
            data, filename=upload.name, publish=form.cleaned_data["publish"]
        )
    except table_import.TableError as exc:
        messages.error(request, str(exc))
        return None
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.TABLE,
        filename=upload.name[:255],
        sha256=sha256_of(data),
        created_by=request.user,
    )
    result = ImportResult(skipped=parsed.skipped, messages=list(parsed.messages))
    save_rows(parsed.rows, batch=batch, result=result)
    messages.success(
        request,
        _(
            "%(created)d contributions added, %(same)d already in the ledger, %(bad)d rows with errors."
        )
        % {
            "created": batch.created_count,
            "same": batch.unchanged_count,
            "bad": batch.skipped_count,
        },
    )
    return batch


def import_detail(request: HttpRequest, pk: int) -> HttpResponse:
    denied = login_or_403(request, can_read_unpublished(request.user))
    if denied:
        return denied
    batch = get_object_or_404(ImportBatch, pk=pk)
    contributions = batch.contributions.select_related("donor", "duplicate_of__donor")
    return render(
        request,
        "funding/import_detail.html",
        {"batch": batch, "contributions": contributions},
    )


def rates(request: HttpRequest) -> HttpResponse:
    denied = login_or_403(request, can_read_unpublished(request.user))
    if denied:
        return denied
    form, upload_form = RateForm(), RatesUploadForm()
    if request.method == "POST":
        require(can_manage(request.user))
        if request.POST.get("kind") == "upload":
            upload_form = RatesUploadForm(request.POST, request.FILES)
            if upload_form.is_valid() and _load_rates(request, upload_form):
                return redirect("funding:rates")
        else:
            form = RateForm(request.POST)
            if form.is_valid():
                converted = set_rate(
                    form.cleaned_data["currency"],
                    form.cleaned_data["year"],
                    form.cleaned_data["units_per_usd"],
                    source=form.cleaned_data["source"],
                )
                messages.success(
                    request,
                    _("Rate saved; %(n)d entries converted with it.")
                    % {"n": converted},
                )
                return redirect("funding:rates")
    all_rates = ExchangeRate.objects.all()
    if request.GET.get("format"):
        return table_response(
            "exchange-rates",
            table_import.RATE_COLUMNS,
            ((r.currency, r.year, r.units_per_usd, r.source) for r in all_rates),
            fmt=request.GET["format"],
        )
    return render(
        request,
        "funding/rates.html",
        {
            "rates": all_rates,
            "form": form,
            "upload_form": upload_form,
            "can_manage": can_manage(request.user),
        },
    )


def _load_rates(request: HttpRequest, form: RatesUploadForm) -> bool:
    upload = form.cleaned_data["file"]
    try:
        parsed = table_import.parse_rates(upload.read(), filename=upload.name)
    except table_import.TableError as exc:
        messages.error(request, str(exc))
        return False
    converted = sum(
        set_rate(r.currency, r.year, r.units_per_usd, source=r.source)
        for r in parsed.rows
    )
    for where, message in parsed.messages:
        messages.error(request, f"{upload.name}, {where}: {message}")
    messages.success(
        request,
        _("%(n)d rates loaded; %(c)d entries converted with them.")
        % {"n": len(parsed.rows), "c": converted},
    )
    return True


TEMPLATES = {
    "contributions": (
        table_import.CONTRIBUTION_COLUMNS,
        [table_import.CONTRIBUTION_EXAMPLE],
    ),
    "rates": (table_import.RATE_COLUMNS, [table_import.RATE_EXAMPLE]),
}


def template_download(request: HttpRequest, name: str, fmt: str) -> HttpResponse:
    """The published import templates: a header and one example row (public)."""
    if name not in TEMPLATES:
        raise Http404("no such template")
    header, rows = TEMPLATES[name]
    return table_response(f"casework-{name}-template", header, rows, fmt=fmt)
