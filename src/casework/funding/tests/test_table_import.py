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


# --- numbers: one parser, the file's decimal mark -------------------------------------

HEADER_LINE = ",".join(table_import.CONTRIBUTION_COLUMNS)


def csv_with_amounts(*amounts: str, separator: str = ",") -> bytes:
    """A template CSV, one row per amount (quoted, as spreadsheets write them)."""
    lines = [separator.join(table_import.CONTRIBUTION_COLUMNS)]
    for number, value in enumerate(amounts):
        cells = [*GOOD[:5], f'"{value}"', *GOOD[6:10], GOOD[10], f"ref {number}", ""]
        lines.append(separator.join(cells))
    return ("\n".join(lines) + "\n").encode()


def amounts_of(parsed) -> list[Decimal]:
    return [row.amount for row in parsed.rows]


def test_semicolon_csv_is_read_with_a_decimal_comma_and_says_so():
    data = csv_with_amounts("823,4", "1 593 487", "1.234,5", separator=";")

    parsed = table_import.parse_contributions(data, filename="comma.csv")

    assert amounts_of(parsed) == [
        Decimal("823.4"),
        Decimal("1593487"),
        Decimal("1234.5"),
    ]
    assert parsed.messages == []
    assert parsed.notes == [("comma.csv", parsed.notes[0][1])]
    assert "comma" in parsed.notes[0][1]


def test_the_file_shows_its_decimal_mark_and_ambiguous_cells_follow_it():
    # "823,4" can only be a decimal comma: "1,234" in the same file is 1.234.
    parsed = table_import.parse_contributions(
        csv_with_amounts("823,4", "1,234"), filename="x.csv"
    )
    assert amounts_of(parsed) == [Decimal("823.4"), Decimal("1.234")]
    assert "as the file writes '823,4'" in parsed.notes[0][1]


def test_an_ambiguous_cell_is_refused_with_its_row_column_and_advice():
    data = csv_with_amounts("1500000", "1 593 487", "", "1,234")
    # A blank line keeps the numbering of the rows below it.
    data = data.replace(b"\n", b"\n,,,,,,,,,,,,\n", 1)

    parsed = table_import.parse_contributions(data, filename="x.csv")

    assert amounts_of(parsed) == [Decimal("1500000"), Decimal("1593487")]
    assert parsed.skipped == 2
    (where_empty, empty), (where, message) = parsed.messages
    assert (where_empty, where) == ("row 5", "row 6")
    assert empty.startswith("amount: '' is not a number")
    assert message.startswith("amount: '1,234' could be 1234 or 1.234.")
    assert "Write it without a thousands separator" in message


def test_the_decimal_mark_chosen_on_the_form_wins():
    data = csv_with_amounts("1,234", "2,5")
    point = table_import.parse_contributions(data, filename="x.csv", decimal_mark=".")
    comma = table_import.parse_contributions(data, filename="x.csv", decimal_mark=",")

    assert amounts_of(point) == [Decimal("1234")]
    assert point.messages[0][0] == "row 3"  # "2,5" is no number with a decimal point
    assert amounts_of(comma) == [Decimal("1.234"), Decimal("2.5")]


def test_a_file_that_writes_numbers_both_ways_reads_each_on_its_own():
    parsed = table_import.parse_contributions(
        csv_with_amounts("823,4", "10.75", "1.234"), filename="x.csv"
    )
    assert amounts_of(parsed) == [Decimal("823.4"), Decimal("10.75")]
    assert parsed.messages[0][0] == "row 4"
    assert "both ways" in parsed.notes[0][1]


def test_workbook_number_cells_are_never_ambiguous():
    header = table_import.CONTRIBUTION_COLUMNS
    rows = [
        [*GOOD[:4], 2024, 823.4, *GOOD[6:]],
        [*GOOD[:4], 2024, "1 234,5", *GOOD[6:11], "other ref", GOOD[12]],
    ]
    data = render_xlsx({"contributions": (header, rows)})

    parsed = table_import.parse_contributions(data, filename="x.xlsx")

    assert amounts_of(parsed) == [Decimal("823.4"), Decimal("1234.5")]
    assert [row.year for row in parsed.rows] == [2024, 2024]


def test_rates_use_the_same_reading():
    data = b"currency;year;units_per_usd;source\nEUR;2024;0,92;x\nNOK;2024;10,75;y\n"
    parsed = table_import.parse_rates(data, filename="rates.csv")
    assert [r.units_per_usd for r in parsed.rows] == [
        Decimal("0.92"),
        Decimal("10.75"),
    ]
