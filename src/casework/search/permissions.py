"""Who finds what: each kind of record follows the access rules of its own app.

Documents, findings and observations use their apps' `visible_*()` functions; cases and
events are the Committee's working papers (engagement), so others find only published
cases and public events.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from casework.accounts.permissions import AnyUser, is_signed_in, user_passes
from casework.documents.permissions import visible_documents
from casework.engagement.models import Case, Event
from casework.engagement.permissions import can_work_on_engagement
from casework.findings.permissions import visible_findings
from casework.observations.permissions import visible_observations
from casework.search.models import SearchEntry


def visible_cases(user: AnyUser) -> QuerySet[Case]:
    if can_work_on_engagement(user):
        return Case.objects.all()
    return Case.objects.filter(published_on__isnull=False)


def visible_events(user: AnyUser) -> QuerySet[Event]:
    if can_work_on_engagement(user):
        return Event.objects.all()
    return Event.objects.filter(is_public=True)


def visible_entries(
    user: AnyUser, entries: QuerySet[SearchEntry]
) -> QuerySet[SearchEntry]:
    """The entries whose record the user may open."""
    Kind = SearchEntry.Kind
    allowed = (
        Q(kind=Kind.DOCUMENT, object_id__in=visible_documents(user).values("pk"))
        | Q(kind=Kind.FINDING, object_id__in=visible_findings(user).values("pk"))
        | Q(
            kind=Kind.OBSERVATION,
            object_id__in=visible_observations(user).values("pk"),
        )
        | Q(kind=Kind.CASE, object_id__in=visible_cases(user).values("pk"))
        | Q(kind=Kind.EVENT, object_id__in=visible_events(user).values("pk"))
    )
    return entries.filter(allowed)


# Any signed-in user searches; what they find is limited by `visible_entries`.
searchers_only = user_passes(is_signed_in)
