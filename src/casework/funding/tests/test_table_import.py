"""CSV/XLSX imports from the published template: per-row errors, no duplicates."""

from decimal import Decimal

import pytest

from casework.exports.tables import render_csv, render_xlsx
from casework.funding import table_import
from casework.funding.models import Contribution, Source
from casework.funding.services import ImportResult, save_rows, set_rate

pytestmark = pytest.mark.django_db

GOOD = list(table_import.CONTRIBUTION_EXAMPLE)
BAD_YEAR = [*GOOD[:4], "20x4", *GOOD[5:]]
BAD_STATUS = [*GOOD[:7], "promised", *GOOD[8:]]


def load(data: bytes, filename: str) -> ImportResult:
    parsed = table_import.parse_contributions(data, filename=filename)
    result = ImportResult(skipped=parsed.skipped, messages=parsed.messages)
    return save_rows(parsed.rows, batch=None, result=result)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_good_rows_import_and_bad_rows_get_a_message(fmt):
    header = table_import.CONTRIBUTION_COLUMNS
    rows = [GOOD, BAD_YEAR, BAD_STATUS]
    data = (
        render_csv(header, rows)
        if fmt == "csv"
        else render_xlsx({"contributions": (header, rows)})
    )
    set_rate("NOK", 2024, Decimal("10"))

    result = load(data, f"table.{fmt}")

    assert len(result.created) == 1
    assert result.created[0].amount_usd == Decimal("150000.00")
    assert result.messages == [
        ("row 3", "year: '20x4' is not a year"),
        ("row 4", "status: 'promised' is not one of pledged, committed, disbursed"),
    ]
    assert load(data, f"table.{fmt}").created == []


def test_missing_columns_are_named():
    with pytest.raises(table_import.TableError, match="columns missing: amount"):
        table_import.parse_contributions(b"donor,year\nX,2020\n", filename="x.csv")


def test_same_money_from_two_sources_is_kept_once_in_totals():
    header = table_import.CONTRIBUTION_COLUMNS
    monitor = [*GOOD[:10], "monitor", "Landmine Monitor 2025 table", GOOD[12]]
    load(render_csv(header, [GOOD]), "a.csv")
    load(render_csv(header, [monitor]), "b.csv")

    first = Contribution.objects.get(source=Source.ARTICLE7)
    second = Contribution.objects.get(source=Source.MONITOR)
    assert second.duplicate_of == first
    assert first.duplicate_of is None


def test_rates_table_reports_bad_rows():
    data = render_csv(
        table_import.RATE_COLUMNS,
        [("EUR", "2024", "0.92", "x"), ("EUR", "2023", "-1", "")],
    )
    parsed = table_import.parse_rates(data, filename="rates.csv")
    assert len(parsed.rows) == 1
    assert parsed.messages == [("row 3", "units_per_usd: must be more than 0")]
