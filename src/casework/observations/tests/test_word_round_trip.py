"""An observation edited in Word comes back: compared, accepted change by change, kept
as a revision with its uploader; the Cooperation Committee alone edits its observations."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document

from casework.exports.readback import docx_text
from casework.exports.tests import word_editing as word
from casework.observations import services
from casework.observations.models import Revision, WordUpload

pytestmark = pytest.mark.django_db


@pytest.fixture
def observation(reviewed):
    return services.generate(reviewed, 2025)


def docx_of(client, observation, language="en") -> bytes:
    url = reverse("observations:document", args=[observation.pk, language, "docx"])
    response = client.get(url)
    assert response.status_code == 200
    return response.content


def upload(client, observation, data, *, language="en", name="edited.docx"):
    url = reverse("observations:word_upload", args=[observation.pk, language])
    return client.post(url, {"document": SimpleUploadedFile(name, data)})


def test_the_word_copy_is_marked_draft_until_agreed(
    client, committee_member, observation
):
    client.force_login(committee_member)
    draft = Document(io.BytesIO(docx_of(client, observation)))
    assert "Draft" in draft.sections[0].first_page_header.paragraphs[0].text
    services.advance(observation, by=None)
    agreed = Document(io.BytesIO(docx_of(client, observation)))
    assert "Draft" not in agreed.sections[0].first_page_header.paragraphs[0].text


def test_word_edits_are_reviewed_then_applied_as_a_revision(
    client, committee_member, observation
):
    client.force_login(committee_member)
    original = observation.texts.get(language="en").paragraphs()
    rewritten = original[0].replace("The Committee", "The Committee carefully", 1)
    assert rewritten != original[0]
    edited = word.edit(
        docx_of(client, observation),
        word.replace_text(0, rewritten),
        word.insert_tracked_after(0, "The Committee thanks Senegal for its report."),
        word.comment(2, "Check with the delegation before agreeing."),
    )
    response = upload(client, observation, edited)
    stored = WordUpload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("observations:word_review", args=[stored.pk])
    page = client.get(response["Location"]).content.decode()
    assert rewritten in page
    assert "The Committee thanks Senegal for its report." in page
    assert "Check with the delegation" not in page
    assert observation.texts.get(language="en").paragraphs() == original  # not yet

    # Apply the insertion only: the changed first paragraph stays as drafted.
    changes = services.word_changes(stored)
    inserted = next(n for n, c in enumerate(changes) if c.kind == "insert")
    client.post(response["Location"], {"accept": [str(inserted)]})
    text = observation.texts.get(language="en")
    assert text.paragraphs()[0] == original[0]
    assert "The Committee thanks Senegal for its report." in text.paragraphs()
    revision = Revision.objects.get(text=text)
    assert revision.source == Revision.Source.WORD
    assert revision.author == committee_member
    assert "edited.docx" in revision.note
    # The next export carries the change.
    assert "The Committee thanks Senegal for its report." in docx_text(
        docx_of(client, observation)
    )


def test_a_draft_changed_after_the_upload_is_not_overwritten(
    client, committee_member, support, observation
):
    client.force_login(committee_member)
    edited = word.edit(docx_of(client, observation), word.replace_text(0, "New text."))
    upload(client, observation, edited)
    stored = WordUpload.objects.get()
    services.edit(observation, "en", "Someone else's text.", user=support)
    response = client.post(
        reverse("observations:word_review", args=[stored.pk]), {"accept": ["0"]}
    )
    assert response.status_code == 302
    assert observation.texts.get(language="en").text == "Someone else's text."
    stored.refresh_from_db()
    assert stored.applied_at is None


def test_a_file_that_is_not_a_word_document_gets_a_message(
    client, committee_member, observation
):
    client.force_login(committee_member)
    response = upload(
        client, observation, b"just text", name="notes.txt", language="fr"
    )
    assert response.status_code == 302
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "notes.txt" in page
    assert WordUpload.objects.count() == 0


def test_only_the_cooperation_committee_and_the_support_unit_edit(
    client, make_user, owner, outsider, observation
):
    article5 = make_user("a5", "committee_member", iso3="NOR", committee="article5")
    client.force_login(article5)
    assert (
        client.get(reverse("observations:detail", args=[observation.pk])).status_code
        == 200
    )
    edit = reverse("observations:edit", args=[observation.pk, "en"])
    assert (
        client.post(edit, {"text": "Changed by another committee."}).status_code == 403
    )
    assert (
        client.post(reverse("observations:status", args=[observation.pk])).status_code
        == 403
    )
    data = word.edit(
        services_docx(observation),
        word.replace_text(0, "Changed by another committee."),
    )
    assert upload(client, observation, data).status_code == 403
    for user in (owner, outsider):
        client.force_login(user)
        assert upload(client, observation, data).status_code in (403, 404)
    assert "another committee" not in observation.texts.get(language="en").text


def test_an_upload_review_page_is_for_the_committee_only(
    client, committee_member, outsider, owner, observation
):
    client.force_login(committee_member)
    upload(
        client,
        observation,
        word.edit(docx_of(client, observation), word.replace_text(0, "Reviewed text.")),
    )
    url = reverse("observations:word_review", args=[WordUpload.objects.get().pk])
    client.logout()
    assert client.get(url).status_code == 302  # to the login page
    for user in (outsider, owner):
        client.force_login(user)
        assert client.get(url).status_code in (403, 404)
        assert "Reviewed text." not in client.get(url).content.decode()


def services_docx(observation) -> bytes:
    from casework.exports.docx import render_docx

    return render_docx(services.word_spec(observation, "en"))
