"""Downloads: the comments as DOCX/PDF and the analysis tables as XLSX."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _

from casework.accounts.permissions import require
from casework.domain.languages import LANGUAGES
from casework.exports.docx import render_docx
from casework.exports.pdf import render_pdf
from casework.exports.responses import file_response
from casework.exports.tables import render_xlsx
from casework.extensions import labels, services
from casework.extensions.cells import compact_sources
from casework.extensions.permissions import can_read_comments, get_request_for_user
from casework.extensions.views.access import public_if_published

RENDERERS = {"docx": render_docx, "pdf": render_pdf}


def _stem(extension) -> str:
    return f"extension-request-{extension.state.iso3.lower()}-{extension.pk}"


@login_required
def export_comments(
    request: HttpRequest, pk: int, language: str, fmt: str
) -> HttpResponse:
    extension = get_request_for_user(request, pk)
    require(can_read_comments(request.user))
    if language not in LANGUAGES or fmt not in RENDERERS:
        raise Http404
    spec = services.comments_spec(extension, language)
    return file_response(
        RENDERERS[fmt](spec), f"{_stem(extension)}-comments-{language}.{fmt}"
    )


@public_if_published
def export_analysis(request: HttpRequest, pk: int) -> HttpResponse:
    extension = get_request_for_user(request, pk)
    _data, result = services.analyse_request(extension)
    gap_rows = [
        (y.year, y.total, y.national, y.secured, y.sought, y.gap, y.currency)
        for y in result.years
    ]
    checks = [
        (
            str(labels.CHECKLIST[i.code]),
            _("yes") if i.ok else _("missing"),
            ", ".join(compact_sources(i.sources)),
        )
        for i in result.checklist
    ] + [
        (labels.describe(f), f.severity, ", ".join(compact_sources(f.sources)))
        for f in result.findings
    ]
    data = render_xlsx(
        {
            _("Funding gap"): (
                (
                    _("Year"),
                    _("Cost"),
                    _("National"),
                    _("Secured"),
                    _("Sought"),
                    _("Gap"),
                    _("Currency"),
                ),
                gap_rows,
            ),
            _("Checks"): ((_("Check"), _("Result"), _("Source")), checks),
        }
    )
    return file_response(data, f"{_stem(extension)}-analysis.xlsx")
