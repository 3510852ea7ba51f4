"""Downloads: the comments as a document (DOCX, PDF) and the analysis tables as XLSX.

The comments URL is `…/comments/<lang:language>.<docformat:fmt>`: the converters of
`casework.exports` match registered languages and formats only, so any other is a 404.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from casework.exports.registry import Row, document_response, table_response
from casework.extensions import labels, services
from casework.extensions.cells import compact_sources
from casework.extensions.models import ExtensionRequest
from casework.extensions.permissions import (
    get_request_for_user,
    public_if_published,
    signed_in_only,
)


def _stem(extension: ExtensionRequest) -> str:
    return f"extension-request-{extension.state.iso3.lower()}-{extension.pk}"


@require_safe
@signed_in_only
def export_comments(
    request: HttpRequest, pk: int, language: str, fmt: str
) -> HttpResponse:
    extension = get_request_for_user(request.user, pk, comments=True)
    spec = services.comments_spec(extension, language)
    return document_response(
        spec, fmt=fmt, stem=f"{_stem(extension)}-comments-{language}"
    )


@require_safe
@public_if_published
def export_analysis(request: HttpRequest, pk: int) -> HttpResponse:
    extension = get_request_for_user(request.user, pk)
    _data, result = services.analyse_request(extension)
    gap_rows: list[Row] = [
        (y.year, y.total, y.national, y.secured, y.sought, y.gap, y.currency)
        for y in result.years
    ]
    checks: list[Row] = [
        (
            str(labels.CHECKLIST[i.code]),
            _("yes") if i.ok else _("missing"),
            ", ".join(compact_sources(i.sources)),
        )
        for i in result.checklist
    ]
    checks += [
        (labels.describe(f), f.severity, ", ".join(compact_sources(f.sources)))
        for f in result.findings
    ]
    header = (
        _("Year"),
        _("Cost"),
        _("National"),
        _("Secured"),
        _("Sought"),
        _("Gap"),
        _("Currency"),
    )
    return table_response(
        header,
        gap_rows,
        fmt="xlsx",
        stem=f"{_stem(extension)}-analysis",
        sheet=_("Funding gap"),
        more_sheets={_("Checks"): ((_("Check"), _("Result"), _("Source")), checks)},
    )
