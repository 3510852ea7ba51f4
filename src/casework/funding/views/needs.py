"""Needs against funding, a State's needs-versus-funding page and donor suggestions."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from casework.exports.docx import render_docx
from casework.exports.responses import file_response
from casework.exports.spec import DocumentSpec, Heading, Paragraph, Table
from casework.funding import charts
from casework.funding.coverage import coverage_rows
from casework.funding.downloads import table_response
from casework.funding.forms import NeedForm
from casework.funding.models import Need
from casework.funding.needs_sources import (
    needs_from_other_apps,
    pull_needs_from_extensions,
)
from casework.funding.permissions import (
    can_manage,
    can_view_suggestions,
    get_contributions_for_user,
    get_needs_for_user,
    login_or_403,
)
from casework.funding.services import save_need
from casework.funding.suggestions import suggest_donors
from casework.states.services import get_state

COVERAGE_HEADER = (
    "iso3",
    "state",
    "year",
    "need_usd",
    "needs_without_rate",
    "disbursed_usd",
    "committed_usd",
    "coverage_percent",
    "gap_usd",
    "sources",
)


def _coverage_table(rows):
    return [
        (
            r.iso3,
            r.state_name,
            r.year,
            r.need_usd if r.is_need_known else None,
            r.unconverted_needs,
            r.disbursed_usd,
            r.committed_usd,
            r.coverage_percent,
            r.gap_usd,
            "; ".join(sorted(r.sources)),
        )
        for r in rows
    ]


def needs(request: HttpRequest) -> HttpResponse:
    rows = coverage_rows(
        get_needs_for_user(request.user), get_contributions_for_user(request.user)
    )
    if request.GET.get("format"):
        return table_response(
            "funding-needs-coverage",
            COVERAGE_HEADER,
            _coverage_table(rows),
            fmt=request.GET["format"],
        )
    return render(
        request,
        "funding/needs.html",
        {
            "rows": rows,
            "can_manage": can_manage(request.user),
            "other_sources": needs_from_other_apps(),
        },
    )


def need_new(request: HttpRequest) -> HttpResponse:
    denied = login_or_403(request, can_manage(request.user))
    if denied:
        return denied
    form = NeedForm(request.POST or None, initial=request.GET.dict() or None)
    if request.method == "POST" and form.is_valid():
        need = save_need(form.save(commit=False))
        if need.amount_usd is None:
            messages.warning(
                request,
                _(
                    "No %(currency)s rate for %(year)d: the need is saved but not "
                    "converted; load the rate to count it."
                )
                % {"currency": need.currency, "year": need.year},
            )
        return redirect("funding:state", iso3=need.state.iso3)
    return render(request, "funding/need_form.html", {"form": form})


def state_funding(request: HttpRequest, iso3: str) -> HttpResponse:
    """One State's needs against what it received, per year (public for published data)."""
    state = get_state(iso3)
    state_needs = get_needs_for_user(request.user).filter(state=state)
    contributions = get_contributions_for_user(request.user)
    rows = sorted(coverage_rows(state_needs, contributions), key=lambda r: r.year)
    received = contributions.filter(recipient_iso3=state.iso3).select_related(
        "donor", "duplicate_of__donor"
    )
    fmt = request.GET.get("format")
    if fmt:
        return table_response(
            f"funding-{state.iso3}-coverage",
            COVERAGE_HEADER,
            _coverage_table(rows),
            fmt=fmt,
        )
    chart = charts.grouped_bars(
        [str(r.year) for r in rows],
        [
            charts.Series(
                _("Need"),
                tuple(r.need_usd if r.is_need_known else None for r in rows),
            ),
            charts.Series(_("Disbursed"), tuple(r.disbursed_usd for r in rows)),
            charts.Series(_("Committed"), tuple(r.committed_usd for r in rows)),
        ],
        label=_("Needs against funding of %(state)s, USD") % {"state": state.name},
    )
    return render(
        request,
        "funding/state.html",
        {
            "state": state,
            "rows": rows,
            "chart": chart,
            "needs": state_needs.order_by("year", "pk"),
            "received": received,
            "can_suggest": can_view_suggestions(request.user, state),
            "can_manage": can_manage(request.user),
        },
    )


def suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_object_or_404(Need.objects.select_related("state"), pk=pk)
    denied = login_or_403(request, can_view_suggestions(request.user, need.state))
    if denied:
        return denied
    if not get_needs_for_user(request.user).filter(pk=pk).exists():
        raise Http404("need not visible")
    ranked = suggest_donors(need, get_contributions_for_user(request.user))
    fmt = request.GET.get("format")
    header = (_("Rank"), _("Donor"), _("Kind"), _("Score"), _("Reasons"))
    table = [
        (n, s.donor, s.donor_kind, s.score, " ".join(s.reasons))
        for n, s in enumerate(ranked, start=1)
    ]
    if fmt == "docx":
        return file_response(
            render_docx(_suggestions_document(need, table, header)),
            f"donor-suggestions-{need.state.iso3}-{need.year}.docx",
        )
    if fmt:
        return table_response(
            f"donor-suggestions-{need.state.iso3}-{need.year}", header, table, fmt=fmt
        )
    return render(
        request, "funding/suggestions.html", {"need": need, "suggestions": ranked}
    )


def _suggestions_document(need: Need, table, header) -> DocumentSpec:
    amount = f"{need.amount:,.0f} {need.currency}"
    return DocumentSpec(
        title=_("Donor suggestions for %(state)s") % {"state": need.state.name},
        subtitle=_("Need for %(year)d: %(amount)s (%(sector)s)")
        % {"year": need.year, "amount": amount, "sector": need.get_sector_display()},
        blocks=(
            Heading(_("Suggested donors")),
            Paragraph(
                _(
                    "Ranked by past support to the State, its region and the sector, "
                    "recent trend and stated priorities; reasons from the Casework ledger."
                )
            ),
            Table(
                header=tuple(str(h) for h in header),
                rows=tuple(tuple(str(c) for c in row) for row in table),
            ),
        ),
    )


def pull_needs(request: HttpRequest) -> HttpResponse:
    """POST: pull needs from extension requests (support unit)."""
    denied = login_or_403(request, can_manage(request.user))
    if denied:
        return denied
    if request.method != "POST":
        return redirect("funding:needs")
    count = pull_needs_from_extensions()
    messages.success(
        request, _("%(n)d needs pulled from extension requests.") % {"n": count}
    )
    return redirect("funding:needs")
