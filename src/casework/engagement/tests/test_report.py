"""The annual report: generated from the log, numbered, in UN style, in English and French."""

import datetime as dt

import pytest

from casework.engagement import documents
from casework.engagement.models import Case, CommitteeYear, LogEntry
from casework.engagement.services import platform_coverage, sync_log
from casework.engagement.tests import factories
from casework.exports.docx import render_docx
from casework.exports.pdf import render_pdf
from casework.exports.readback import docx_footnotes, docx_styles, docx_text, pdf_text

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


def test_the_title_block_is_edited_on_the_year_page_and_agreed_ends_the_draft(
    year_2025, client, committee_member
):
    client.force_login(committee_member)
    form = {
        "year": "1",
        "year-symbol": "APLC/MSP.22/2025/5",
        "year-issued_on": "2025-10-01",
        "year-meeting_en": "Twenty-second Meeting of the States Parties",
        "year-meeting_fr": "Vingt-deuxième Assemblée des États parties",
        "year-place_en": "Geneva",
        "year-place_fr": "Genève",
        "year-meeting_start": "2025-12-01",
        "year-meeting_end": "2025-12-05",
        "year-agenda_item": "10",
        "year-agenda_title_fr": "Coopération et assistance",
        "year-status": "draft",
    }
    client.post("/engagement/years/2025/", form)
    spec = documents.annual_report_spec(2025, "fr")
    assert spec.draft and spec.symbol == "APLC/MSP.22/2025/5"
    assert spec.head is not None
    assert spec.head.meeting == "Vingt-deuxième Assemblée des États parties"
    assert spec.head.place_and_dates == "Genève, du 1er au 5 décembre 2025"
    assert spec.head.agenda_item == "Point 10 de l'ordre du jour provisoire"
    assert spec.head.agenda_title == "Coopération et assistance"
    assert (
        spec.author == "Comité sur le renforcement de la coopération et de l'assistance"
    )
    english = documents.annual_report_spec(2025, "en")
    assert english.head is not None
    assert english.head.place_and_dates == "Geneva, 1–5 December 2025"
    assert english.head.agenda_item == "Item 10 of the provisional agenda"
    client.post("/engagement/years/2025/", {**form, "year-status": "final"})
    assert not documents.annual_report_spec(2025, "es").draft
    # a meeting that ends before it starts is refused, with the reason
    response = client.post(
        "/engagement/years/2025/", {**form, "year-meeting_end": "2025-11-01"}
    )
    assert "comes before its first day" in response.content.decode()


def test_a_late_report_says_so_in_a_footnote(year_2025):
    CommitteeYear.objects.create(year=2025, submitted_late=True)
    notes = docx_footnotes(render_docx(documents.annual_report_spec(2025, "en")))
    assert notes[0] == (
        "The present document was submitted late so as to include the most recent "
        "information."
    )


def test_a_final_report_typed_in_the_browser_keeps_its_paragraphs(
    year_2025, client, committee_member
):
    case = year_2025
    case.published_on = None
    case.save()
    client.force_login(committee_member)
    typed = "First paragraph.\r\n\r\nSecond paragraph.\r\nThird paragraph."
    client.post(
        f"/engagement/cases/{case.pk}/report/",
        {"save": "1", "final_report_en": typed},
    )
    response = client.get(f"/engagement/cases/{case.pk}/report/en.docx")
    text = docx_text(response.content)
    assert "1.\tFirst paragraph." in text
    assert "2.\tSecond paragraph." in text
    assert "3.\tThird paragraph." in text
    spec = documents.case_report_spec(Case.objects.get(pk=case.pk), "en")
    assert spec.draft  # not published yet
    case.published_on = dt.date(2025, 6, 30)
    case.save()
    assert not documents.case_report_spec(case, "en").draft
