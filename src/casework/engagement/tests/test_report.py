"""The annual report: generated from the log, numbered, in UN style, in English and French."""

import datetime as dt

import pytest

from casework.engagement import documents
from casework.engagement.models import LogEntry
from casework.engagement.services import platform_coverage, sync_log
from casework.engagement.tests import factories
from casework.exports.docx import render_docx
from casework.exports.pdf import render_pdf
from casework.exports.readback import docx_styles, docx_text, pdf_text

pytestmark = pytest.mark.django_db


def test_french_report_numbers_every_activity_and_the_priorities(year_2025):
    spec = documents.annual_report_spec(2025, "fr")
    # French typography: the renderer puts a no-break space before ":" and ";"
    text = docx_text(render_docx(spec)).replace("\u00a0", " ")
    assert (
        "Présenté par le Comité sur le renforcement de la coopération et de l'assistance"
        in text
    )
    assert "(membres : Danemark et Türkiye)" in text
    one = text.index("I. Activités du Comité")
    two = text.index("II. Mesures prioritaires")
    activities, priorities = text[one:two], text[two:]
    expected = [
        "1.\tLe Comité a été présidé par le Danemark du 1er janvier 2025 au 30 juin 2025 "
        "et par la Türkiye du 1er juillet 2025 au 31 décembre 2025.",
        "2.\tLe 15 janvier 2025, la Guinée-Bissau a demandé à bénéficier de l'approche",
        "3.\tLe 27 janvier 2025, le Comité a tenu sa première réunion de l'année à Genève.",
        "4.\tLe 1er mars 2025, le Comité a tenu un appel préparatoire avec la Guinée-Bissau",
        "5.\tLe 26 mars 2025, le Comité a tenu un atelier sur l'établissement des rapports",
        "6.\tDu 12 au 15 mai 2025, avec l'appui du Fonds de coopération et d'assistance, les "
        "autorités nationales du Nigéria ont rendu visite à leurs homologues de la Türkiye",
        "7.\tLe 18 juin 2025, une réunion au titre de l'approche individualisée consacrée à la "
        "Guinée-Bissau s'est tenue à Genève, en marge de réunions intersessions, avec UNDP et "
        "le Danemark.",
        "8.\tLe 30 juin 2025, le Comité a publié le rapport final de l'approche individualisée "
        "de la Guinée-Bissau.",
    ]
    for paragraph in expected:
        assert paragraph in activities
    assert "9.\tMaintenir l'approche individualisée" in priorities
    assert "10.\tDeuxième priorité." in priorities
    # the workshop's link is a footnote; the follow-up not yet done is not an activity
    assert spec.footnotes() == ["https://example.org/workshop"]
    assert "https://example.org/workshop" in text
    assert "suivi" not in activities


def test_docx_has_real_headings_and_the_pdf_reads_back(year_2025):
    spec = documents.annual_report_spec(2025, "en")
    styles = docx_styles(render_docx(spec))
    assert styles.count("Heading 1") == 2
    text = pdf_text(render_pdf(spec))
    assert "I. Activities of the Committee" in text
    assert "On 26 March 2025, the Committee held a workshop on reporting" in text
    assert "II. Priority actions" in text


def test_an_edited_paragraph_survives_regeneration(year_2025):
    sync_log(2025)
    entry = LogEntry.objects.get(source_key__startswith="visit:")
    entry.edited = {"fr": "Texte réécrit par le Comité."}
    entry.save()
    from casework.engagement.models import ExchangeVisit

    visit = ExchangeVisit.objects.get()
    visit.topics = {**visit.topics, "en": "running a national mine action centre"}
    visit.save()
    sync_log(2025)
    entry.refresh_from_db()
    assert "running a national mine action centre" in entry.generated["en"]
    assert entry.edited == {"fr": "Texte réécrit par le Comité."}
    text = docx_text(render_docx(documents.annual_report_spec(2025, "fr")))
    assert "Texte réécrit par le Comité." in text
    assert "running a national mine action centre" in docx_text(
        render_docx(documents.annual_report_spec(2025, "en"))
    )


def test_a_deleted_source_takes_its_generated_entry_away(year_2025):
    sync_log(2025)
    count = LogEntry.objects.filter(year=2025).count()
    from casework.engagement.models import Event

    Event.objects.get(kind="workshop").delete()
    assert sync_log(2025) == 1
    assert LogEntry.objects.filter(year=2025).count() == count - 1
    assert sync_log(2025) == 0  # nothing left to do: regeneration is idempotent


def test_case_final_report_is_drafted_from_the_case(year_2025):
    draft = documents.draft_case_report(year_2025, "fr")
    assert "Besoins présentés : Survey equipment" in draft
    assert "Un suivi est prévu d'ici au 1er novembre 2025" in draft
    spec = documents.case_report_spec(year_2025, "fr")
    assert (
        spec.title
        == "Approche individualisée : rapport final concernant la Guinée-Bissau"
    )
    assert "Final report." in pdf_text(render_pdf(spec))


def test_platform_coverage_counts_affected_states():
    from casework.engagement.models import Platform
    from casework.states.models import StateParty

    affected = StateParty.objects.filter(
        article5_status="yes", withdrawal_effective__isnull=True
    )
    first, second = affected[:2]
    Platform.objects.create(state=first, exists="yes")
    Platform.objects.create(state=second, exists="no")
    Platform.objects.create(state=factories.state("DNK"), exists="yes")  # not affected
    assert platform_coverage() == (1, affected.count())


def test_report_years_are_separate(year_2025):
    factories.EventFactory(start=dt.date(2024, 12, 2), titles={"en": "a 2024 workshop"})
    section_one, _ = documents.report_sections(2025, "en")
    assert not any("2024 workshop" in p.text for p in section_one)


def test_an_event_moved_to_another_year_moves_its_entry(year_2025):
    from casework.engagement.models import Event

    sync_log(2025)
    workshop = Event.objects.get(kind="workshop")
    entry = LogEntry.objects.get(source_key=f"event:{workshop.pk}")
    entry.edited = {"en": "Edited."}
    entry.save()
    workshop.start = dt.date(2026, 3, 26)
    workshop.save()
    sync_log(2026)  # before 2025 is regenerated
    entry.refresh_from_db()
    assert (entry.year, entry.date, entry.edited["en"]) == (
        2026,
        dt.date(2026, 3, 26),
        "Edited.",
    )
    sync_log(2025)
    assert LogEntry.objects.filter(source_key=f"event:{workshop.pk}").count() == 1
