"""The public dashboard: totals, flows and the global series, filterable and downloadable."""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from casework.funding import charts
from casework.funding.downloads import table_response
from casework.funding.models import Sector, Source, Status
from casework.funding.permissions import (
    can_read_unpublished,
    get_contributions_for_user,
)
from casework.funding.series import global_series
from casework.funding.totals import (
    ALL,
    TABLE_TITLES,
    Filters,
    flows,
    totals_by_donor,
    totals_by_recipient,
    totals_by_sector,
    totals_by_year,
)

MILLION = Decimal(1_000_000)


def dashboard(request: HttpRequest) -> HttpResponse:
    filters = Filters.from_query(request.GET)
    visible = get_contributions_for_user(request.user)
    contributions = filters.apply(visible)
    tables = {
        "year": totals_by_year(contributions),
        "donor": totals_by_donor(contributions),
        "recipient": totals_by_recipient(contributions),
        "sector": totals_by_sector(contributions),
    }
    flow_rows = flows(contributions)
    series = global_series()
    download = request.GET.get("download", "")
    fmt = request.GET.get("format", "csv")
    if download in tables:
        return table_response(
            f"funding-totals-per-{download}",
            [_("Key"), _("Name"), _("USD"), _("Entries"), _("Entries without a rate")],
            [(r.key, r.label, r.usd, r.count, r.unconverted) for r in tables[download]],
            fmt=fmt,
        )
    if download == "flows":
        return table_response(
            "funding-flows",
            [_("Donor"), _("Recipient"), _("USD")],
            [(f.donor, f.recipient, f.usd) for f in flow_rows],
            fmt=fmt,
        )
    if download == "series":
        return _series_download(series, tables["year"], fmt=fmt)
    ledger_by_year = {int(row.key): row.usd for row in tables["year"]}
    years = sorted({s.year for s in series} | set(ledger_by_year))
    series_by_year = {s.year: s for s in series}
    series_chart = charts.grouped_bars(
        [str(year) for year in years],
        [
            charts.Series(
                _("Landmine Monitor: international support"),
                tuple(
                    series_by_year[y].international_musd.value * MILLION
                    if y in series_by_year
                    and series_by_year[y].international_musd.value
                    else None
                    for y in years
                ),
            ),
            charts.Series(
                _("Casework ledger"),
                tuple(ledger_by_year.get(y) for y in years),
            ),
        ],
        label=_("Global mine action funding and the Casework ledger, USD per year"),
    )
    context = {
        "filters": filters,
        "tables": [(key, TABLE_TITLES[key], rows) for key, rows in tables.items()],
        "year_chart": charts.grouped_bars(
            [row.key for row in tables["year"]],
            [charts.Series(_("Ledger total"), tuple(r.usd for r in tables["year"]))],
            label=_("Contributions per year, USD"),
        ),
        "donor_chart": charts.horizontal_bars(
            [(r.label, r.usd) for r in tables["donor"]], label=_("Top donors, USD")
        ),
        "flow_chart": charts.sankey(
            [(f.donor, f.recipient, f.usd) for f in flow_rows],
            label=_("Donor to recipient flows, USD"),
        ),
        "flow_rows": flow_rows,
        "series": series,
        "series_chart": series_chart,
        "ledger_by_year": ledger_by_year,
        "includes_unpublished": can_read_unpublished(request.user),
        "statuses": [(ALL, _("All statuses")), *Status.choices],
        "sectors": Sector.choices,
        "sources": Source.choices,
        "donor_names": sorted(
            set(visible.values_list("donor__name", flat=True).distinct())
        ),
        "query": request.GET.urlencode(),
    }
    return render(request, "funding/dashboard.html", context)


def _series_download(series, ledger_rows, *, fmt: str) -> HttpResponse:
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
    return table_response("mine-action-funding-series", header, rows, fmt=fmt)
