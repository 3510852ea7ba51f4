"""Background tasks of the web shell."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django_tasks import task

from casework.web.models import WorkerHeartbeat


@task()
def heartbeat(requested_at: str) -> int:
    """Record that a worker picked up a task; returns the heartbeat's id."""
    beat = WorkerHeartbeat.objects.create(
        backend=str(settings.TASKS["default"]["BACKEND"]),
        requested_at=dt.datetime.fromisoformat(requested_at),
    )
    return beat.pk
