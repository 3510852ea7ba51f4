"""Downloads: the comments as a document (DOCX, PDF) and the analysis tables as XLSX.

The comments URL is `…/comments/<lang:language>.<docformat:fmt>`: the converters of
`casework.exports` match registered languages and formats only, so any other is a 404.
"""

from __future__ import annotations

import dataclasses

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from casework.domain.languages import pick
from casework.exports.registry import Row, document_response, table_response
from casework.exports.spec import DocumentSpec, TitleBlock
from casework.exports.un_format import AUTHOR
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


def comments_document(extension: ExtensionRequest, language: str) -> DocumentSpec:
    """The comments as a UN document: a title block of limited distribution under the
    request's reference, the Committee as author, and a draft marking until the
    request's record is published (the Committee has then agreed what it says)."""
    spec = services.comments_spec(extension, language)
    return dataclasses.replace(
        spec,
        symbol=extension.reference or spec.symbol,
        head=TitleBlock(distribution="limited", original_language=spec.language),
        draft=not extension.is_published,
        author=pick(AUTHOR, spec.language),
    )


@require_safe
@signed_in_only
def export_comments(
    request: HttpRequest, pk: int, language: str, fmt: str
) -> HttpResponse:
    extension = get_request_for_user(request.user, pk, comments=True)
    spec = comments_document(extension, language)
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
