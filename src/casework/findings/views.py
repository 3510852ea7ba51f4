"""Review pages: a document's findings with evidence in context, decisions, additions."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_htmx.middleware import HtmxDetails

from casework.accounts.permissions import signed_in_required
from casework.documents.permissions import get_document_for_user
from casework.findings import services
from casework.findings.forms import AddFindingForm, ReviewForm
from casework.findings.indicators import CODES, label
from casework.findings.models import Finding
from casework.findings.passages import in_context
from casework.findings.permissions import (
    can_review,
    get_finding_for_user,
    reviewers_only,
    visible_findings,
)

# Checklist order; a code no longer in the checklist sorts last instead of failing.
ORDER = {code: position for position, code in enumerate(CODES)}


class HtmxHttpRequest(HttpRequest):
    """A request through django_htmx's middleware (`request.htmx`)."""

    htmx: HtmxDetails


def _reviewer(request: HttpRequest) -> User:
    """The signed-in reviewer; `reviewers_only` has already turned others away."""
    assert isinstance(request.user, User)
    return request.user


def _row(finding: Finding, pages: list[str]) -> dict[str, object]:
    return {
        "finding": finding,
        "label": label(finding.indicator),
        "passages": [
            in_context(pages, e["page"], e["text"], score=e.get("score"))
            for e in finding.shown_evidence
        ],
    }


@signed_in_required
def document_findings(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    pages = document.page_texts()
    findings = list(
        document.findings.select_related("reviewed_by").prefetch_related("audit__user")
    )
    findings.sort(key=lambda f: (ORDER.get(f.indicator, len(ORDER)), f.source))
    found = {f.indicator for f in findings}
    context = {
        "document": document,
        "rows": [_row(f, pages) for f in findings],
        "missing": [(code, label(code)) for code in CODES if code not in found],
        "can_review": can_review(request.user),
        "add_form": AddFindingForm(),
        "review_form": ReviewForm(),
        "bulk": True,
    }
    return render(request, "findings/document.html", context)


@reviewers_only
@require_POST
def review_finding(request: HtmxHttpRequest, pk: int) -> HttpResponse:
    finding = get_finding_for_user(request.user, pk)
    form = ReviewForm(request.POST)
    error = ""
    if form.is_valid():
        data = form.cleaned_data
        evidence = (
            [
                {
                    "page": data["page"],
                    "text": data["passage"].strip(),
                    "rule": "reviewer",
                }
            ]
            if data["page"] and data["passage"].strip()
            else None
        )
        try:
            services.review(
                finding,
                _reviewer(request),
                decision=data["decision"],
                comment=data["comment"],
                corrected_present=data["corrected_present"],
                corrected_evidence=evidence,
            )
        except services.ReviewError as exc:
            error = str(exc)
    else:
        error = _("Choose accept, reject or correct.")
    if request.htmx:
        finding.refresh_from_db()
        row = _row(finding, finding.document.page_texts())
        return render(
            request,
            "findings/_finding.html",
            {
                "row": row,
                "can_review": True,
                "bulk": True,
                "review_form": ReviewForm(),
                "error": error,
            },
        )
    if error:
        messages.error(request, error)
    else:
        messages.success(request, _("Decision recorded."))
    return redirect("findings:document", pk=finding.document_id)


@reviewers_only
@require_POST
def add_finding(request: HttpRequest, pk: int) -> HttpResponse:
    document = get_document_for_user(request.user, pk)
    form = AddFindingForm(request.POST)
    if form.is_valid():
        try:
            services.add_finding(document, _reviewer(request), **form.cleaned_data)
            messages.success(request, _("Finding added."))
        except services.ReviewError as exc:
            messages.error(request, str(exc))
    else:
        messages.error(request, _("Give an indicator, a page and a passage."))
    return redirect("findings:document", pk=document.pk)


@reviewers_only
def coverage_view(request: HttpRequest) -> HttpResponse:
    """Cross-State view: charts by year and by group, with the numbers downloadable."""
    from casework.documents.models import Document
    from casework.exports.registry import table_response
    from casework.findings import charts, coverage

    years = sorted({int(y) for y in request.GET.getlist("year") if y.isdigit()})
    group = request.GET.get("group", "")
    kind = request.GET.get("kind", "")
    basis = "all" if request.GET.get("basis") == "all" else "reviewed"
    served = coverage.cached_coverage(years=years, group=group, kind=kind, basis=basis)
    by_year, by_group = served.by_year, served.by_group
    download = request.GET.get("download", "")
    if download in {"year", "group"}:
        header, rows = coverage.table(by_year if download == "year" else by_group)
        return table_response(header, rows, fmt="csv", stem=f"coverage-by-{download}")
    query = request.GET.copy()
    query.pop("download", None)
    context = {
        "by_year": by_year,
        "by_group": by_group,
        "year_chart": charts.grouped_bars(
            by_year, title=_("Indicator coverage by year")
        ),
        "group_chart": charts.grouped_bars(
            by_group, title=_("Indicator coverage by group")
        ),
        "all_years": served.years,  # stored with the figures: no scan of the documents
        "computed_at": served.computed_at,
        "stale": served.stale,
        "groups": coverage.GROUPS,
        "kinds": Document.Kind.choices,
        "selected": {"years": years, "group": group, "kind": kind, "basis": basis},
        "query": query.urlencode(),
    }
    return render(request, "findings/coverage.html", context)


def _chosen(request: HttpRequest) -> list[Finding]:
    ids = {int(v) for v in request.POST.getlist("finding") if v.isdigit()}
    found = list(
        visible_findings(request.user).filter(pk__in=ids).order_by("document", "pk")
    )
    found.sort(key=lambda f: (f.document_id, ORDER.get(f.indicator, len(ORDER))))
    return found


@reviewers_only
@require_POST
def bulk_review(request: HttpRequest) -> HttpResponse:
    """Accept or reject the ticked findings: a confirmation page first, then one
    decision per finding, each with who and when in its audit trail."""
    chosen = _chosen(request)
    decision = request.POST.get("decision", "")
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        back = ""
    back = back or reverse("findings:pending")
    if decision not in services.BULK_DECISIONS:
        messages.error(request, _("Choose whether to accept or reject the findings."))
        return redirect(back)
    if not chosen:
        messages.error(
            request, _("Tick at least one finding, then choose accept or reject.")
        )
        return redirect(back)
    if request.POST.get("confirmed") != "1":
        context = {
            "chosen": [(f, label(f.indicator)) for f in chosen],
            "decision": decision,
            "decision_label": Finding.Decision(decision).label,
            "next": back,
            "comment": request.POST.get("comment", ""),
        }
        return render(request, "findings/bulk_confirm.html", context)
    services.bulk_review(
        chosen,
        _reviewer(request),
        decision=decision,
        comment=request.POST.get("comment", "").strip(),
    )
    messages.success(
        request,
        ngettext(
            "%(count)s finding: %(decision)s.",
            "%(count)s findings: %(decision)s.",
            len(chosen),
        )
        % {"count": len(chosen), "decision": Finding.Decision(decision).label},
    )
    return redirect(back)


PENDING_PAGE = 200


@reviewers_only
def pending_findings(request: HttpRequest) -> HttpResponse:
    """Findings awaiting review across documents, to accept or reject many at once."""
    findings = (
        visible_findings(request.user)
        .filter(decision=Finding.Decision.PENDING, in_latest_run=True)
        .order_by("-document__year", "document__state__name_en", "document", "pk")
    )
    year = request.GET.get("year", "")
    if year.isdigit():
        findings = findings.filter(document__year=int(year))
    total = findings.count()
    rows = [(f, label(f.indicator)) for f in findings[:PENDING_PAGE]]
    context = {"rows": rows, "total": total, "shown": len(rows), "year": year}
    return render(request, "findings/pending.html", context)
