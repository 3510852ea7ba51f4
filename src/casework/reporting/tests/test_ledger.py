"""Data entered once travels: a submitted report's needs and support received reach the
funding ledger as the State reported them, and are not counted as donor money."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from casework.funding.models import Contribution, Need, NeedSource
from casework.reporting import services
from casework.reporting.models import Report
from casework.reporting.tests.factories import answers, make_report

pytestmark = pytest.mark.django_db


def report_with_form_j(
    language: str, needs_amount: str, received_amount: str
) -> Report:
    data = answers()
    data["J"]["needs"] = [
        {
            "kind": "Clearance",
            "amount": needs_amount,
            "currency": "USD",
            "period": "2026-2027",
            "purpose": "Northern area",
        }
    ]
    data["J"]["assistance_received"] = [
        {
            "donor": "Norway",
            "amount": received_amount,
            "currency": "USD",
            "year": "2025",
            "purpose": "Survey",
        }
    ]
    report = make_report(answers=data)
    report.language = language
    report.save()
    return report


@time_machine.travel(dt.datetime(2026, 4, 10, 10, 0, tzinfo=dt.UTC), tick=False)
@pytest.mark.parametrize(
    ("language", "needs", "received"),
    [("en", "2,500,000", "450,000"), ("fr", "2 500 000", "450 000")],
)
def test_needs_and_support_received_reach_the_ledger_once(
    owner, colleague, settings, tmp_path, language, needs, received
):
    settings.MEDIA_ROOT = tmp_path
    report = report_with_form_j(language, needs, received)
    services.request_clearance(report, user=owner)
    services.clear(report, user=colleague)
    services.submit(Report.objects.get(pk=report.pk), user=owner)

    need = Need.objects.get(state=report.state, source=NeedSource.REPORT)
    assert need.amount == Decimal("2500000") and need.year == report.year
    said = Contribution.objects.get(
        recipient_iso3=report.state.iso3, source="state_report"
    )
    assert said.amount == Decimal("450000") and said.donor.name == "Norway"
    # The year the row gives (2025), not the report's (2026): reconciled with donors' 2025.
    assert report.year == 2026 and said.year == 2025
    # The ledger names the report as the need does, not by an internal key.
    assert "reporting.report:" not in said.source_reference
    assert need.source_reference.startswith(said.source_reference + ": ")

    # Filed again (a corrected report): replaced, not added.
    from casework.reporting.feed import _record_in_the_ledger

    _record_in_the_ledger(Report.objects.get(pk=report.pk))
    assert (
        Need.objects.filter(state=report.state, source=NeedSource.REPORT).count() == 1
    )
    assert (
        Contribution.objects.filter(
            recipient_iso3=report.state.iso3, source="state_report"
        ).count()
        == 1
    )


@time_machine.travel(dt.datetime(2026, 4, 10, 10, 0, tzinfo=dt.UTC), tick=False)
def test_the_ledger_names_the_report_in_one_wording_whoever_submits(
    owner, colleague, settings, tmp_path
):
    from django.utils import translation

    settings.MEDIA_ROOT = tmp_path
    report = report_with_form_j("fr", "2 500 000", "450 000")
    services.request_clearance(report, user=owner)
    services.clear(report, user=colleague)
    with translation.override("fr"):
        services.submit(Report.objects.get(pk=report.pk), user=owner)
    need = Need.objects.get(state=report.state, source=NeedSource.REPORT)
    assert need.source_reference.startswith(
        f"Online Article 7 report of Senegal for {report.year}"
    )
    said = Contribution.objects.get(
        recipient_iso3=report.state.iso3, source="state_report"
    )
    assert said.source_reference == need.source_reference.split(": ")[0]


def test_a_row_without_a_plausible_year_takes_the_report_year():
    from casework.funding.needs_sources import row_year

    assert row_year({"year": "2025"}, default=2026) == 2025
    assert row_year({"year": ""}, default=2026) == 2026
    assert row_year({"year": "20255"}, default=2026) == 2026
    assert row_year({}, default=2026) == 2026
