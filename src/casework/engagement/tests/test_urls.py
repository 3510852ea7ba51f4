"""Generated documents live at `…/<language>.<format>`; the former URLs move there (301)."""

import datetime as dt
import io

import docx
import pytest

from casework.engagement.tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def member_client(client, committee_member):
    client.force_login(committee_member)
    return client


@pytest.fixture
def published(year_2025):
    return year_2025


def paragraphs(response) -> str:
    document = docx.Document(io.BytesIO(response.content))
    return "\n".join(p.text for p in document.paragraphs)


def test_the_annual_report_in_spanish_is_spanish(member_client, year_2025):
    response = member_client.get("/engagement/years/2025/report/es.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="committee-report-2025-es.docx"'
    )
    text = paragraphs(response)
    assert "I. Actividades del Comité" in text
    assert "II. Medidas prioritarias" in text
    assert "(miembros: Dinamarca y Türkiye)" in text
    assert (
        "El 27 de enero de 2025, el Comité celebró su primera reunión del año en Ginebra."
        in text
    )
    assert (
        "El 15 de enero de 2025, Guinea-Bissau solicitó participar en el enfoque"
        in text
    )
    assert "Mantener el enfoque individualizado abierto a todos los Estados." in text
    assert "Original: inglés" in text
    assert "the Committee" not in text


def test_the_final_report_in_spanish_is_spanish(member_client, published):
    published.final_reports = {}
    published.save()
    response = member_client.get(f"/engagement/cases/{published.pk}/report/es.docx")
    assert response.status_code == 200
    text = paragraphs(response)
    assert "Enfoque individualizado: informe final sobre Guinea-Bissau" in text
    assert "Necesidades presentadas: Survey equipment" in text
    assert "Está previsto un seguimiento a más tardar el 1 de noviembre de 2025" in text


def test_a_published_report_downloads_in_every_language(client, published):
    for language in ("en", "fr", "es"):
        for fmt in ("docx", "pdf"):
            url = f"/engagement/published/{published.pk}/report/{language}.{fmt}"
            response = client.get(url)
            assert response.status_code == 200, url
            assert response["Content-Disposition"].endswith(f'-{language}.{fmt}"')


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "/engagement/years/2025/report.es.pdf",
            "/engagement/years/2025/report/es.pdf",
        ),
        (
            "/engagement/cases/{case}/report.fr.docx",
            "/engagement/cases/{case}/report/fr.docx",
        ),
        (
            "/engagement/published/{case}/report.en.pdf?download=1",
            "/engagement/published/{case}/report/en.pdf?download=1",
        ),
    ],
)
def test_the_former_urls_move_permanently(client, published, old, new):
    response = client.get(old.format(case=published.pk))
    assert response.status_code == 301
    assert response["Location"] == new.format(case=published.pk)


def test_the_former_url_of_a_private_document_still_asks_to_log_in(client):
    case = factories.CaseFactory(requested_on=dt.date(2025, 1, 15))
    response = client.get(f"/engagement/cases/{case.pk}/report.en.pdf", follow=True)
    assert response.redirect_chain[0] == (
        f"/engagement/cases/{case.pk}/report/en.pdf",
        301,
    )
    assert response.redirect_chain[-1][0].startswith("/accounts/login/")


@pytest.mark.parametrize(
    "url",
    [
        "/engagement/years/2025/report/de.pdf",
        "/engagement/years/2025/report/fr.odt",
        "/engagement/years/2025/report.de.pdf",
        "/engagement/years/2025/report/de/",
    ],
)
def test_unknown_languages_and_formats_are_404(member_client, url):
    assert member_client.get(url).status_code == 404
