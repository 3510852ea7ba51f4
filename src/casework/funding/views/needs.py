"""Needs against funding, a State's needs-versus-funding page and donor suggestions."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib import messages
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext
from django.views.decorators.http import require_safe

from casework.accounts.permissions import signed_in_required
from casework.domain.languages import LANGUAGES, NATIVE
from casework.domain.state_names import forms
from casework.exports.registry import (
    DOCUMENT_FORMATS,
    TABLE_FORMATS,
    document_response,
    table_response,
)
from casework.exports.spec import DocumentSpec, Heading, Paragraph, Table
from casework.funding import charts
from casework.funding.coverage import CoverageRow, coverage_rows
from casework.funding.forms import NeedForm
from casework.funding.models import Need
from casework.funding.money import amount, reader_language
from casework.funding.needs_sources import (
    needs_from_other_apps,
    pull_needs_from_extensions,
)
from casework.funding.permissions import (
    can_manage,
    can_view_suggestions,
    get_contributions_for_user,
    get_need_for_suggestions,
    get_needs_for_user,
    managers_only,
)
from casework.funding.services import save_need
from casework.funding.suggestions import Suggestion, suggest_donors
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


def _coverage_table(rows: list[CoverageRow]) -> list[tuple[object, ...]]:
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


def _coverage_download(rows: list[CoverageRow], *, fmt: str, stem: str) -> HttpResponse:
    return table_response(
        COVERAGE_HEADER, _coverage_table(rows), fmt=fmt, stem=stem, sheet=stem
    )


@require_safe
def needs(request: HttpRequest) -> HttpResponse:
    rows = coverage_rows(
        get_needs_for_user(request.user), get_contributions_for_user(request.user)
    )
    fmt = request.GET.get("format")
    if fmt:
        return _coverage_download(rows, fmt=fmt, stem="funding-needs-coverage")
    return render(
        request,
        "funding/needs.html",
        {
            "rows": rows,
            "can_manage": can_manage(request.user),
            "other_sources": needs_from_other_apps(),
        },
    )


@managers_only
def need_new(request: HttpRequest) -> HttpResponse:
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


@require_safe
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
        return _coverage_download(rows, fmt=fmt, stem=f"funding-{state.iso3}-coverage")
    language = reader_language()
    names = forms(state.iso3, language)
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
        label=_("Needs against funding %(of_state)s, USD") % {"of_state": names.of},
        language=language,
    )
    return render(
        request,
        "funding/state.html",
        {
            "state": state,
            "of_state": names.of,
            "rows": rows,
            "chart": chart,
            "needs": state_needs.order_by("year", "pk"),
            "received": received,
            "can_suggest": can_view_suggestions(request.user, state),
            "can_manage": can_manage(request.user),
        },
    )


def _suggestions_title(need: Need, language: str) -> str:
    return pgettext("State with its article", "Donor suggestions for %(state)s") % {
        "state": forms(need.state.iso3, language).subject
    }


def _suggestion_rows(ranked: list[Suggestion]) -> list[tuple[object, ...]]:
    return [
        (n, s.donor, s.donor_kind, s.score, " ".join(s.reasons))
        for n, s in enumerate(ranked, start=1)
    ]


def _suggestions_header() -> tuple[str, ...]:
    return (_("Rank"), _("Donor"), _("Kind"), _("Score"), _("Reasons"))


def _stem(need: Need) -> str:
    return f"donor-suggestions-{need.state.iso3}-{need.year}"


@signed_in_required
@require_safe
def suggestions(request: HttpRequest, pk: int) -> HttpResponse:
    need = get_need_for_suggestions(request.user, pk)
    language = reader_language()
    fmt = request.GET.get("format")
    if fmt in DOCUMENT_FORMATS:
        # The former ?format=docx link: the document now has its own URL per language.
        return HttpResponsePermanentRedirect(
            reverse("funding:suggestions_document", args=[pk, language, fmt])
        )
    ranked = suggest_donors(
        need, get_contributions_for_user(request.user), language=language
    )
    if fmt:
        if fmt not in TABLE_FORMATS:
            raise Http404(f"no download as {fmt!r}")
        return table_response(
            _suggestions_header(),
            _suggestion_rows(ranked),
            fmt=fmt,
            stem=_stem(need),
            sheet=_stem(need),
        )
    return render(
        request,
        "funding/suggestions.html",
        {
            "need": need,
            "title": _suggestions_title(need, language),
            "need_amount": amount(need.amount, need.currency, language),
            "suggestions": ranked,
            "documents": _document_links(need),
        },
    )


def _document_links(need: Need) -> list[dict[str, object]]:
    """Per language, its name and one link per document format."""
    return [
        {
            "language": language,
            "name": NATIVE[language],
            "links": [
                (
                    fmt.upper(),
                    reverse(
                        "funding:suggestions_document", args=[need.pk, language, fmt]
                    ),
                )
                for fmt in DOCUMENT_FORMATS
            ],
        }
        for language in LANGUAGES
    ]


@signed_in_required
@require_safe
def suggestions_document(
    request: HttpRequest, pk: int, language: str, fmt: str
) -> HttpResponse:
    """The donor suggestions for a meeting, as DOCX or PDF, in English, French or Spanish."""
    need = get_need_for_suggestions(request.user, pk)
    contributions = get_contributions_for_user(request.user)
    with translation.override(language):
        ranked = suggest_donors(need, contributions, language=language)
        spec = _suggestions_document(
            need, _suggestion_rows(ranked), _suggestions_header(), language=language
        )
    return document_response(spec, fmt=fmt, stem=f"{_stem(need)}-{language}")


def _suggestions_document(
    need: Need,
    table: list[tuple[object, ...]],
    header: Sequence[str],
    *,
    language: str,
) -> DocumentSpec:
    return DocumentSpec(
        title=_suggestions_title(need, language),
        language=language,
        subtitle=_("Need for %(year)d: %(amount)s (%(sector)s)")
        % {
            "year": need.year,
            "amount": amount(need.amount, need.currency, language),
            "sector": need.get_sector_display(),
        },
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


@managers_only
def pull_needs(request: HttpRequest) -> HttpResponse:
    """POST: pull needs from extension requests (support unit); GET goes to the list."""
    if request.method != "POST":
        return redirect("funding:needs")
    count = pull_needs_from_extensions()
    messages.success(
        request,
        ngettext(
            "%(n)d need pulled from extension requests.",
            "%(n)d needs pulled from extension requests.",
            count,
        )
        % {"n": count},
    )
    return redirect("funding:needs")
