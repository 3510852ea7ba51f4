"""Scheduled work of the compliance tracker."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from casework.compliance import services


@task()
def send_reporting_reminders() -> int:
    """Remind focal points of States not yet reported for this year, then re-schedule."""
    today = timezone.localdate()
    sent = services.send_reminders(today.year, today=today) if today.month >= 3 else 0
    services.ensure_reminders_scheduled()
    return sent
