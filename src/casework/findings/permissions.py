"""Who may see and review findings: visibility follows the document's.

Views use `reviewers_only` (log in first, then 403 unless the user reviews) and
`get_finding_for_user` (404 for a finding whose document the user may not see).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from casework.accounts.permissions import AnyUser, user_passes
from casework.documents.permissions import can_review, visible_documents
from casework.findings.models import Finding

__all__ = [
    "can_review",
    "get_finding_for_user",
    "reviewers_only",
    "visible_findings",
]


def get_finding_for_user(user: AnyUser, pk: int) -> Finding:
    """The finding, or 404 when its document is not visible to the user."""
    try:
        return Finding.objects.select_related("document").get(
            pk=pk, document__in=visible_documents(user)
        )
    except Finding.DoesNotExist:
        raise Http404 from None


# The support unit and committee members: review findings, see the cross-State view.
reviewers_only = user_passes(can_review)


def visible_findings(user: AnyUser) -> QuerySet[Finding]:
    """Findings of the documents the user may see."""
    return Finding.objects.select_related("document__state").filter(
        document__in=visible_documents(user)
    )
