import pytest

from casework.engagement import documents
from casework.engagement.demo import load_demo
from casework.engagement.models import Case, LogEntry
from casework.exports.docx import render_docx
from casework.exports.readback import docx_text

pytestmark = pytest.mark.django_db


def test_demo_loads_twice_without_duplicates():
    load_demo()
    counts = (Case.objects.count(), LogEntry.objects.count())
    load_demo()
    assert (Case.objects.count(), LogEntry.objects.count()) == counts


def test_demo_report_tells_the_issue_facts_in_french():
    load_demo()
    text = docx_text(render_docx(documents.annual_report_spec(2025, "fr")))
    assert (
        "Le 27 août 2025, le Comité a tenu un appel préparatoire avec le Soudan" in text
    )
    assert "Le 26 mars 2025, le Comité a tenu un atelier" in text
    assert "rapport final de l'approche individualisée de la Guinée-Bissau" in text
    assert "rapport final de l'approche individualisée du Soudan du Sud" in text
    assert (
        "les autorités nationales du Nigéria ont rendu visite à leurs homologues de la Türkiye"
        in text
    )


def test_demo_report_tells_the_issue_facts_in_spanish():
    load_demo()
    text = docx_text(render_docx(documents.annual_report_spec(2025, "es")))
    assert (
        "El 27 de agosto de 2025, el Comité mantuvo una llamada preparatoria con el "
        "Sudán" in text
    )
    assert "informe final del enfoque individualizado de Guinea-Bissau" in text
    assert "informe final del enfoque individualizado del Sudán del Sur" in text
    assert "Reunión de los Estados partes (demostración)" in text
