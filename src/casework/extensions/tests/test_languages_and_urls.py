"""Spanish comments, the export URLs of casework.exports, and public pages read-only."""

import io

import pytest
from docx import Document
from openpyxl import load_workbook

from casework.domain.languages import LANGUAGES
from casework.extensions.demo import load_demo
from casework.extensions.models import CommitteeComment, ExtensionRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def gaps():
    load_demo()
    return ExtensionRequest.objects.get(reference="DEMO-EXT-B")


def test_comments_are_drafted_in_every_language(client, support, gaps):
    client.force_login(support)
    client.post(f"/extensions/{gaps.pk}/comments/regenerate/")
    drafted = {c.language: c.generated for c in gaps.comments.all()}
    assert sorted(drafted) == sorted(LANGUAGES)
    assert drafted["es"].startswith("Tayikistán solicita una prórroga")
    assert "El Comité pide al Estado que aclare" in drafted["es"]
    assert "(Budget!C2" in drafted["es"]  # the cited cells, as in the other languages


def test_the_spanish_comments_export_as_a_spanish_docx(client, support, gaps):
    client.force_login(support)
    response = client.get(f"/extensions/{gaps.pk}/comments/es.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-comments-es.docx"')
    document = Document(io.BytesIO(response.content))
    paragraphs = [p.text for p in document.paragraphs if p.text.strip()]
    title = [p.text for p in document.paragraphs if p.style.name == "Title"]
    assert title == ["Observaciones para el Comité sobre la Aplicación del Artículo 5"]
    # the title block: the request's reference, then the date as Spanish writes it
    assert paragraphs[0] == gaps.reference
    assert any(" de 20" in p for p in paragraphs[1:4])
    assert any(p.startswith("Solicitud de prórroga de Tayikistán") for p in paragraphs)
    assert any("Tayikistán solicita una prórroga" in p for p in paragraphs)
    assert any(p == "Anexo" for p in paragraphs)
    header = [cell.text for cell in document.tables[0].rows[0].cells]
    assert header == ["Año", "Costo", "Nacional", "Obtenido", "Déficit"]


def test_a_spanish_edit_is_kept_and_exported(client, support, gaps):
    client.force_login(support)
    url = f"/extensions/{gaps.pk}/comments/es/"
    assert (
        client.post(url, {"text": "Texto revisado por el Comité."}).status_code == 302
    )
    client.post(f"/extensions/{gaps.pk}/comments/regenerate/")
    comment = CommitteeComment.objects.get(request=gaps, language="es")
    assert comment.edited == "Texto revisado por el Comité." and comment.generated
    pdf = client.get(f"/extensions/{gaps.pk}/comments/es.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    docx = client.get(f"/extensions/{gaps.pk}/comments/es.docx")
    text = "\n".join(p.text for p in Document(io.BytesIO(docx.content)).paragraphs)
    assert "Texto revisado por el Comité." in text


def test_the_detail_page_offers_the_spanish_comments(client, support, gaps):
    client.force_login(support)
    body = client.get(f"/extensions/{gaps.pk}/").content.decode()
    assert 'id="comments-es"' in body
    assert f"/extensions/{gaps.pk}/comments/es.docx" in body


@pytest.mark.parametrize(
    "tail", ["comments/fr.odt", "comments/de.pdf", "comments/es.xlsx", "comments/xx/"]
)
def test_an_unknown_language_or_format_is_404(client, support, gaps, tail):
    client.force_login(support)
    assert client.get(f"/extensions/{gaps.pk}/{tail}").status_code == 404


def test_comments_export_is_403_for_the_states_own_focal_point(client, make_user, gaps):
    client.force_login(make_user("tj", "focal_point", iso3="TJK"))
    assert client.get(f"/extensions/{gaps.pk}/").status_code == 200
    assert client.get(f"/extensions/{gaps.pk}/comments/es.docx").status_code == 403


@pytest.mark.parametrize(
    "url",
    [
        "/extensions/",
        "/extensions/template.xlsx",
        "/extensions/template.csv",
        "/extensions/state/KHM/",
    ],
)
def test_public_pages_refuse_a_post(client, url):
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405


def test_the_template_records_the_interface_language(client):
    response = client.get("/extensions/template.xlsx", HTTP_ACCEPT_LANGUAGE="fr")
    assert response["Content-Disposition"].endswith('extension-request-template.xlsx"')
    sheet = load_workbook(io.BytesIO(response.content))["Request"]
    values = {row[0].value: row[1].value for row in sheet.iter_rows(min_row=2)}
    assert values["language"] == "fr"
    english = client.get("/extensions/template.csv", HTTP_ACCEPT_LANGUAGE="en")
    assert "Request,language,en," in english.content.decode("utf-8-sig")


def test_the_detail_page_writes_numbers_and_dates_in_the_interface_language(
    client, support, gaps
):
    from casework.domain.locale import format_date, format_number, format_percent
    from casework.extensions.services import analyse_request

    _data, result = analyse_request(gaps)
    client.force_login(support)
    body = client.get(f"/extensions/{gaps.pk}/", HTTP_ACCEPT_LANGUAGE="fr").content
    page = body.decode()
    gap = format_number(round(result.total_gap), "fr", decimals=0)
    assert "\u00a0" in gap  # grouped the French way
    assert f'<span class="number" id="total-gap">{gap}</span>' in page
    assert format_date(gaps.current_deadline, "fr") in page
    share = format_percent(result.national_share, "fr")
    assert f'<span class="number">{share}</span>' in page and "\u00a0%" in share


def test_chart_labels_follow_the_language():
    from casework.extensions.analysis import YearGap
    from casework.extensions.charts import Labels, funding_gap_svg

    years = [
        YearGap(2027, 2_500_000.0, 500_000.0, 1_000_000.0, None, 1_000_000.0, "USD")
    ]
    french = funding_gap_svg(years, Labels("Financement", gap="Déficit", language="fr"))
    english = funding_gap_svg(years, Labels("Funding", gap="Gap", language="en"))
    assert ">2,5M</text>" in french and ">2.5M</text>" in english
    assert "Déficit: 1\u00a0000\u00a0000\u00a0USD" in french
    assert "Gap: USD 1,000,000" in english
