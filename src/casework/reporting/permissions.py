"""Who may read, edit, clear, submit and publish online reports.

- a State's focal points: every version of their own State's reports, drafts included;
- committee members and the support unit: submitted and published reports;
- everybody (anonymous included): published reports.
A report a user may not read is a 404, so that another State cannot learn a draft exists;
one the user may read but not change is a 403.

Views ask these rules only (the `get_<thing>_for_user` helpers and the decorator
families below); they never raise PermissionDenied or look at roles themselves.
"""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404

from casework.accounts.permissions import (
    AnyUser,
    is_committee_member,
    is_support_unit,
    own_state,
    require,
    user_passes,
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


def can_return_to_draft(user: AnyUser, report: Report) -> bool:
    """The clearing colleague while it awaits clearance, or whoever sent it for
    clearance, until it is submitted."""
    return can_clear(user, report) or (
        report.status in {Report.Status.IN_CLEARANCE, Report.Status.CLEARED}
        and is_state_focal_point(user, report.state)
        and report.clearance_requested_by_id == user.pk
    )


def follows_clearance(user: AnyUser, report: Report) -> bool:
    """The State's focal points see who clears a report awaiting clearance."""
    return report.status == Report.Status.IN_CLEARANCE and is_state_focal_point(
        user, report.state
    )


def is_focal_point(user: AnyUser) -> bool:
    """A focal point of some State: who may start a report for it."""
    return own_state(user) is not None


# Decorator families of the reporting views (login first, then 403 unless the rule holds).
focal_point_required = user_passes(is_focal_point)


def acting_user(user: AnyUser) -> User:
    """The signed-in user who takes a step (403 for an anonymous visitor)."""
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def get_state_to_report_for(user: AnyUser) -> StateParty:
    """The State a focal point reports for; 403 for everyone else."""
    state = own_state(user)
    if state is None:
        raise PermissionDenied
    return state


def get_report_to_save_for_user(user: AnyUser, pk: int) -> Report:
    """A report its State's focal points save (404 unless readable, else 403)."""
    report = get_report_for_user(user, pk)
    require(is_state_focal_point(user, report.state))
    return report


def get_draft_for_user(user: AnyUser, pk: int) -> Report:
    """A draft the user may edit (404 unless readable, else 403)."""
    report = get_report_for_user(user, pk)
    require(can_edit(user, report))
    return report
