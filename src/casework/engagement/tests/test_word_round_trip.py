"""The annual report and a case's final report edited in Word come back: compared,
accepted change by change, made where the text lives, kept as a revision."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from casework.engagement.models import LogEntry, Priority, Revision, WordUpload
from casework.exports.readback import docx_text
from casework.exports.tests import word_editing as word

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(client, committee_member):
    client.force_login(committee_member)
    return client


def _flat(text: str) -> str:
    return " ".join(text.split())


def _upload(client, url: str, data: bytes, name: str = "edited.docx"):
    return client.post(url, {"document": SimpleUploadedFile(name, data)})


def test_the_annual_report_comes_back_from_word(member, committee_member, year_2025):
    original = member.get("/engagement/years/2025/report/fr.docx").content
    # Body Text paragraphs: 0 "Présenté par …", 1.. the activities, then the priorities
    edited = word.edit(
        original,
        word.replace_text(
            3, "Le 27 janvier 2025, le Comité s'est réuni pour la première fois."
        ),
        word.comment(4, "Délégué : à vérifier"),
        word.insert_tracked_after(4, "Le Comité a tenu une réunion supplémentaire."),
        word.replace_text(0, "Un autre auteur"),  # written by Casework: not offered
    )
    response = _upload(member, "/engagement/years/2025/report/fr/word/", edited)
    upload = WordUpload.objects.get()
    assert response["Location"] == f"/engagement/word/{upload.pk}/"
    page = member.get(response["Location"]).content.decode()
    assert "s&#x27;est réuni pour la première fois" in page
    assert "une réunion supplémentaire" in page
    table = page[page.index("<table") : page.index("</table>")]
    assert "à vérifier" not in table and "Un autre auteur" not in table
    response = member.post(response["Location"], {"accept": ["0", "1"]})
    assert response.status_code == 302
    meeting = LogEntry.objects.get(
        edited__fr__startswith="Le 27 janvier 2025, le Comité s"
    )
    assert meeting.edited["fr"].endswith("pour la première fois.")
    added = LogEntry.objects.get(
        edited__fr="Le Comité a tenu une réunion supplémentaire."
    )
    assert added.source_key == "" and added.in_report
    revision = Revision.objects.get(source=Revision.Source.WORD)
    assert revision.author == committee_member and revision.year == 2025
    assert "Le Comité a tenu une réunion supplémentaire." in revision.paragraphs
    text = _flat(docx_text(member.get("/engagement/years/2025/report/fr.docx").content))
    assert "le Comité s'est réuni pour la première fois." in text
    assert "Le Comité a tenu une réunion supplémentaire." in text
    assert "Un autre auteur" not in text
    # the copy is applied once only
    member.post(f"/engagement/word/{upload.pk}/", {"accept": ["0"]})
    assert Revision.objects.count() == 1


def test_only_the_ticked_changes_are_made_and_priorities_stay_priorities(
    member, year_2025
):
    original = member.get("/engagement/years/2025/report/en.docx").content
    first_priority = Priority.objects.filter(year=2025)[0].text("en")
    body = word.body(Document(io.BytesIO(original)))
    last = len(body)
    edited = word.edit(
        original,
        word.replace_text(last - 1, "Second priority, rewritten in Word."),
        word.insert_tracked_after(last - 2, "A new priority typed in Word."),
        word.replace_text(2, body[2].text + " Refused addition."),
    )
    response = _upload(member, "/engagement/years/2025/report/en/word/", edited)
    changes = member.get(response["Location"]).context["changes"]
    chosen = [str(n) for n, c in changes if "Refused" not in "".join(c.after)]
    assert len(chosen) < len(changes)
    member.post(response["Location"], {"accept": chosen})
    texts = [p.text("en") for p in Priority.objects.filter(year=2025)]
    assert texts == [
        first_priority,
        "A new priority typed in Word.",
        "Second priority, rewritten in Word.",
    ]
    assert not any("Refused" in e.text("en") for e in LogEntry.objects.all())
    assert LogEntry.objects.filter(year=2025, in_report=False).count() == 0


def test_a_case_final_report_comes_back_from_word(member, committee_member, year_2025):
    case = year_2025
    member.post(
        f"/engagement/cases/{case.pk}/report/",
        {
            "save": "1",
            "final_report_en": "First of all.\r\n\r\nSecond point.\r\nThird.",
        },
    )
    assert Revision.objects.get().source == Revision.Source.BROWSER
    original = member.get(f"/engagement/cases/{case.pk}/report/en.docx").content
    edited = word.edit(
        original,
        word.replace_text(1, "Second point, as written."),
        word.insert_tracked_after(2, "Four."),
    )
    response = _upload(member, f"/engagement/cases/{case.pk}/report/en/word/", edited)
    changes = member.get(response["Location"]).context["changes"]
    assert [c.kind for _, c in changes] == ["replace", "insert"]
    member.post(response["Location"], {"accept": ["0", "1"]})
    case.refresh_from_db()
    assert case.final_report("en") == (
        "First of all.\n\nSecond point, as written.\n\nThird.\n\nFour."
    )
    revision = Revision.objects.get(source=Revision.Source.WORD)
    assert revision.case == case and revision.author == committee_member


def test_the_document_changed_since_the_upload_is_not_overwritten(member, year_2025):
    original = member.get("/engagement/years/2025/report/en.docx").content
    edited = word.edit(original, word.replace_text(2, "Changed in Word."))
    response = _upload(member, "/engagement/years/2025/report/en/word/", edited)
    entry = LogEntry.objects.filter(year=2025, in_report=True).order_by("date", "pk")[0]
    entry.edited = {"en": "Changed in Casework meanwhile."}
    entry.save()
    answer = member.post(response["Location"], {"accept": ["0"]}, follow=True)
    assert "was changed after this copy was uploaded" in answer.content.decode()
    assert not Revision.objects.exists()


def test_a_file_that_is_not_word_says_so(member, year_2025):
    response = _upload(
        member, "/engagement/years/2025/report/en/word/", b"not a zip", "notes.docx"
    )
    assert response.status_code == 302
    page = member.get(response["Location"]).content.decode()
    assert "notes.docx could not be read" in page
    assert not WordUpload.objects.exists()


def test_outsiders_cannot_see_an_upload(client, member, outsider, year_2025):
    original = member.get("/engagement/years/2025/report/en.docx").content
    response = _upload(member, "/engagement/years/2025/report/en/word/", original)
    url = response["Location"]
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_the_report_pages_offer_the_upload(member, year_2025):
    preview = member.get("/engagement/years/2025/report/es/").content.decode()
    assert 'action="/engagement/years/2025/report/es/word/"' in preview
    case_page = member.get(f"/engagement/cases/{year_2025.pk}/report/").content.decode()
    for code in ("en", "fr", "es"):
        assert (
            f'action="/engagement/cases/{year_2025.pk}/report/{code}/word/"'
            in case_page
        )
