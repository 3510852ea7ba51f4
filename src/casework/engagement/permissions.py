"""Who may see the engagement work: the cooperation committee and the support unit.

Case files, drafts, the log and the report are the Committee's working papers: until a
case's final report is published, no focal point sees it, not even the State's own
(issue 6: "visible only to the Committee and the support unit until published").
"""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404

from casework.accounts.permissions import (
    AnyUser,
    is_committee_member,
    is_support_unit,
    profile_of,
    require,
    user_passes,
)
from casework.engagement.models import (
    Attachment,
    Case,
    CaseStep,
    Event,
    ExchangeVisit,
    LogEntry,
    Priority,
    WordUpload,
)
from casework.states.models import Committee


def can_work_on_engagement(user: AnyUser) -> bool:
    """The support unit, and members of the Committee on Cooperation and Assistance."""
    if is_support_unit(user):
        return True
    if not is_committee_member(user):
        return False
    profile = profile_of(user)
    return bool(
        profile
        and profile.committee
        and profile.committee.code == Committee.Code.COOPERATION
    )


# Log in first (302), then 403 for anybody but the Committee and the support unit.
committee_only = user_passes(can_work_on_engagement)


def get_case_for_user(user: AnyUser, pk: int) -> Case:
    require(can_work_on_engagement(user))
    return get_object_or_404(Case.objects.select_related("state"), pk=pk)


def get_step_for_user(user: AnyUser, pk: int) -> CaseStep:
    require(can_work_on_engagement(user))
    return get_object_or_404(CaseStep.objects.select_related("case__state"), pk=pk)


def get_event_for_user(user: AnyUser, pk: int) -> Event:
    require(can_work_on_engagement(user))
    return get_object_or_404(Event, pk=pk)


def get_visit_for_user(user: AnyUser, pk: int) -> ExchangeVisit:
    require(can_work_on_engagement(user))
    return get_object_or_404(
        ExchangeVisit.objects.select_related("requesting_state", "host_state"), pk=pk
    )


def get_entry_for_user(user: AnyUser, pk: int) -> LogEntry:
    require(can_work_on_engagement(user))
    return get_object_or_404(LogEntry, pk=pk)


def get_priority_for_user(user: AnyUser, pk: int) -> Priority:
    require(can_work_on_engagement(user))
    return get_object_or_404(Priority, pk=pk)


def get_attachment_for_user(user: AnyUser, pk: int) -> Attachment:
    """A presentation, minutes or event document: the Committee's working papers, like
    the case, platform or event page it is on."""
    require(can_work_on_engagement(user))
    return get_object_or_404(Attachment, pk=pk)


def get_published_case(pk: int) -> Case:
    """Anyone may read a published case's final report; an unpublished one does not exist."""
    case = get_object_or_404(Case.objects.select_related("state"), pk=pk)
    if not case.is_published:
        raise Http404
    return case


def get_word_upload_for_user(user: AnyUser, pk: int) -> WordUpload:
    """An edited Word copy of the annual report or of a case's final report."""
    require(can_work_on_engagement(user))
    return get_object_or_404(
        WordUpload.objects.select_related("case__state", "uploaded_by"), pk=pk
    )
