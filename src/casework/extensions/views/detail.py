"""The analysis of one request: figures, charts, checks, history and the comments."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from casework.domain.languages import LANGUAGES, normalise
from casework.extensions import charts, labels, services
from casework.extensions.analysis import Analysis, Kind, RequestData
from casework.extensions.cells import compact_sources
from casework.extensions.forms import CommentForm, TemplateUploadForm
from casework.extensions.models import ExtensionRequest
from casework.extensions.permissions import (
    can_edit,
    can_read_comments,
    get_request_for_user,
    get_requests_for_user,
    public_if_published,
)


def _charts(data: RequestData, result: Analysis) -> dict[str, SafeString]:
    language = normalise(get_language())
    gap = charts.funding_gap_svg(
        result.years,
        charts.Labels(
            title=_("Funding per year: national, secured and gap"),
            national=_("National"),
            secured=_("International, secured"),
            gap=_("Gap"),
            language=language,
        ),
    )
    release = charts.release_rate_svg(
        result.release.planned_by_year,
        [(p.year, p.released_m2) for p in sorted(data.past, key=lambda p: p.year)],
        required=result.release.required_rate_m2,
        past_rate=result.release.past_rate_m2,
        labels=charts.Labels(
            title=_("Area released per year (m²): past and planned"),
            past=_("Released"),
            planned=_("Planned"),
            required=_("Required rate"),
            past_rate=_("Past rate"),
            language=language,
        ),
    )
    # Built from numbers and escaped labels only (charts.py escapes every text).
    return {"gap_chart": mark_safe(gap), "release_chart": mark_safe(release)}


def _history(request: HttpRequest, extension: ExtensionRequest) -> dict[str, object]:
    visible = set(
        get_requests_for_user(request.user)
        .filter(state=extension.state)
        .values_list("pk", flat=True)
    )
    lines = [
        line
        for line in services.state_history(extension.state)
        if line.request is None or line.request.pk in visible
    ]
    return {"lines": lines, "granted": services.granted_count(lines)}


@require_safe
@public_if_published
def request_detail(request: HttpRequest, pk: int) -> HttpResponse:
    extension = get_request_for_user(request.user, pk)
    data, result = services.analyse_request(extension)
    checklist = [
        {
            "label": labels.CHECKLIST[item.code],
            "ok": item.ok,
            "sources": compact_sources(item.sources),
        }
        for item in result.checklist
    ]
    findings = {
        kind: [
            {
                "text": labels.describe(f),
                "severity": f.severity,
                "sources": compact_sources(f.sources),
            }
            for f in result.findings_of(kind)
        ]
        for kind in (Kind.CONSISTENCY, Kind.PLAUSIBILITY)
    }
    context = {
        "extension": extension,
        "data": data,
        "result": result,
        "verdict": labels.VERDICTS[result.release.verdict],
        "checklist": checklist,
        "consistency": findings[Kind.CONSISTENCY],
        "plausibility": findings[Kind.PLAUSIBILITY],
        **_history(request, extension),
        "can_edit": can_edit(request.user),
        "areas": extension.areas.all(),
        "plan": extension.plan_years.all(),
        "documents": extension.documents.all(),
        **_charts(data, result),
    }
    if can_read_comments(request.user):
        comments = {c.language: c for c in extension.comments.all()}
        if set(comments) != set(LANGUAGES):
            comments = {c.language: c for c in services.refresh_comments(extension)}
        context["comments"] = [
            (comments[language], CommentForm(initial={"text": comments[language].text}))
            for language in LANGUAGES
        ]
        context["upload_form"] = TemplateUploadForm()
    return render(request, "extensions/detail.html", context)
