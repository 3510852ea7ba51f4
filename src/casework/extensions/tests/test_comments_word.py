"""The comments for the Article 5 Committee edited in Word come back: compared,
accepted change by change, kept as a revision with the uploader."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from casework.exports.readback import docx_text
from casework.exports.tests import word_editing as word
from casework.extensions.demo import load_demo
from casework.extensions.models import (
    CommentRevision,
    CommentWordUpload,
    CommitteeComment,
    ExtensionRequest,
)
from casework.extensions.services import refresh_comments

pytestmark = pytest.mark.django_db


@pytest.fixture
def gaps():
    load_demo()
    extension = ExtensionRequest.objects.get(reference="DEMO-EXT-B")
    refresh_comments(extension)
    return extension


def test_comments_edited_in_word_are_reviewed_then_applied(client, support, gaps):
    client.force_login(support)
    original = client.get(f"/extensions/{gaps.pk}/comments/fr.docx").content
    comment = CommitteeComment.objects.get(request=gaps, language="fr")
    first = comment.text.split("\n\n")[0]
    edited = word.edit(
        original,
        word.replace_text(0, first + " Le Comité le note avec satisfaction."),
        word.comment(1, "Délégué : à revoir"),
        word.insert_tracked_after(1, "Le Comité souhaite un calendrier plus précis."),
    )
    response = client.post(
        f"/extensions/{gaps.pk}/comments/fr/word/",
        {"document": SimpleUploadedFile("commentaires.docx", edited)},
    )
    upload = CommentWordUpload.objects.get()
    assert response["Location"] == f"/extensions/comments/word/{upload.pk}/"
    page = client.get(response["Location"])
    kinds = [change.kind for _, change in page.context["changes"]]
    assert kinds == ["replace", "insert"]
    assert "à revoir" not in page.content.decode()
    client.post(response["Location"], {"accept": ["1"]})  # the insertion only
    comment.refresh_from_db()
    assert "Le Comité souhaite un calendrier plus précis." in comment.text
    assert "avec satisfaction" not in comment.text
    revision = CommentRevision.objects.get()
    assert revision.author == support and revision.source == "word"
    again = docx_text(client.get(f"/extensions/{gaps.pk}/comments/fr.docx").content)
    assert "Le Comité souhaite un calendrier plus précis." in again


def test_a_damaged_file_is_refused_with_its_reason(client, support, gaps):
    client.force_login(support)
    response = client.post(
        f"/extensions/{gaps.pk}/comments/en/word/",
        {"document": SimpleUploadedFile("comments.docx", b"PK broken")},
        follow=True,
    )
    assert "comments.docx could not be read" in response.content.decode()
    assert not CommentWordUpload.objects.exists()
