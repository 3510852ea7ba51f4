"""One number parser (domain.locale) for the online report and its XLSX import."""

import io
from decimal import Decimal

import pytest
from django.utils import translation
from openpyxl import Workbook

from casework.domain.locale import NumberFormatError
from casework.reporting.answers import number_answer, read_number
from casework.reporting.imports import read_upload, read_xlsx, template_xlsx
from casework.reporting.tests.factories import answers, make_report
from casework.reporting.validation import validate

pytestmark = pytest.mark.django_db


def _needs_report(amount: str, language: str):
    data = answers()
    data["J"]["needs"] = [{"kind": "Financement", "amount": amount, "currency": "USD"}]
    return make_report(answers=data, language=language)


def _amount_issues(report):
    return [i.message for i in validate(report) if i.field == "J.needs.0.amount"]


@pytest.mark.parametrize("language", ["fr", "es"])
def test_a_decimal_comma_is_a_decimal_in_french_and_spanish_reports(language):
    report = _needs_report("823,4", language)
    assert read_number("823,4", report.language) == Decimal("823.4")
    assert _amount_issues(report) == []


def test_an_english_report_reads_the_comma_as_a_thousands_separator():
    with pytest.raises(NumberFormatError):
        read_number("823,4", "en")
    assert _amount_issues(_needs_report("823,4", "en"))  # misplaced separator
    assert read_number("1,234", "en") == Decimal(1234)
    assert read_number("1,234", "fr") == Decimal("1.234")


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_spaces_group_thousands_in_every_language(language):
    report = _needs_report("1 250 000", language)
    assert read_number("1 250 000", language) == Decimal(1250000)
    assert _amount_issues(report) == []


def test_a_number_with_the_wrong_decimal_mark_gets_a_message_saying_what_to_write():
    report = _needs_report("1.234,5", "en")
    with translation.override("en"):
        (message,) = _amount_issues(report)
    assert "Amount" in message and "1.234,5" in message
    assert "1250000 or 823.4" in message
    with translation.override("fr"):
        (message,) = _amount_issues(report)
    assert "Montant" in message and "1250000 ou 823.4" in message


def test_years_are_whole_and_plausible():
    data = answers()
    data["J"]["national_resources"][0]["year"] = "2025,5"
    report = make_report(answers=data, language="fr")
    fields = {i.field for i in validate(report)}
    assert "J.national_resources.0.year" in fields


def test_numbers_are_kept_as_typed_in_the_language_of_entry():
    assert number_answer(Decimal("823.4"), "fr") == "823,4"
    assert number_answer(Decimal("823.4"), "en") == "823.4"
    assert number_answer(250000.0, "es") == "250000"


def _workbook(cells, *, language=None):
    workbook = Workbook()
    if language:
        workbook.properties.language = language
    sheet = workbook.active
    sheet.title = "J.needs"
    sheet.append(["Kind [kind]", "Amount [amount]", "Currency [currency]"])
    for kind, amount in cells:
        sheet.append([kind, amount, "USD"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def test_an_import_reads_text_numbers_in_the_reports_language():
    data = _workbook([("a", "823,4"), ("b", "1 250 000"), ("c", 2500.5)])
    needs = read_xlsx(data, language="fr").answers["J"]["needs"]
    assert [n["amount"] for n in needs] == ["823,4", "1250000", "2500,5"]
    needs = read_xlsx(data, language="es").answers["J"]["needs"]
    assert needs[0]["amount"] == "823,4"


def test_the_files_own_decimal_mark_wins_and_the_number_is_kept_in_the_reports():
    data = _workbook([("a", "823.4"), ("b", "1,234")], language="en")
    needs = read_xlsx(data, language="fr").answers["J"]["needs"]
    assert [n["amount"] for n in needs] == ["823,4", "1234"]


def test_an_ambiguous_cell_is_left_out_with_its_sheet_and_cell_named():
    data = _workbook([("a", "1,234"), ("b", "12")])
    with translation.override("en"):
        proposal = read_xlsx(data)  # neither the file nor a report says the mark
    needs = proposal.answers["J"]["needs"]
    assert needs[0]["amount"] == "" and needs[1]["amount"] == "12"
    (problem,) = proposal.problems
    assert "J.needs" in problem and "B2" in problem
    assert "1234 or 1.234" in problem and "without a thousands separator" in problem


def test_a_cell_that_is_no_number_is_named_too():
    data = _workbook([("a", "beaucoup")])
    with translation.override("fr"):
        proposal = read_xlsx(data, language="fr")
    (problem,) = proposal.problems
    assert "Feuille « J.needs », cellule B2" in problem
    assert proposal.answers["J"]["needs"][0]["amount"] == ""


def test_the_template_writes_numbers_as_numbers_and_reads_them_back():
    data = answers()
    data["J"]["needs"] = [{"kind": "Financement", "amount": "823,4", "currency": "EUR"}]
    proposal = read_upload("t.xlsx", template_xlsx(data, language="fr"), language="fr")
    assert proposal.answers["J"]["needs"][0]["amount"] == "823,4"
    into_english = read_upload(
        "t.xlsx", template_xlsx(data, language="fr"), language="en"
    )
    assert into_english.answers["J"]["needs"][0]["amount"] == "823.4"
    assert proposal.problems == []
