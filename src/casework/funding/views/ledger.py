"""The contributions ledger: every entry with its source, filterable, downloadable."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST, require_safe

from casework.audit import services as audit
from casework.exports.registry import table_response
from casework.funding.models import Contribution, Sector, Source, Status
from casework.funding.permissions import (
    can_manage,
    can_read_unpublished,
    get_contributions_for_user,
    managers_only,
)
from casework.funding.totals import ALL, Filters

PAGE_SIZE = 50
HEADER = (
    "year",
    "donor",
    "donor_kind",
    "recipient_iso3",
    "amount",
    "currency",
    "amount_usd",
    "rate_used",
    "sector",
    "channel",
    "status",
    "source",
    "source_reference",
    "duplicate_of",
    "published",
    "description",
)


def contribution_row(item: Contribution) -> tuple[object, ...]:
    return (
        item.year,
        item.donor.name,
        item.donor.kind,
        item.recipient_iso3,
        item.amount,
        item.currency,
        item.amount_usd,
        item.rate_used,
        item.sector,
        item.channel,
        item.status,
        item.source,
        item.source_reference,
        item.duplicate_of_id or "",
        "yes" if item.is_published else "no",
        item.description,
    )


@require_safe
def ledger(request: HttpRequest) -> HttpResponse:
    filters = Filters.from_query(request.GET, status=ALL)
    contributions = filters.apply(
        get_contributions_for_user(request.user)
    ).select_related("donor", "recipient_state", "duplicate_of__donor")
    if request.GET.get("rate") == "missing":
        contributions = contributions.filter(amount_usd__isnull=True)
    fmt = request.GET.get("format")
    if fmt:
        return table_response(
            HEADER,
            (contribution_row(item) for item in contributions),
            fmt=fmt,
            stem="funding-contributions",
            sheet="funding-contributions",
        )
    page = Paginator(contributions, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "filters": filters,
        "statuses": [(ALL, _("All statuses")), *Status.choices],
        "sectors": Sector.choices,
        "sources": Source.choices,
        "query": query.urlencode(),
        "can_manage": can_manage(request.user),
        "includes_unpublished": can_read_unpublished(request.user),
        "missing_rates": get_contributions_for_user(request.user)
        .filter(amount_usd__isnull=True)
        .count(),
    }
    return render(request, "funding/ledger.html", context)


@managers_only
@require_POST
def publish(request: HttpRequest) -> HttpResponse:
    """Publish or withdraw the selected entries (support unit)."""
    ids = [int(pk) for pk in request.POST.getlist("ids") if pk.isdigit()][:10_000]
    publish_them = request.POST.get("action") == "publish"
    with transaction.atomic():
        changing = Contribution.objects.filter(pk__in=ids).exclude(
            is_published=publish_them
        )
        for item in changing.select_related("donor"):
            audit.record(
                audit.Action.PUBLISHED if publish_them else audit.Action.WITHDRAWN,
                actor=request.user,
                obj=item,
                before={"is_published": item.is_published},
                after={"is_published": publish_them},
            )
        count = Contribution.objects.filter(pk__in=ids).update(
            is_published=publish_them
        )
    if publish_them:
        done = ngettext(
            "%(n)d contribution published.", "%(n)d contributions published.", count
        )
    else:
        done = ngettext(
            "%(n)d contribution withdrawn.", "%(n)d contributions withdrawn.", count
        )
    messages.success(request, done % {"n": count})
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, {request.get_host()}):
        return redirect(target)
    return redirect("funding:ledger")
