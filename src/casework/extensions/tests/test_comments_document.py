"""The comments for the Article 5 Committee as a UN document: title block, author,
a draft marking until the request's record is published."""

import io

import pytest
from docx import Document

from casework.extensions.demo import load_demo
from casework.extensions.models import ExtensionRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def gaps():
    load_demo()
    return ExtensionRequest.objects.get(reference="DEMO-EXT-B")


def test_comments_are_a_limited_draft_by_the_committee_until_published(
    client, support, gaps
):
    gaps.is_published = False
    gaps.save()
    client.force_login(support)
    response = client.get(f"/extensions/{gaps.pk}/comments/fr.docx")
    document = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Distr. limitée" in text
    assert "Projet" in document.sections[0].header.paragraphs[0].text
    assert document.core_properties.author == (
        "Comité sur le renforcement de la coopération et de l'assistance"
    )
    gaps.is_published = True
    gaps.save()
    agreed = client.get(f"/extensions/{gaps.pk}/comments/fr.docx")
    header = Document(io.BytesIO(agreed.content)).sections[0].header
    assert "Projet" not in header.paragraphs[0].text
