"""Who may read, edit, clear, submit and publish online reports.

- a State's focal points: every version of their own State's reports, drafts included;
- committee members and the support unit: submitted and published reports;
- the support unit also: reports awaiting clearance or cleared (it clears a report
  when the State has no second focal point to do it, or chose the support unit);
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
from casework.notifications.recipients import focal_points
from casework.reporting.models import ClearanceRule, ClearedBy, Report
from casework.states.models import StateParty

SUBMITTED = (Report.Status.SUBMITTED, Report.Status.PUBLISHED)
IN_WORKFLOW = (Report.Status.IN_CLEARANCE, Report.Status.CLEARED)


def visible_reports(user: AnyUser) -> QuerySet[Report]:
    reports = Report.objects.select_related("state")
    visible = Q(status=Report.Status.PUBLISHED)
    if is_support_unit(user) or is_committee_member(user):
        visible |= Q(status__in=SUBMITTED)
    if is_support_unit(user):
        visible |= Q(status__in=IN_WORKFLOW)
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


def clearance_rule(state: StateParty) -> str:
    """Who the State chose to clear its reports (a second focal point unless set)."""
    rule = ClearanceRule.objects.filter(state=state).first()
    return rule.cleared_by if rule else ClearedBy.SECOND_FOCAL_POINT


def clearing_colleagues(report: Report, requester_id: int | None) -> QuerySet[User]:
    """The State's other active focal points: who may clear what `requester_id` sent."""
    colleagues = focal_points(report.state)
    return colleagues if requester_id is None else colleagues.exclude(pk=requester_id)


def clearance_route(report: Report, requester: User) -> str:
    """Who a report sent for clearance now goes to: a second focal point when the State
    wants one and has another active one, otherwise the support unit."""
    if (
        clearance_rule(report.state) == ClearedBy.SECOND_FOCAL_POINT
        and clearing_colleagues(report, requester.pk).exists()
    ):
        return ClearedBy.SECOND_FOCAL_POINT
    return ClearedBy.SUPPORT_UNIT


def clears_with_support_unit(report: Report) -> bool:
    """Whether the support unit clears this report awaiting clearance: it was sent to
    the support unit, or no other focal point of the State is active any more."""
    if report.clearance_by == ClearedBy.SUPPORT_UNIT:
        return True
    return not clearing_colleagues(report, report.clearance_requested_by_id).exists()


def can_clear(user: AnyUser, report: Report) -> bool:
    """A second focal point of the same State, never the one who asked for clearance;
    the support unit when no such colleague can (or the State chose it)."""
    if report.status != Report.Status.IN_CLEARANCE:
        return False
    if clears_with_support_unit(report):
        return is_support_unit(user)
    return (
        is_state_focal_point(user, report.state)
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
    """The State's focal points and the support unit see who clears a report
    awaiting clearance."""
    return report.status == Report.Status.IN_CLEARANCE and (
        is_state_focal_point(user, report.state) or is_support_unit(user)
    )


def waiting_for_clearance_by(user: AnyUser) -> QuerySet[Report]:
    """The reports `user` is asked to clear now (their dashboard's to-do list)."""
    waiting = visible_reports(user).filter(status=Report.Status.IN_CLEARANCE)
    return waiting.filter(pk__in=[r.pk for r in waiting if can_clear(user, r)])


def can_change_language(user: AnyUser, report: Report) -> bool:
    """The language of a report is changed on its draft, by its State's focal points."""
    return can_edit(user, report)


def can_set_clearance_rules(user: AnyUser) -> bool:
    return is_support_unit(user)


def is_focal_point(user: AnyUser) -> bool:
    """A focal point of some State: who may start a report for it."""
    return own_state(user) is not None


# Decorator families of the reporting views (login first, then 403 unless the rule holds).
focal_point_required = user_passes(is_focal_point)
clearance_rules_required = user_passes(can_set_clearance_rules)


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


def get_report_to_submit_for_user(user: AnyUser, pk: int) -> Report:
    """A cleared report the user may submit (404 unless readable, else 403)."""
    report = get_report_for_user(user, pk)
    require(can_submit(user, report))
    return report


def get_draft_for_user(user: AnyUser, pk: int) -> Report:
    """A draft the user may edit (404 unless readable, else 403)."""
    report = get_report_for_user(user, pk)
    require(can_edit(user, report))
    return report
