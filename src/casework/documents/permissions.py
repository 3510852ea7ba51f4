"""Who may see and upload documents (built on casework.accounts.permissions)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from casework.accounts.permissions import (
    AnyUser,
    is_committee_member,
    is_support_unit,
    own_state,
    user_passes,
)
from casework.documents.models import Document
from casework.states.models import StateParty


def visible_documents(user: AnyUser) -> QuerySet[Document]:
    """All documents for the support unit and committee members; a focal point's own State's."""
    documents = Document.objects.select_related("state", "original")
    if is_support_unit(user) or is_committee_member(user):
        return documents
    mine = own_state(user)
    if mine is None:
        return documents.none()
    return documents.filter(state=mine)


def get_document_for_user(user: AnyUser, pk: int) -> Document:
    """The document, or 404 when the user may not know it exists."""
    try:
        return visible_documents(user).get(pk=pk)
    except Document.DoesNotExist:
        raise Http404 from None


def upload_states(user: AnyUser) -> QuerySet[StateParty]:
    """States the user may upload for: all for the support unit, their own for a focal point."""
    if is_support_unit(user):
        return StateParty.objects.all()
    mine = own_state(user)
    if mine is None:
        return StateParty.objects.none()
    return StateParty.objects.filter(pk=mine.pk)


def can_upload(user: AnyUser) -> bool:
    return upload_states(user).exists()


def can_review(user: AnyUser) -> bool:
    """Reviewers: the support unit and committee members (never a State's own focal point)."""
    return is_support_unit(user) or is_committee_member(user)


def can_ask_for_analysis(user: AnyUser) -> bool:
    """Uploaders and reviewers may queue a document's analysis again."""
    return can_upload(user) or can_review(user)


# Role families of the documents app (log in first, then 403 unless the rule holds).
uploaders_only = user_passes(can_upload)
analysis_requesters_only = user_passes(can_ask_for_analysis)
