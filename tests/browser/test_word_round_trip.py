"""Issue 16: a committee member edits an observation (and the annual report) in Word
and brings it back.

Downloads the DOCX from the observation page, edits it as Word would (one paragraph
rewritten, one typed with track changes on, one comment), uploads it on the same page,
reads the paragraph diff, applies it, and the next DOCX export says what was accepted.
"""

import datetime as dt

import pytest

from casework.engagement.models import Event, LogEntry
from casework.exports.readback import docx_text
from casework.exports.tests import word_editing as word
from casework.observations.models import Observation, ObservationText, Revision
from casework.states.models import StateParty
from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db

PARAGRAPHS = [
    "Senegal reported on its national mine action platform.",
    "Senegal did not say how it takes gender and diverse needs into account.",
    "The Committee encourages Senegal to describe the support it still needs.",
]


@pytest.fixture
def observation():
    found = Observation.objects.create(
        state=StateParty.objects.get(iso3="SEN"), year=2025
    )
    ObservationText.objects.create(
        observation=found, language="en", generated="\n\n".join(PARAGRAPHS)
    )
    return found


def test_a_member_brings_back_a_word_copy_and_the_next_export_carries_it(
    page, live_server, committee_member, observation, tmp_path
):
    log_in(page, live_server, "member")
    page.goto(f"{live_server.url}/observations/{observation.pk}/")
    with page.expect_download() as download_info:
        page.locator("#text-en a", has_text="DOCX").click()
    downloaded = download_info.value.path()
    original = downloaded.read_bytes()
    assert "Senegal reported on its national mine action platform." in docx_text(
        original
    )

    edited = word.edit(
        original,
        word.replace_text(0, "Senegal reported in detail on its national platform."),
        word.comment(2, "Delegate: can we soften this?"),
        word.insert_tracked_after(1, "Senegal named a gender focal point in 2025."),
    )
    path = tmp_path / "observation-edited.docx"
    path.write_bytes(edited)
    page.set_input_files("#id_document_en", str(path))
    page.locator("#text-en form.word-upload button[type=submit]").click()
    page.wait_for_load_state()

    table = page.locator("table.word-changes")
    text = table.inner_text()
    assert "Senegal reported in detail on its national platform." in text
    assert "Senegal named a gender focal point in 2025." in text
    assert "soften" not in text  # the comment stays out of the text
    assert table.locator("tbody tr").count() == 2
    page.get_by_role("button", name="Apply the ticked changes").click()
    page.wait_for_load_state()
    assert "2 of 2 changes applied." in page.locator("main").inner_text()

    again = page.request.get(f"{live_server.url}/observations/{observation.pk}/en.docx")
    exported = docx_text(again.body())
    assert "Senegal reported in detail on its national platform." in exported
    assert "Senegal named a gender focal point in 2025." in exported
    assert "Senegal reported on its national mine action platform." not in exported
    assert "soften" not in exported
    revision = Revision.objects.get(source=Revision.Source.WORD)
    assert revision.author is not None and revision.author.username == "member"


def test_the_annual_report_comes_back_from_word_on_its_page(
    page, live_server, committee_member, tmp_path
):
    Event.objects.create(
        kind=Event.Kind.WORKSHOP,
        start=dt.date(2025, 3, 26),
        place="Geneva",
        titles={"en": "reporting on cooperation and assistance"},
    )
    log_in(page, live_server, "member")
    page.goto(f"{live_server.url}/engagement/years/2025/report/en/")
    with page.expect_download() as download_info:
        page.locator("a", has_text="DOCX").first.click()
    original = download_info.value.path().read_bytes()
    edited = word.edit(
        original,
        word.insert_tracked_after(1, "The Committee met the Article 5 Committee."),
    )
    path = tmp_path / "report-edited.docx"
    path.write_bytes(edited)
    page.set_input_files("#id_document_report", str(path))
    page.locator("form.word-upload button[type=submit]").click()
    page.wait_for_load_state()
    assert (
        "The Committee met the Article 5 Committee."
        in page.locator("table.word-changes").inner_text()
    )
    page.get_by_role("button", name="Apply the ticked changes").click()
    page.wait_for_load_state()
    assert (
        "The Committee met the Article 5 Committee."
        in page.locator("article").inner_text()
    )
    assert LogEntry.objects.filter(source_key="", year=2025).count() == 1
