"""The public dashboard: totals, flows and the global series, filterable and downloadable."""

from __future__ import annotations

from decimal import Decimal

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from casework.exports.registry import table_response
from casework.funding import charts
from casework.funding.figures import dashboard_figures
from casework.funding.models import Sector, Source, Status
from casework.funding.money import reader_language
from casework.funding.permissions import (
    can_read_unpublished,
    get_contributions_for_user,
)
from casework.funding.series import SeriesYear, global_series
from casework.funding.totals import ALL, TABLE_TITLES, Filters, TotalRow

MILLION = Decimal(1_000_000)


@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    filters = Filters.from_query(request.GET)
    unpublished = can_read_unpublished(request.user)
    figures = dashboard_figures(
        get_contributions_for_user(request.user), filters, unpublished=unpublished
    )
    tables = figures.tables
    flow_rows = figures.flows
    series = global_series()
    download = request.GET.get("download", "")
    # A download link without a format gives CSV; an unknown format is a 404.
    fmt = request.GET.get("format", "csv")
    if download in tables:
        stem = f"funding-totals-per-{download}"
        return table_response(
            [_("Key"), _("Name"), _("USD"), _("Entries"), _("Entries without a rate")],
            [(r.key, r.label, r.usd, r.count, r.unconverted) for r in tables[download]],
            fmt=fmt,
            stem=stem,
            sheet=stem,
        )
    if download == "flows":
        return table_response(
            [_("Donor"), _("Recipient"), _("USD")],
            [(f.donor, f.recipient, f.usd) for f in flow_rows],
            fmt=fmt,
            stem="funding-flows",
            sheet="funding-flows",
        )
    if download == "series":
        return _series_download(series, tables["year"], fmt=fmt)
    if download:
        raise Http404("no such table")
    language = reader_language()
    ledger_by_year = {int(row.key): row.usd for row in tables["year"]}
    years = sorted({s.year for s in series} | set(ledger_by_year))
    series_by_year = {s.year: s for s in series}
    series_chart = charts.grouped_bars(
        [str(year) for year in years],
        [
            charts.Series(
                _("Landmine Monitor: international support"),
                tuple(_international_usd(series_by_year.get(y)) for y in years),
            ),
            charts.Series(
                _("Casework ledger"),
                tuple(ledger_by_year.get(y) for y in years),
            ),
        ],
        label=_("Global mine action funding and the Casework ledger, USD per year"),
        language=language,
    )
    context = {
        "filters": filters,
        "tables": [(key, TABLE_TITLES[key], rows) for key, rows in tables.items()],
        "year_chart": charts.grouped_bars(
            [row.key for row in tables["year"]],
            [charts.Series(_("Ledger total"), tuple(r.usd for r in tables["year"]))],
            label=_("Contributions per year, USD"),
            language=language,
        ),
        "donor_chart": charts.horizontal_bars(
            [(r.label, r.usd) for r in tables["donor"]],
            label=_("Top donors, USD"),
            language=language,
        ),
        "flow_chart": charts.sankey(
            [(f.donor, f.recipient, f.usd) for f in flow_rows],
            label=_("Donor to recipient flows, USD"),
            language=language,
        ),
        "flow_rows": flow_rows,
        "series": series,
        "series_chart": series_chart,
        "ledger_by_year": ledger_by_year,
        "includes_unpublished": unpublished,
        "statuses": [(ALL, _("All statuses")), *Status.choices],
        "sectors": Sector.choices,
        "sources": Source.choices,
        "donor_names": figures.donor_names,
        "query": request.GET.urlencode(),
    }
    return render(request, "funding/dashboard.html", context)


def _international_usd(year: SeriesYear | None) -> Decimal | None:
    """The Monitor's international support in USD; None when unknown."""
    value = year.international_musd.value if year is not None else None
    return None if value is None else value * MILLION


def _series_download(
    series: tuple[SeriesYear, ...], ledger_rows: list[TotalRow], *, fmt: str
) -> HttpResponse:
    ledger = {int(row.key): row.usd for row in ledger_rows}
    header = [
        _("Year"),
        _("Total (M USD)"),
        _("International (M USD)"),
        _("National (M USD)"),
        _("Donors reporting"),
        _("Affected States reporting"),
        _("Victim assistance, international (M USD)"),
        _("Top donors"),
        _("Top recipients"),
        _("Monitor edition"),
        _("Source"),
        _("Note"),
        _("Casework ledger (USD)"),
    ]
    rows = [
        (
            s.year,
            s.total_musd.text,
            s.international_musd.text,
            s.national_musd.text,
            s.donors_reporting.text,
            s.affected_states_reporting.text,
            s.victim_assistance_intl_musd.text,
            s.top_donors,
            s.top_recipients,
            s.monitor_edition,
            s.source,
            s.note,
            ledger.get(s.year),
        )
        for s in series
    ]
    stem = "mine-action-funding-series"
    return table_response(header, rows, fmt=fmt, stem=stem, sheet=stem)
