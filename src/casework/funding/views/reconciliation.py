"""Donor-said against recipient-said, per pair and year; mismatches first, exportable."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from casework.domain.languages import normalise
from casework.exports.registry import TABLE_FORMATS, table_response
from casework.funding.permissions import get_contributions_for_user, readers_only
from casework.funding.reconciliation import MISMATCH_FROM, pairs


@readers_only
@require_safe
def reconciliation(request: HttpRequest) -> HttpResponse:
    language = normalise(get_language())
    found = pairs(get_contributions_for_user(request.user))
    show = request.GET.get("show", "mismatches")
    listed = [p for p in found if p.is_mismatch] if show != "all" else found
    fmt = request.GET.get("format")
    if fmt:
        if fmt not in TABLE_FORMATS:
            raise Http404("no such format")
        header = (
            _("Year"),
            _("Donor"),
            _("Recipient"),
            _("Donor reported (USD)"),
            _("Recipient reported (USD)"),
            _("Difference (USD)"),
            _("Mismatch"),
            _("For the observations"),
        )
        rows = [
            (
                p.year,
                p.donor.name_in(language),
                p.recipient_iso3,
                p.donor_said,
                p.recipient_said,
                p.gap,
                _("yes") if p.is_mismatch else _("no"),
                p.line(language),
            )
            for p in listed
        ]
        return table_response(
            header,
            rows,
            fmt=fmt,
            stem="donor-against-recipient",
            sheet="reconciliation",
        )
    context = {
        "rows": [(p, p.donor.name_in(language), p.line(language)) for p in listed],
        "show": show,
        "mismatch_count": sum(p.is_mismatch for p in found),
        "threshold": int(MISMATCH_FROM * 100),
        "language": language,
    }
    return render(request, "funding/reconciliation.html", context)
