import io

import pytest
from docx import Document

from casework.engagement import documents
from casework.engagement.demo import load_demo
from casework.engagement.models import Case, LogEntry
from casework.exports.docx import render_docx
from casework.exports.pdf import render_pdf
from casework.exports.readback import (
    docx_footnotes,
    docx_text,
    pdf_language,
    pdf_missing_glyphs,
    pdf_text,
)
from casework.states.demo import load_demo as load_states_demo

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates():
    load_demo()
    counts = (Case.objects.count(), LogEntry.objects.count())
    load_demo()
    assert (Case.objects.count(), LogEntry.objects.count()) == counts


def _demo() -> None:
    load_states_demo()  # the Committee's members and roles, as the site's demo loads them
    load_demo()


def _paragraphs(text: str, first: int, last: int) -> list[str]:
    """The text of Word-numbered paragraphs first..last ("N.\t…" lines), in order."""
    found = {}
    for line in text.splitlines():
        number, _, rest = line.partition(".\t")
        if number.isdigit():
            found[int(number)] = rest
    assert sorted(found) == list(range(first, last + 1)), sorted(found)
    return [found[n] for n in range(first, last + 1)]


def test_demo_french_report_has_the_seed_structure_and_facts():
    _demo()
    data = render_docx(documents.annual_report_spec(2025, "fr"))
    text = docx_text(data).replace("\u00a0", " ").replace("\u202f", " ")
    one = text.index("I. Activités du Comité")
    two = text.index("II. Mesures prioritaires")
    assert one < two
    activities = _paragraphs(text[one:two], 1, 11)
    priorities = _paragraphs(text[two:], 12, 18)
    assert len(priorities) == 7
    expected = [
        "Le Comité a été présidé par le Danemark du 1er janvier 2025 au 18 juin 2025 et "
        "par la Türkiye du 19 juin 2025",
        "Le 27 janvier 2025, le Comité a tenu à Genève sa première réunion",
        "Le Cameroun a assuré la fonction de point focal du Comité pour les questions "
        "de genre",
        "Le 26 mars 2025, le Comité a tenu à Genève un atelier",
        "Le Comité a appuyé le Comité sur l'application de l'article 5",
        "Le 11 juin 2025, le Comité a rencontré la présidence du Groupe de soutien à la "
        "lutte antimines",
        "avec la Guinée-Bissau et avec le Soudan du Sud",
        "Le 19 juin 2025, le Comité a organisé une table ronde sur le financement",
        "Le 21 juillet 2025, le Soudan a demandé à bénéficier de l'approche "
        "individualisée ; le 27 août 2025, le Comité a tenu un appel préparatoire avec "
        "le Soudan",
        "observations préliminaires sur les informations relatives à la coopération et à "
        "l'assistance communiquées par 40 États parties",
        "Du 6 au 9 octobre 2025, avec l'appui du Fonds de coopération et d'assistance, "
        "les autorités nationales du Nigéria ont rendu visite à leurs homologues de la "
        "Türkiye",
    ]
    for paragraph, words in zip(activities, expected, strict=True):
        assert words in paragraph
    assert "d'ici au 30 avril 2025" in activities[3]
    # the members of the year, with their articles, and the title block
    assert "(membres : Cameroun, Danemark, Suisse et Türkiye)" in text
    assert "Vingt-deuxième Assemblée des États parties" in text
    assert "Genève, du 1er au 5 décembre 2025" in text
    assert "Point 10 de l'ordre du jour provisoire" in text
    notes = docx_footnotes(data)
    assert any(note.startswith("https://") for note in notes)
    assert any("soumis tardivement" in note for note in notes)


def test_demo_spanish_report_at_its_url_is_spanish(client, committee_member):
    _demo()
    client.force_login(committee_member)
    response = client.get("/engagement/years/2025/report/es.docx")
    assert response.status_code == 200
    text = docx_text(response.content)
    assert "I. Actividades del Comité" in text
    assert "II. Medidas prioritarias" in text
    assert "el 27 de agosto de 2025, el Comité mantuvo una llamada preparatoria" in text
    assert "con Guinea-Bissau y con el Sudán del Sur" in text
    assert "Vigésima Segunda Reunión de los Estados Partes" in text
    header = Document(io.BytesIO(response.content)).sections[0].header
    assert "Borrador" in header.paragraphs[0].text  # not agreed yet
    pdf = client.get("/engagement/years/2025/report/es.pdf")
    assert pdf.status_code == 200
    assert pdf_language(pdf.content).startswith("es")
    assert "Actividades del Comité" in pdf_text(pdf.content)


def test_demo_report_is_a_un_document_in_both_formats():
    _demo()
    spec = documents.annual_report_spec(2025, "fr")
    data = render_docx(spec)
    document = Document(io.BytesIO(data))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    numbered = [
        p for p in document.paragraphs if p._p.find(f"{w}pPr/{w}numPr") is not None
    ]
    assert len(numbered) == 18  # Word numbers 1-18 itself
    assert "APLC/MSP.22/2025/DEMO.1" in document.sections[0].header.paragraphs[0].text
    assert document.core_properties.author == (
        "Comité sur le renforcement de la coopération et de l'assistance"
    )
    pdf = render_pdf(spec)
    assert pdf_missing_glyphs(pdf) == 0
    assert "Türkiye" in pdf_text(pdf)
