"""The one exporter: formula-leading text neutralised, numbers and dates typed."""

import csv
import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from casework.exports.cells import FORMULA_LEADS, csv_text, neutralise, typed
from casework.exports.tables import render_csv, render_xlsx

ATTACK = '=HYPERLINK("http://x","y")'


@pytest.mark.parametrize("lead", FORMULA_LEADS)
def test_every_formula_lead_gets_an_apostrophe(lead):
    assert neutralise(f"{lead}1+1") == f"'{lead}1+1"
    assert typed(f"{lead}cmd") == f"'{lead}cmd"


@pytest.mark.parametrize("text", ["-5", "-1234.50", "+3", "-2e5"])
def test_a_signed_number_as_text_is_left_alone(text):
    assert neutralise(text) == text


@pytest.mark.parametrize(
    "text", ["-1+1", "-5,cmd", "+41 22 917 00 00", "-", "=1", "@A1"]
)
def test_anything_more_than_a_number_is_neutralised(text):
    assert neutralise(text) == "'" + text


def test_plain_text_and_numbers_are_left_alone():
    assert neutralise("Norway 2024") == "Norway 2024"
    assert typed(-5) == -5 and typed(Decimal("-1.5")) == Decimal("-1.5")
    assert csv_text(Decimal("-1500000.00")) == "-1500000.00"
    assert csv_text(dt.date(2025, 12, 1)) == "2025-12-01"
    assert csv_text(None) == ""


def test_xlsx_text_is_never_a_formula_and_numbers_are_numeric():
    data = render_xlsx(
        {
            "t": (
                ("=header", "amount", "on"),
                [
                    (ATTACK, Decimal("-1234.5"), dt.date(2025, 3, 1)),
                    ("@SUM(A1)", 7, None),
                ],
            )
        }
    )
    sheet = load_workbook(io.BytesIO(data)).active
    cells = [[(c.value, c.data_type) for c in row] for row in sheet.iter_rows()]
    assert cells[0][0] == ("'=header", "s")
    assert cells[1][0] == ("'" + ATTACK, "s")
    assert cells[1][1] == (-1234.5, "n")
    assert cells[1][2][0] == dt.datetime(2025, 3, 1) and cells[1][2][1] == "d"
    assert cells[2][0] == ("'@SUM(A1)", "s") and cells[2][1] == (7, "n")
    assert not any(t == "f" for row in cells for _v, t in row)


def test_csv_text_is_neutralised_and_numbers_keep_their_sign():
    data = render_csv(
        ("a", "b"), [("+cmd|' /C calc'!A0", -3), ("\tx", Decimal("2.50"))]
    )
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[1] == ["'+cmd|' /C calc'!A0", "-3"]
    assert rows[2] == ["'\tx", "2.50"]


@pytest.mark.django_db
def test_public_ledger_exports_neutralise_a_contribution_description(client):
    from casework.funding.tests.factories import ContributionFactory

    ContributionFactory(description=ATTACK, amount=Decimal("1500000.00"))
    url = reverse("funding:ledger")

    workbook = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    sheet = workbook.active
    header = [c.value for c in sheet[1]]
    row = sheet[2]
    description = row[header.index("description")]
    assert description.value == "'" + ATTACK and description.data_type == "s"
    amount = row[header.index("amount")]
    assert amount.data_type == "n" and amount.value == 1500000
    assert row[header.index("year")].data_type == "n"

    text = client.get(url, {"format": "csv"}).content.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["description"] == "'" + ATTACK
    assert Decimal(rows[0]["amount"]) == Decimal("1500000")
