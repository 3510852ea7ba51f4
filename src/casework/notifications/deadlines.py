"""Deadlines approaching.

- The 30 April Article 7 report deadline (domain.treaty): focal points of a State whose
  report for the year has not been received are told 30, 7 and 1 day(s) before.
- A new State Party's initial report (Article 7.1, 180 days after entry into force):
  its focal points are told 30, 7 and 1 day(s) before, until a report is received.
- A State's Article 5 clearance deadline (StateParty.article5_deadline, extensions
  included): its focal points are told a year, six months and a month before.
Each once per threshold (the notification key), however often the check runs.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone

from casework.accounts.models import Role
from casework.domain.treaty import TREATY
from casework.notifications.models import Notification
from casework.notifications.services import notify
from casework.states import dates
from casework.states.models import StateParty

# Days before a deadline at which focal points are told.
THRESHOLDS = (30, 7, 1)
ARTICLE5_THRESHOLDS = (365, 182, 30)


def threshold(days_left: int, thresholds: tuple[int, ...] = THRESHOLDS) -> int | None:
    """The smallest threshold that `days_left` has reached (None when none or past)."""
    if days_left < 0:
        return None
    reached = [t for t in thresholds if days_left <= t]
    return min(reached) if reached else None


def _focal_points(states: list[int]) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True, profile__role=Role.FOCAL_POINT, profile__state__in=states
    ).select_related("profile")


def notify_deadlines(today: dt.date) -> int:
    """Every deadline check of the day; returns the notifications made."""
    return (
        notify_report_deadline(today)
        + notify_initial_report_deadlines(today)
        + notify_article5_deadlines(today)
    )


def notify_report_deadline(today: dt.date) -> int:
    """Notify the focal points of States not yet reported; returns notifications made."""
    from casework.compliance.services import states_to_remind

    year = today.year
    due = TREATY.report_deadline(year)
    days_left = (due - today).days
    reached = threshold(days_left)
    if reached is None:
        return 0
    states = {state.pk: state for state in states_to_remind(year, today=today)}
    count = 0
    for user in _focal_points(list(states)):
        state = states.get(user.profile.state_id or 0)
        if state is None:
            continue
        count += len(
            notify(
                [user],
                Notification.Kind.DEADLINE_APPROACHING,
                params={
                    "deadline": "article7",
                    "iso3": state.iso3,
                    "year": year,
                    "due": due.isoformat(),
                    "days": days_left,
                },
                url=reverse("reporting:list"),
                key=f"article7:{year}:{reached}",
            )
        )
    return count


def notify_initial_report_deadlines(today: dt.date) -> int:
    """Notify focal points of new States Parties whose initial report is due soon."""
    from casework.compliance.models import Submission

    reported = set(Submission.objects.values_list("state_id", flat=True).distinct())
    near = {}
    for state in StateParty.objects.exclude(pk__in=reported):
        due = state.initial_report_due()
        if due is not None and threshold((due - today).days) is not None:
            near[state.pk] = (state, due)
    count = 0
    for user in _focal_points(list(near)):
        state, due = near[user.profile.state_id or 0]
        days_left = (due - today).days
        count += len(
            notify(
                [user],
                Notification.Kind.DEADLINE_APPROACHING,
                params={
                    "deadline": "initial_report",
                    "iso3": state.iso3,
                    "due": due.isoformat(),
                    "days": days_left,
                },
                url=reverse("reporting:list"),
                key=f"initial_report:{due.isoformat()}:{threshold(days_left)}",
            )
        )
    return count


def notify_article5_deadlines(today: dt.date) -> int:
    """Notify focal points of States whose Article 5 deadline comes near."""
    count = 0
    last = today + dt.timedelta(days=max(ARTICLE5_THRESHOLDS))
    near = {}
    for state in StateParty.objects.exclude(article5_deadline=""):
        due = dates.full_date(state.article5_deadline)
        if due is not None and today <= due <= last:
            near[state.pk] = (state, due)
    for user in _focal_points(list(near)):
        state, due = near[user.profile.state_id or 0]
        days_left = (due - today).days
        reached = threshold(days_left, ARTICLE5_THRESHOLDS)
        count += len(
            notify(
                [user],
                Notification.Kind.DEADLINE_APPROACHING,
                params={
                    "deadline": "article5",
                    "iso3": state.iso3,
                    "due": due.isoformat(),
                    "days": days_left,
                },
                url=reverse("states:detail", args=[state.iso3]),
                key=f"article5:{due.isoformat()}:{reached}",
            )
        )
    return count


def ensure_scheduled(*, every: dt.timedelta = dt.timedelta(days=1)) -> None:
    """Keep one future deadline check queued on the worker (it re-schedules itself)."""
    from casework.documents.services import _has_pending
    from casework.notifications.tasks import notify_deadlines_daily

    if _has_pending(notify_deadlines_daily.module_path):
        return
    notify_deadlines_daily.using(run_after=timezone.now() + every).enqueue()
