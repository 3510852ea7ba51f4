"""Issue 6's browser journey: the Committee records a year like 2025 and gets its report in French."""

import datetime as dt

import pytest

from casework.exports.readback import docx_text, pdf_text
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def split_chairs():
    """The membership and split chair, as kept with the committees (states app, read-only here)."""
    from casework.states.models import (
        Committee,
        CommitteeMembership,
        CommitteeRole,
        StateParty,
    )

    cooperation = Committee.objects.get(code="cooperation")
    term = {
        "committee": cooperation,
        "start": dt.date(2024, 11, 29),
        "end": dt.date(2026, 12, 4),
    }
    for iso3, start, end in (
        ("DNK", dt.date(2025, 1, 1), dt.date(2025, 6, 30)),
        ("TUR", dt.date(2025, 7, 1), dt.date(2025, 12, 31)),
    ):
        membership = CommitteeMembership.objects.create(
            state=StateParty.objects.get(iso3=iso3), **term
        )
        CommitteeRole.objects.create(
            membership=membership, kind="chair", start=start, end=end
        )


def submit(page, form_selector: str, button: str | None = None) -> None:
    locator = page.locator(f"{form_selector} button[type=submit]")
    if button:
        locator = page.locator(f"{form_selector} button[name={button}]")
    locator.first.click()
    page.wait_for_load_state()


def record_event(page, url, *, kind, title_en, title_fr, start, place="Geneva"):
    page.goto(f"{url}/engagement/events/")
    page.select_option("#event-form #id_kind", kind)
    page.fill("#event-form #id_title_en", title_en)
    page.fill("#event-form #id_title_fr", title_fr)
    page.fill("#event-form #id_start", start)
    page.fill("#event-form #id_place", place)
    submit(page, "#event-form")


def record_step(page, *, kind, date, place=""):
    page.select_option("#step-form #id_step-kind", kind)
    page.fill("#step-form #id_step-date", date)
    if place:
        page.fill("#step-form #id_step-place", place)
    submit(page, "#step-form")


def test_the_committee_records_2025_and_gets_its_french_report(
    page, live_server, support, split_chairs
):
    url = live_server.url
    log_in(page, live_server, "support")

    # The year's details
    page.goto(f"{url}/engagement/years/2025/")
    page.fill("#id_year-symbol", "APLC/MSP.22/2025/DEMO")
    page.fill("#id_year-issued_on", "2025-10-15")
    submit(page, "#year-form")
    assert "Denmark" in page.content() and "Türkiye" in page.content()

    # First meeting, the reporting workshop, the funding panel with a speaker
    record_event(
        page,
        url,
        kind="committee_meeting",
        title_en="its first meeting of the year",
        title_fr="sa première réunion de l'année",
        start="2025-01-27",
    )
    record_event(
        page,
        url,
        kind="workshop",
        title_en="reporting on cooperation and assistance",
        title_fr="l'établissement des rapports sur la coopération et l'assistance",
        start="2025-03-26",
    )
    record_event(
        page,
        url,
        kind="panel",
        title_en="funding for mine action",
        title_fr="le financement de la lutte antimines",
        start="2025-06-19",
    )
    page.fill("#speaker-form #id_name", "A. Speaker")
    page.fill("#speaker-form #id_organisation", "A donor agency")
    submit(page, "#speaker-form")
    assert "A. Speaker (A donor agency)" in page.content()

    # An individualised-approach case: request, call, meeting, final report, publication
    page.goto(f"{url}/engagement/cases/")
    page.select_option("#case-form #id_state", label="Guinea-Bissau")
    page.fill("#case-form #id_requested_on", "2025-02-03")
    submit(page, "#case-form")
    record_step(page, kind="preparatory_call", date="2025-03-20")
    record_step(page, kind="meeting", date="2025-06-18", place="Geneva")
    page.fill("#id_participant-organisation", "UNDP")
    page.locator("form.inline-form button", has_text="Add participant").click()
    page.wait_for_load_state()
    assert "UNDP" in page.locator("ol.timeline").inner_text()
    page.get_by_role("link", name="Final report").first.click()
    page.get_by_role("button", name="Draft from the case").click()
    page.wait_for_load_state()
    assert "la Guinée-Bissau" in page.input_value("#id_final_report_fr")
    page.fill("#id_published_on", "2025-06-30")
    submit(page, "#publish-form", "publish")
    assert "Published on" in page.content()
    case_path = page.url.replace(url, "").replace("report/", "")
    with page.expect_download() as download:
        page.get_by_role("link", name="Français DOCX").click()
    assert "rapport final concernant la Guinée-Bissau" in docx_text(
        download.value.path().read_bytes()
    )

    # An exchange visit taken through its status flow, with lessons
    page.goto(f"{url}/engagement/visits/")
    page.select_option("#visit-form #id_requesting_state", label="Nigeria")
    page.select_option("#visit-form #id_host_state", label="Türkiye")
    page.fill("#visit-form #id_topic_en", "setting up a mine action centre")
    page.fill("#visit-form #id_topic_fr", "la création d'un centre de lutte antimines")
    page.fill("#visit-form #id_start", "2025-10-06")
    page.fill("#visit-form #id_end", "2025-10-09")
    submit(page, "#visit-form")
    for _ in range(2):
        page.get_by_role("button", name="Move to").click()
        page.wait_for_load_state()
    page.fill(
        "#visit-form #id_lessons", "Bring the future centre's information officer."
    )
    submit(page, "#visit-form", "save")
    page.get_by_role("button", name="Move to").click()
    page.wait_for_load_state()
    assert page.locator("li.current").inner_text() == "Lessons recorded"
    page.goto(f"{url}/engagement/lessons/?q=information+officer")
    assert "Nigeria → Türkiye" in page.content()

    # Priorities for the next year
    page.goto(f"{url}/engagement/years/2025/")
    for order, (en, fr) in enumerate(
        [
            (
                "Follow up on the pledges.",
                "Assurer le suivi des annonces de contributions.",
            ),
            ("Improve the Fund's methods.", "Améliorer les méthodes du Fonds."),
        ],
        start=1,
    ):
        page.fill("#id_priority-order", str(order))
        page.fill("#id_priority-text_en", en)
        page.fill("#id_priority-text_fr", fr)
        submit(page, "#priority-form")

    # The French report, read in the browser, then rewritten and regenerated
    page.goto(f"{url}/engagement/years/2025/report/fr/")
    report = page.locator("article.un-document").inner_text()
    assert (
        "Présenté par le Comité sur le renforcement de la coopération et de l'assistance"
        in (report)
    )
    page.locator("#paragraph-3 a.edit").click()
    page.fill(
        "#id_edited_fr", "Le 3 février 2025, la Guinée-Bissau a demandé une réunion."
    )
    submit(page, "#entry-form")
    page.goto(f"{url}/engagement/years/2025/")  # regenerates the log
    page.goto(f"{url}/engagement/years/2025/report/fr/")
    assert (
        "la Guinée-Bissau a demandé une réunion."
        in page.locator("#paragraph-3").inner_text()
    )

    with page.expect_download() as download:
        page.get_by_role("link", name="DOCX").click()
    text = docx_text(download.value.path().read_bytes())
    one, two = (
        text.index("I. Activités du Comité"),
        text.index("II. Mesures prioritaires"),
    )
    activities, priorities = text[one:two], text[two:]
    expected = [
        "1.\tLe Comité a été présidé par le Danemark du 1er janvier 2025 au 30 juin 2025 et "
        "par la Türkiye du 1er juillet 2025 au 31 décembre 2025.",
        "2.\tLe 27 janvier 2025, le Comité a tenu sa première réunion de l'année à Genève.",
        "3.\tLe 3 février 2025, la Guinée-Bissau a demandé une réunion.",
        "4.\tLe 20 mars 2025, le Comité a tenu un appel préparatoire avec la Guinée-Bissau",
        "5.\tLe 26 mars 2025, le Comité a tenu un atelier sur l'établissement des rapports",
        "6.\tLe 18 juin 2025, une réunion au titre de l'approche individualisée consacrée à la "
        "Guinée-Bissau s'est tenue à Genève, avec UNDP.",
        "7.\tLe 19 juin 2025, le Comité a organisé une table ronde sur le financement de la "
        "lutte antimines à Genève, avec A. Speaker (A donor agency).",
        "8.\tLe 30 juin 2025, le Comité a publié le rapport final de l'approche individualisée "
        "de la Guinée-Bissau.",
        "9.\tDu 6 au 9 octobre 2025, avec l'appui du Fonds de coopération et d'assistance, les "
        "autorités nationales du Nigéria ont rendu visite à leurs homologues de la Türkiye",
    ]
    for paragraph in expected:
        assert paragraph in activities, paragraph
    assert "10.\tAssurer le suivi des annonces de contributions." in priorities
    assert "11.\tAméliorer les méthodes du Fonds." in priorities
    assert "APLC/MSP.22/2025/DEMO" in text and "15 octobre 2025" in text

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF").click()
    pdf = pdf_text(download.value.path().read_bytes())
    assert (
        "II. Mesures prioritaires" in pdf and "Améliorer les méthodes du Fonds." in pdf
    )

    # The published case is on the public page; the case file is not
    page.goto(f"{url}{case_path}")
    assert "Individualised approach: Guinea-Bissau" in page.content()
    page.context.clear_cookies()
    page.goto(f"{url}{case_path}")
    assert "/accounts/login/" in page.url
