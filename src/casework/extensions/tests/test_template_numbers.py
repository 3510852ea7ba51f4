"""Numbers typed into the template are read by domain.locale.parse_number, in the
decimal mark of the template's language."""

from decimal import Decimal

import pytest

from casework.extensions.demo import COMPLETE
from casework.extensions.services import import_template
from casework.extensions.template_io import (
    build_template_csv,
    filled_template_xlsx,
    read_template,
)

pytestmark = pytest.mark.django_db


def _with_budget(language, row):
    fields, tables = COMPLETE
    return filled_template_xlsx(
        dict(fields, language=language), dict(tables, Budget=[row])
    )


def test_a_french_template_reads_a_decimal_comma():
    data = _with_budget("fr", (2027, "823,4", "1 000,5", "0", "0", "USD"))
    parsed = read_template(data, "fr.xlsx")
    assert parsed.errors == []
    assert parsed.fields["language"] == "fr"
    budget = parsed.tables["Budget"][0].values
    assert budget["total"] == Decimal("823.40")
    assert budget["national"] == Decimal("1000.50")


def test_a_spanish_template_imports_a_decimal_comma():
    result = import_template(
        _with_budget("es", (2027, "823,4", "0", "0", "0", "USD")), "es.xlsx"
    )
    assert result.errors == ()
    assert result.request.budget_years.get().total == Decimal("823.40")


def test_an_english_template_reads_a_thousands_comma():
    parsed = read_template(
        _with_budget("en", (2027, "1,234", "0", "0", "0", "USD")), "en.xlsx"
    )
    assert parsed.errors == []
    assert parsed.tables["Budget"][0].values["total"] == Decimal("1234.00")


def test_an_ambiguous_number_is_refused_with_where_and_what_to_type():
    result = import_template(
        _with_budget("", (2027, "1,234", "0", "0", "0", "USD")), "blank.xlsx"
    )
    assert result.request is None
    (message,) = [str(e) for e in result.errors if str(e).startswith("Budget!B2")]
    assert "“1,234”" in message
    assert "sheet Budget, row 2, column B" in message
    assert "whole number 1234" in message and "1.234 with decimals" in message
    assert "Type 1234 without a thousands separator" in message
    assert "“language” field of the Request sheet" in message


def test_an_ambiguous_number_in_a_csv_names_the_line_and_column():
    text = build_template_csv().decode("utf-8-sig")
    text = text.replace("Request,state,,", "Request,state,SEN,")
    text = text.replace("Request,language,en,", "Request,language,,")
    lines = [*text.splitlines(), 'Budget,2027,"2,500",0,0,0,USD']
    parsed = read_template("\n".join(lines).encode(), "request.csv")
    (error,) = parsed.errors
    assert error.cell == f"line {len(lines)}, column C"
    assert f"table Budget, line {len(lines)}, column C" in error.message


def test_a_language_the_template_does_not_know_is_refused():
    parsed = read_template(
        _with_budget("de", (2027, "10", "0", "0", "0", "USD")), "de.xlsx"
    )
    assert [e.cell for e in parsed.errors] == ["Request!B15"]
    assert "“de” is not a language of the template" in parsed.errors[0].message


def test_a_decimal_in_an_area_is_not_a_whole_number():
    fields, tables = COMPLETE
    data = filled_template_xlsx(
        dict(fields, language="fr"),
        dict(tables, Contamination=[("North", "12,5", "0")]),
    )
    parsed = read_template(data, "fr.xlsx")
    assert [e.cell for e in parsed.errors] == ["Contamination!B2"]
    assert "not a whole number" in parsed.errors[0].message
