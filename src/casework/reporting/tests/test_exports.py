"""The report as a document in English, French and Spanish; its URLs; its tables."""

import io

import pytest
from django.urls import reverse
from django.utils import translation
from openpyxl import load_workbook

from casework.domain.treaty import TREATY
from casework.exports.readback import docx_text, pdf_text
from casework.reporting.imports import read_upload
from casework.reporting.layout import report_spec
from casework.reporting.models import Report
from casework.reporting.schema import FORMS
from casework.reporting.tests.factories import answers, make_report

pytestmark = pytest.mark.django_db


def _data():
    data = answers()
    data["J"]["needs"] = [
        {
            "kind": "Financement",
            "amount": "1200000,5",
            "currency": "USD",
            "period": "2026-2027",
            "purpose": "Dépollution",
        }
    ]
    return data


def _labels(language):
    with translation.override(language):
        return {
            "form_a": f"Formulario A — {FORMS[1].title}" if language == "es" else "",
            "cover": str(FORMS[0].title),
            "platform": str(FORMS[-1].field("platform_last_meeting").label),
            "amount": str(FORMS[-1].field("needs").column("amount").label),
        }


def test_a_french_report_exported_as_spanish_docx_has_spanish_labels(client, owner):
    report = make_report(answers=_data(), language="fr")
    client.force_login(owner)
    response = client.get(reverse("reporting:export", args=[report.pk, "es", "docx"]))
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-v1-es.docx"')
    text = docx_text(response.content)
    spanish = _labels("es")
    assert "Informe del Senegal en virtud del artículo 7" in text
    assert spanish["form_a"] in text
    assert spanish["platform"] in text and spanish["amount"] in text
    assert "Las respuestas se reproducen tal como se introdujeron, en francés." in text
    # no English or French label around the French answers
    assert "Form A —" not in text and "Formulaire A" not in text
    assert _labels("fr")["platform"] not in text
    # numbers and dates written the Spanish way; answers as entered
    assert "1.200.000,5" in text
    assert "20 de noviembre de 2025" in text and "2 de abril de 2026" in text
    assert "del 1 de enero al 31 de diciembre de 2025" in text
    assert "Loi 2001-05 portant interdiction des mines antipersonnel." in text
    # and the Spanish document reads back onto the French report's answers
    proposal = read_upload("es.docx", response.content, language="fr")
    assert proposal.answers["J"]["needs"][0]["amount"] == "1200000,5"
    assert proposal.answers["J"]["platform_last_meeting"] == "2025-11-20"
    assert proposal.answers["COVER"]["report_date"] == "2026-04-02"
    assert proposal.answers["A"]["measures"].startswith("Loi 2001-05")
    assert proposal.problems == []


@pytest.mark.parametrize(
    ("language", "title", "amount"),
    [
        ("en", "Article 7 report of Senegal", "1,200,000.5"),
        ("fr", "Rapport du Sénégal au titre de l'article 7", "1\u00a0200\u00a0000,5"),
        ("es", "Informe del Senegal en virtud del artículo 7", "1.200.000,5"),
    ],
)
def test_the_pdf_exists_in_every_language(client, owner, language, title, amount):
    report = make_report(answers=_data(), language="fr")
    client.force_login(owner)
    response = client.get(
        reverse("reporting:export", args=[report.pk, language, "pdf"])
    )
    assert response["Content-Type"] == "application/pdf"
    words = " ".join(pdf_text(response.content).split())
    assert title in words
    assert " ".join(amount.split()) in words or amount in words


def test_unknown_languages_and_formats_are_not_found(client, owner):
    report = make_report(language="fr")
    client.force_login(owner)
    for url in (
        f"/reporting/{report.pk}/report/de.pdf",
        f"/reporting/{report.pk}/report/fr.odt",
        f"/reporting/{report.pk}/tables.odt",
        f"/reporting/{report.pk}/tables.pdf",
        f"/reporting/{report.pk}/report.odt",
    ):
        assert client.get(url).status_code == 404, url


def test_the_old_address_moves_to_the_reports_own_language(client, owner):
    report = make_report(language="es")
    client.force_login(owner)
    response = client.get(f"/reporting/{report.pk}/report.pdf")
    assert response.status_code == 301
    assert response["Location"] == f"/reporting/{report.pk}/report/es.pdf"
    assert client.get(f"/reporting/{report.pk}/report.docx")["Location"].endswith(
        "/report/es.docx"
    )


def test_the_old_address_is_no_way_round_the_rules(client, outsider):
    report = make_report()
    client.force_login(outsider)
    assert client.get(f"/reporting/{report.pk}/report.pdf").status_code == 404
    assert client.get(f"/reporting/{report.pk}/report/fr.pdf").status_code == 404


def test_the_detail_page_links_every_language(client, owner):
    report = make_report(language="fr")
    client.force_login(owner)
    page = client.get(reverse("reporting:detail", args=[report.pk])).content.decode()
    for language in ("en", "fr", "es"):
        for fmt in ("pdf", "docx"):
            assert f"/reporting/{report.pk}/report/{language}.{fmt}" in page
    assert f"/reporting/{report.pk}/tables.csv" in page


def test_tables_carry_numbers_as_numbers(client, owner):
    report = make_report(answers=_data(), language="fr")
    client.force_login(owner)
    xlsx = client.get(reverse("reporting:tables", args=[report.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content))["needs"]
    assert sheet["D2"].value == 1200000.5
    resources = load_workbook(io.BytesIO(xlsx.content))["national_resources"]
    assert resources["C2"].value == 2025  # a year, not "2 025"
    csv = client.get(reverse("reporting:tables", args=[report.pk, "csv"]))
    assert csv["Content-Disposition"].endswith('-assistance.csv"')
    assert "1200000.5" in csv.content.decode("utf-8-sig")


def test_the_read_only_view_writes_numbers_and_dates_in_the_readers_language(
    client, owner
):
    report = make_report(answers=_data(), language="fr", status=Report.Status.SUBMITTED)
    client.force_login(owner)
    url = reverse("reporting:detail", args=[report.pk])
    with translation.override("en"):
        english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1,200,000.5" in english and "20 November 2025" in english
    client.cookies["django_language"] = "es"
    spanish = client.get(url, HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert "1.200.000,5" in spanish and "20 de noviembre de 2025" in spanish


def test_the_list_page_gives_the_treatys_deadline(client, owner):
    client.force_login(owner)
    page = client.get(reverse("reporting:list"), HTTP_ACCEPT_LANGUAGE="en")
    deadline = TREATY.report_deadline(page.context["default_year"])
    assert deadline.month == 4 and deadline.day == 30
    assert f"is due on 30 April {deadline.year}" in page.content.decode()


def test_report_spec_defaults_to_the_language_of_entry():
    report = make_report(language="es")
    spec = report_spec(report)
    assert spec.language == "es"
    assert spec.title == "Informe del Senegal en virtud del artículo 7"
