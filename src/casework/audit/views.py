"""The audit log page for the support unit: browse, filter, download."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from casework.audit.forms import AuditFilterForm
from casework.audit.models import AuditEntry
from casework.audit.permissions import audit_readers_only
from casework.exports.registry import table_response

PAGE_SIZE = 50
HEADER = (
    "at",
    "user",
    "action",
    "through",
    "object_type",
    "object_id",
    "object",
    "before",
    "after",
    "note",
)


@audit_readers_only
@require_safe
def audit_log(request: HttpRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET or None)
    if form.is_bound:
        form.is_valid()  # fills cleaned_data with the valid filters; errors are shown
    entries = form.apply(AuditEntry.objects.all())
    fmt = request.GET.get("format")
    if fmt:
        return table_response(
            HEADER,
            (
                (
                    e.at,
                    e.actor_name,
                    e.action,
                    e.source,
                    e.object_type,
                    e.object_id,
                    e.object_repr,
                    e.before,
                    e.after,
                    e.message,
                )
                for e in entries.iterator()
            ),
            fmt=fmt,
            stem="audit-log",
            sheet="audit-log",
        )
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    object_types = (
        AuditEntry.objects.order_by("object_type")
        .values_list("object_type", flat=True)
        .distinct()
    )
    return render(
        request,
        "audit/log.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "object_types": list(object_types[:200]),
        },
    )
