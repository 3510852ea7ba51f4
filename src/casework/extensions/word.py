"""The comments for the Article 5 Committee edited in Word, brought back.

Like an observation's round trip: the copy's content paragraphs are read (tracked changes
accepted, comments ignored, `exports.word_edits`), lined up with the comments as they
stand, and the changes a person accepts become the comments' edited text, kept as a
`CommentRevision` that records who uploaded the copy.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from casework.exports.word_edits import (
    Change,
    DraftChangedError,
    apply,
    body_paragraphs,
    changes,
)
from casework.extensions import services
from casework.extensions.models import (
    CommentRevision,
    CommentWordUpload,
    CommitteeComment,
)


def paragraphs_of(comment: CommitteeComment) -> list[str]:
    """The comments' paragraphs as the DOCX has them (blank-line blocks, spaces as
    the Word read-back gives them)."""
    return [" ".join(p.split()) for p in comment.text.split("\n\n") if p.strip()]


def read_word(
    comment: CommitteeComment, data: bytes, *, filename: str, user: User
) -> CommentWordUpload:
    """Keep an edited copy's paragraphs beside the comments' (WordFileError when the
    file cannot be read; nothing is stored then)."""
    edited = body_paragraphs(data)
    return CommentWordUpload.objects.create(
        comment=comment,
        filename=filename[:255],
        uploaded_by=user,
        base=paragraphs_of(comment),
        edited=edited,
    )


def word_changes(upload: CommentWordUpload) -> list[Change]:
    return changes(list(upload.base), list(upload.edited))


@transaction.atomic
def apply_word(
    upload: CommentWordUpload, accepted: set[int], *, user: User
) -> CommentRevision:
    """Make the accepted changes (indexes into `word_changes`) the comments' text."""
    comment = CommitteeComment.objects.select_for_update().get(pk=upload.comment_id)
    if paragraphs_of(comment) != list(upload.base):
        raise DraftChangedError
    found = word_changes(upload)
    chosen = [change for n, change in enumerate(found) if n in accepted]
    text = "\n\n".join(apply(paragraphs_of(comment), chosen))
    services.save_comment_edit(comment, text, user=user)
    upload.applied_at = timezone.now()
    upload.applied = len(chosen)
    upload.save(update_fields=["applied_at", "applied", "updated_at"])
    return CommentRevision.objects.create(
        comment=comment,
        body=text,
        source=CommentRevision.Source.WORD,
        author=user,
        note=f"{upload.filename}: {len(chosen)}/{len(found)}"[:300],
    )


def record_browser_edit(comment: CommitteeComment, *, user: User) -> CommentRevision:
    return CommentRevision.objects.create(
        comment=comment,
        body=comment.text,
        source=CommentRevision.Source.BROWSER,
        author=user,
    )
