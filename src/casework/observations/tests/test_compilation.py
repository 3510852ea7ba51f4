"""The compilation in English, French and Spanish, at `…/<year>/<language>.<format>`."""

import datetime as dt

import pytest
from django.urls import reverse

from casework.domain.indicators import COUNT, INDICATORS
from casework.domain.languages import UnknownLanguageError
from casework.exports.readback import docx_text, pdf_text
from casework.observations import services
from casework.observations.compilation import build_compilation
from casework.observations.tests.reviewed import reviewed_state

pytestmark = pytest.mark.django_db


@pytest.fixture
def agreed(reviewed):
    observation = services.generate(reviewed, 2025)
    services.advance(observation, by=None)
    return observation


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_spanish_compilation_docx_and_pdf_read_back_in_spanish(
    client, committee_member, agreed
):
    client.force_login(committee_member)
    for fmt, read in (("docx", docx_text), ("pdf", pdf_text)):
        response = client.get(f"/observations/compilation/2025/es.{fmt}")
        assert response.status_code == 200, fmt
        assert (
            f'filename="preliminary-observations-2025-es.{fmt}"'
            in response["Content-Disposition"]
        )
        text = _flat(read(response.content))
        assert "Observaciones preliminares sobre la cooperación y la asistencia" in text
        assert "Comité sobre la Mejora de la Cooperación y la Asistencia" in text
        assert (
            "El Senegal proporcionó información sobre los recursos nacionales" in text
        )
        assert (
            "0 de 1 Estado afectado proporcionaron información sobre: Dificultades"
            in text
        )
        assert (
            "1 de 1 Estado afectado proporcionó información sobre: Recursos nacionales"
            in text
        )
        assert "Preliminary observations" not in text, fmt
        assert "provided information" not in text, fmt


def test_content_types_follow_the_registry(client, support, agreed):
    client.force_login(support)
    docx = client.get(reverse("observations:compilation", args=[2025, "fr", "docx"]))
    pdf = client.get(reverse("observations:compilation", args=[2025, "fr", "pdf"]))
    assert docx["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.wordprocessingml"
    )
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")


@pytest.mark.parametrize(
    "url",
    [
        "/observations/compilation/2025/de.pdf",
        "/observations/compilation/2025/fr.odt",
        "/observations/compilation/2025/fr.csv",
        "/observations/compilation/2025/EN.pdf",
        "/observations/compilation/2025/de/pdf/",
        "/observations/compilation/2025/fr/odt/",
    ],
)
def test_unknown_language_or_format_is_a_404(client, support, url):
    client.force_login(support)
    assert client.get(url).status_code == 404


def test_old_url_is_a_permanent_redirect_to_the_new_shape(client, support, agreed):
    response = client.get("/observations/compilation/2025/fr/pdf/?drafts=1")
    assert response.status_code == 301
    assert response["Location"] == "/observations/compilation/2025/fr.pdf?drafts=1"
    response = client.get("/observations/compilation/2025/es/docx/")
    assert response["Location"] == "/observations/compilation/2025/es.docx"
    # The redirect reveals nothing: the new URL still asks for a login.
    assert client.get(response["Location"]).status_code == 302
    client.force_login(support)
    followed = client.get("/observations/compilation/2025/es/docx/", follow=True)
    assert followed.status_code == 200
    assert "El Senegal" in docx_text(followed.content)


def test_compilation_is_for_the_committee_only(client, owner, agreed):
    url = reverse("observations:compilation", args=[2025, "es", "pdf"])
    assert client.get(url).status_code == 302
    client.force_login(owner)
    assert client.get(url).status_code == 403


def test_french_names_numbers_and_date_line(support):
    sierra_leone = reviewed_state("SLE", 2025, support, sha="c")
    oman = reviewed_state("OMN", 2025, support, sha="d")
    for state in (sierra_leone, oman):
        services.advance(services.generate(state, 2025), by=None)
    spec = build_compilation(2025, language="fr", issued=dt.date(2025, 12, 1))
    assert spec.date_line == "1er décembre 2025"
    spanish = build_compilation(2025, language="es", issued=dt.date(2025, 12, 1))
    assert spanish.date_line == "1 de diciembre de 2025"
    from casework.exports.docx import render_docx
    from casework.exports.spec import Paragraph

    text = _flat(docx_text(render_docx(spec)))
    assert "La Sierra Leone a fourni des informations" in text
    assert "Le Comité a examiné les informations communiquées par Oman" in text
    assert "le Sierra Leone" not in text and "Le Sierra Leone" not in text
    assert "de Oman" not in text
    totals = [b.text for b in spec.blocks if isinstance(b, Paragraph)]
    nbsp = "\u00a0"
    assert (
        f"2 États sur 2 ont fourni des informations sur{nbsp}: Ressources nationales."
        in totals
    )
    assert f"0 État sur 2 a fourni des informations sur{nbsp}: Difficultés." in totals
    # French alphabetical order: Oman before Sierra Leone, both in the table.
    assert text.index("Oman |") < text.index("Sierra Leone |")


def test_every_indicator_has_a_column_and_a_total(support, agreed):
    from casework.exports.spec import Heading, PageBreak, Paragraph, Table

    spec = build_compilation(2025, language="es")
    table = next(b for b in spec.blocks if isinstance(b, Table))
    assert len(table.header) == 1 + COUNT
    assert table.header[1:] == tuple(i.label("es") for i in INDICATORS)
    blocks = list(spec.blocks)
    start = next(
        n
        for n, b in enumerate(blocks)
        if isinstance(b, Heading) and b.text == "Totales"
    )
    end = next(n for n, b in enumerate(blocks) if isinstance(b, PageBreak))
    totals = [b.text for b in blocks[start + 1 : end] if isinstance(b, Paragraph)]
    assert len(totals) == COUNT
    assert all(
        t.endswith(f"{i.label('es')}.") for t, i in zip(totals, INDICATORS, strict=True)
    )


def test_an_unknown_language_is_refused_not_written_in_english(agreed):
    with pytest.raises(UnknownLanguageError):
        build_compilation(2025, language="de")


def test_list_page_links_every_language_and_counts_from_the_domain(
    client, support, agreed
):
    client.force_login(support)
    page = client.get(reverse("observations:list") + "?year=2025").content.decode()
    for language in ("en", "fr", "es"):
        for fmt in ("docx", "pdf"):
            assert f'href="/observations/compilation/2025/{language}.{fmt}"' in page
    assert "PDF (Español)" in page
    assert f"1 / {COUNT}</td>" in page
