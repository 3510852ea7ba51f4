"""Word edits read back: tracked changes accepted, comments ignored, changes lined up."""

import pytest
from django.utils import translation

from casework.exports.docx import render_docx
from casework.exports.spec import DocumentSpec, Heading, Paragraph, TitleBlock
from casework.exports.tests import word_editing as word
from casework.exports.word_edits import (
    WordFileError,
    apply,
    body_paragraphs,
    changes,
)

DRAFT = [
    "Senegal provided information on national resources.",
    "The Committee encourages Senegal to keep its national platform.",
    "Senegal did not provide information on innovative financing.",
]


def exported() -> bytes:
    return render_docx(
        DocumentSpec(
            title="Preliminary observations",
            symbol="APLC/CONF/2025/CA",
            head=TitleBlock(meeting="Intersessional Meetings"),
            blocks=(
                Heading("Senegal"),
                *(Paragraph(p, number=f"{n}.") for n, p in enumerate(DRAFT, 1)),
            ),
            draft=True,
        )
    )


def test_an_unedited_export_reads_back_as_the_draft():
    assert body_paragraphs(exported()) == DRAFT


def test_tracked_changes_are_accepted_and_comments_ignored():
    edited = word.edit(
        exported(),
        word.replace_text(
            0, "Senegal provided detailed information on national resources."
        ),
        word.insert_tracked_after(1, "The platform met twice in 2025."),
        word.delete_tracked(3, " on innovative financing."),  # after the insertion
        word.comment(1, "Please check this with the delegation."),
    )
    assert body_paragraphs(edited) == [
        "Senegal provided detailed information on national resources.",
        "The Committee encourages Senegal to keep its national platform.",
        "The platform met twice in 2025.",
        "Senegal did not provide information",
    ]
    assert "Please check" not in " ".join(body_paragraphs(edited))


def test_changes_line_up_paragraphs_and_apply_only_what_is_accepted():
    edited = [
        "Senegal provided detailed information on national resources.",
        DRAFT[1],
        "The platform met twice in 2025.",
        DRAFT[2],
    ]
    found = changes(DRAFT, edited)
    assert [c.kind for c in found] == ["replace", "insert"]
    assert apply(DRAFT, found) == edited
    assert apply(DRAFT, [found[1]]) == [*DRAFT[:2], edited[2], DRAFT[2]]
    with pytest.raises(ValueError):
        apply(["something else", *DRAFT[1:]], [found[0]])


def test_an_edit_beside_an_insertion_stays_two_changes():
    edited = [
        "A rewritten first paragraph on national resources.",
        "A new one.",
        *DRAFT[1:],
    ]
    current = ["The first paragraph on national resources.", *DRAFT[1:]]
    found = changes(current, edited)
    assert [(c.kind, c.position) for c in found] == [("replace", 0), ("insert", 1)]
    assert apply(current, found) == edited
    assert apply(current, [found[1]]) == [current[0], "A new one.", *DRAFT[1:]]
    assert apply(current, [found[0]]) == [edited[0], *DRAFT[1:]]
    removed = changes(current, current[1:])
    assert [(c.kind, c.position) for c in removed] == [("delete", 0)]


@pytest.mark.parametrize(
    ("data", "says"),
    [
        (b"plain text, not a document", "not a Word document"),
        (b"PK\x03\x04broken", "not a Word document"),
    ],
)
def test_what_is_not_a_word_document_is_refused_with_a_reason(data, says):
    with translation.override("en"), pytest.raises(WordFileError, match=says):
        body_paragraphs(data)
    with (
        translation.override("fr"),
        pytest.raises(WordFileError, match="pas un document"),
    ):
        body_paragraphs(data)
