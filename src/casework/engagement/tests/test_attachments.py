"""Attachments are served by a permission-checked view, and uploads keep the site's limit."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.engagement.models import Attachment, Platform
from casework.engagement.tests import factories

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a presentation of our own\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def presentation(media):
    step = factories.StepFactory(kind="meeting")
    return Attachment.objects.create(
        step=step,
        kind=Attachment.Kind.PRESENTATION,
        title="Needs of the survey teams",
        file=SimpleUploadedFile("needs.pdf", PDF),
    )


def test_the_case_page_links_to_the_view_that_serves_the_file(
    client, committee_member, presentation
):
    client.force_login(committee_member)
    page = client.get(f"/engagement/cases/{presentation.step.case_id}/")
    link = f"/engagement/attachments/{presentation.pk}/"
    assert link in page.content.decode()
    assert "/media/" not in page.content.decode()

    response = client.get(link)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "private" in response["Cache-Control"]


def test_minutes_and_event_documents_link_to_the_view(client, support, media):
    client.force_login(support)
    platform = Platform.objects.create(state=factories.state("SEN"), exists=True)
    client.post(
        "/engagement/platforms/SEN/",
        {
            "minutes": "1",
            "minutes-title": "Minutes of March",
            "minutes-file": SimpleUploadedFile("minutes.txt", b"Met in March."),
        },
    )
    minutes = platform.attachments.get()
    body = client.get("/engagement/platforms/SEN/").content.decode()
    assert f"/engagement/attachments/{minutes.pk}/" in body
    response = client.get(f"/engagement/attachments/{minutes.pk}/")
    assert b"".join(response.streaming_content) == b"Met in March."

    event = factories.EventFactory()
    client.post(
        f"/engagement/events/{event.pk}/",
        {
            "document": "1",
            "document-title": "Agenda",
            "document-file": SimpleUploadedFile("agenda.docx", b"PK\x03\x04 a docx"),
        },
    )
    agenda = event.attachments.get()
    body = client.get(f"/engagement/events/{event.pk}/").content.decode()
    assert f"/engagement/attachments/{agenda.pk}/" in body
    response = client.get(f"/engagement/attachments/{agenda.pk}/")
    assert response["Content-Disposition"].startswith("attachment;")


@pytest.mark.parametrize("who", ["anonymous", "owner", "outsider"])
def test_outsiders_cannot_open_an_attachment(
    client, request, who, presentation, owner, outsider
):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(f"/engagement/attachments/{presentation.pk}/")
    assert response.status_code in (302, 403)
    assert PDF not in b"".join(
        getattr(response, "streaming_content", [response.content])
    )


def test_an_attachment_whose_file_is_gone_is_a_404(
    client, committee_member, presentation
):
    presentation.file.delete(save=False)
    client.force_login(committee_member)
    assert client.get(f"/engagement/attachments/{presentation.pk}/").status_code == 404


def test_an_upload_over_the_limit_is_dropped_while_streaming_and_named(
    client, committee_member, media, settings
):
    settings.MAX_UPLOAD_MB = 1
    step = factories.StepFactory(kind="meeting")
    client.force_login(committee_member)
    response = client.post(
        f"/engagement/steps/{step.pk}/presentations/",
        {
            "attachment-title": "Too big",
            "attachment-file": SimpleUploadedFile("huge.pdf", b"x" * (1024 * 1024 + 1)),
        },
        follow=True,
    )
    assert not step.attachments.exists()
    text = response.content.decode()
    assert "huge.pdf is larger than 1 MB" in text
    assert not list(media.rglob("huge*"))
