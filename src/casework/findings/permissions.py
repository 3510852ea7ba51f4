"""Who may see and review findings: visibility follows the document's."""

from __future__ import annotations

from django.http import Http404

from casework.accounts.permissions import AnyUser
from casework.documents.permissions import can_review, visible_documents
from casework.findings.models import Finding

__all__ = ["can_review", "get_finding_for_user"]


def get_finding_for_user(user: AnyUser, pk: int) -> Finding:
    """The finding, or 404 when its document is not visible to the user."""
    try:
        return Finding.objects.select_related("document").get(
            pk=pk, document__in=visible_documents(user)
        )
    except Finding.DoesNotExist:
        raise Http404 from None
