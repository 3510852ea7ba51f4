"""Who may read, edit, clear, submit and publish online reports.

- a State's focal points: every version of their own State's reports, drafts included;
- committee members and the support unit: submitted and published reports;
- everybody (anonymous included): published reports.
A report a user may not read is a 404, so that another State cannot learn a draft exists.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from casework.accounts.permissions import (
    AnyUser,
    is_committee_member,
    is_support_unit,
    own_state,
)
from casework.reporting.models import Report
from casework.states.models import StateParty

SUBMITTED = (Report.Status.SUBMITTED, Report.Status.PUBLISHED)


def visible_reports(user: AnyUser) -> QuerySet[Report]:
    reports = Report.objects.select_related("state")
    visible = Q(status=Report.Status.PUBLISHED)
    if is_support_unit(user) or is_committee_member(user):
        visible |= Q(status__in=SUBMITTED)
    mine = own_state(user)
    if mine is not None:
        visible |= Q(state=mine)
    return reports.filter(visible)


def get_report_for_user(user: AnyUser, pk: int) -> Report:
    """The report, or 404 when the user may not know it exists."""
    try:
        return visible_reports(user).get(pk=pk)
    except Report.DoesNotExist:
        raise Http404 from None


def is_state_focal_point(user: AnyUser, state: StateParty) -> bool:
    mine = own_state(user)
    return mine is not None and mine.pk == state.pk


def can_edit(user: AnyUser, report: Report) -> bool:
    return report.is_editable and is_state_focal_point(user, report.state)


def can_clear(user: AnyUser, report: Report) -> bool:
    """A second focal point of the same State: never the one who asked for clearance."""
    return (
        report.status == Report.Status.IN_CLEARANCE
        and is_state_focal_point(user, report.state)
        and report.clearance_requested_by_id != user.pk
    )


def can_submit(user: AnyUser, report: Report) -> bool:
    return report.status == Report.Status.CLEARED and is_state_focal_point(
        user, report.state
    )


def can_publish(user: AnyUser, report: Report) -> bool:
    return report.status == Report.Status.SUBMITTED and is_support_unit(user)


def can_correct(user: AnyUser, report: Report) -> bool:
    return (
        report.is_submitted
        and is_state_focal_point(user, report.state)
        and not report.state.online_reports.filter(
            year=report.year, version__gt=report.version
        ).exists()
    )


def require_state(user: AnyUser, state: StateParty) -> None:
    """Starting a report: only the State's own focal points."""
    if not is_state_focal_point(user, state):
        raise PermissionDenied
