"""Deadlines approaching: the 30 April Article 7 report deadline (domain.treaty).

Focal points of a State whose report for the year has not been received are told
30, 7 and 1 day(s) before the deadline — once per threshold (the notification key),
however often the check runs.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from casework.accounts.models import Role
from casework.domain.treaty import TREATY
from casework.notifications.models import Notification
from casework.notifications.services import notify

# Days before the deadline at which focal points are told (largest first).
THRESHOLDS = (30, 7, 1)


def threshold(days_left: int) -> int | None:
    """The smallest threshold that `days_left` has reached (None when none or past)."""
    if days_left < 0:
        return None
    reached = [t for t in THRESHOLDS if days_left <= t]
    return min(reached) if reached else None


def notify_deadlines(today: dt.date) -> int:
    """Notify the focal points of States not yet reported; returns notifications made."""
    from casework.compliance.services import states_to_remind

    year = today.year
    due = TREATY.report_deadline(year)
    days_left = (due - today).days
    reached = threshold(days_left)
    if reached is None:
        return 0
    states = {state.pk: state for state in states_to_remind(year, today=today)}
    users = User.objects.filter(
        is_active=True,
        profile__role=Role.FOCAL_POINT,
        profile__state__in=list(states),
    ).select_related("profile")
    count = 0
    for user in users:
        state = states.get(user.profile.state_id or 0)
        if state is None:
            continue
        count += len(
            notify(
                [user],
                Notification.Kind.DEADLINE_APPROACHING,
                params={
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


def ensure_scheduled(*, every: dt.timedelta = dt.timedelta(days=1)) -> None:
    """Keep one future deadline check queued on the worker (it re-schedules itself)."""
    from casework.documents.services import _has_pending
    from casework.notifications.tasks import notify_deadlines_daily

    if _has_pending(notify_deadlines_daily.module_path):
        return
    notify_deadlines_daily.using(run_after=timezone.now() + every).enqueue()
