"""Background tasks of the documents app (run by `casework worker`).

A database fault is never fatal here: "database is locked", a full disk or a lost
PostgreSQL connection is logged, the connection closed, and the step retried with a capped
exponential backoff (`with_db_retry`). A claimed run writes a heartbeat while it works; a
run still "running" whose heartbeat is older than `STALE_AFTER` lost its worker, and the
next worker loop puts it back in the queue (`requeue_stalled`), keeping its attempt count.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import sqlite3
import threading
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.db.models import Q
from django.utils import timezone
from django_tasks import task

from casework.documents import services
from casework.documents.models import AnalysisRun

logger = logging.getLogger(__name__)

T = TypeVar("T")

STALE_AFTER = dt.timedelta(seconds=60)
FIRST_DELAY_S = 1.0
MAX_DELAY_S = 30.0

NOT_TRANSIENT = ("no such table", "no such column", "has no column named")

# Set by the worker on SIGTERM/SIGINT: retries stop waiting, the loop ends after the job.
STOP = threading.Event()


def is_transient(exc: BaseException) -> bool:
    """Whether a database error may go away by itself (lock, disk, connection)."""
    if isinstance(exc, OperationalError | InterfaceError):
        # An unmigrated database does not heal by waiting (PostgreSQL: ProgrammingError).
        return not any(s in str(exc) for s in NOT_TRANSIENT)
    # SQLite's connection closed under Django: "Cannot operate on a closed database."
    return isinstance(exc, DatabaseError | sqlite3.ProgrammingError) and (
        "closed database" in str(exc)
    )


def reset_connections() -> None:
    """Close every database connection of this thread; the next query opens a new one."""
    for connection in connections.all(initialized_only=True):
        with contextlib.suppress(Exception):
            connection.close()


class Backoff:
    """Delays that double from `first` up to `cap` seconds; `reset` after a success."""

    def __init__(self, first: float | None = None, cap: float = MAX_DELAY_S) -> None:
        self.first = FIRST_DELAY_S if first is None else first
        self.cap = cap
        self._next = self.first

    def next(self) -> float:
        delay = self._next
        self._next = min(self.cap, delay * 2)
        return delay

    def reset(self) -> None:
        self._next = self.first


def with_db_retry(
    step: Callable[[], T], *, what: str, backoff: Backoff | None = None
) -> T:
    """Run `step` until it gets past transient database errors (or the worker stops).

    Never call it inside a transaction: the connection is closed between attempts.
    """
    backoff = backoff or Backoff()
    while True:
        try:
            return step()
        except Exception as exc:
            if not is_transient(exc) or STOP.is_set():
                raise
            delay = backoff.next()
            logger.warning(
                "%s: database error (%s: %s); reconnecting, next try in %.0f s",
                what,
                type(exc).__name__,
                exc,
                delay,
            )
            reset_connections()
            if STOP.wait(delay):
                raise


def beat(run_id: int, **fields: Any) -> None:
    """Record that the run's worker is alive; its lease now ends STALE_AFTER from now
    (`fields`: other columns of the run written in the same statement)."""
    now = timezone.now()
    AnalysisRun.objects.filter(pk=run_id, status=AnalysisRun.Status.RUNNING).update(
        heartbeat_at=now, lease_expires_at=now + STALE_AFTER, **fields
    )


def _beat_quietly(run_id: int) -> None:
    # Called while the analysis child works: a missed beat is logged, not fatal.
    try:
        beat(run_id)
    except Exception as exc:
        if not is_transient(exc):
            raise
        logger.warning("run %s: heartbeat not written (%s)", run_id, exc)
        reset_connections()


def requeue_stalled() -> int:
    """Re-queue running runs whose heartbeat stopped; fail those out of attempts."""
    now = timezone.now()
    cutoff = now - STALE_AFTER
    # started_at too: a run claimed a moment ago still carries its previous heartbeat.
    AnalysisRun.objects.filter(
        Q(heartbeat_at__lt=cutoff) & Q(started_at__lt=cutoff),
        status=AnalysisRun.Status.RUNNING,
        lease_expires_at__gte=now,
    ).update(lease_expires_at=now - dt.timedelta(microseconds=1))
    lost = set(
        AnalysisRun.objects.filter(
            status=AnalysisRun.Status.RUNNING, lease_expires_at__lt=now
        ).values_list("pk", flat=True)
    )
    count = services.requeue_stale_runs()
    if lost:
        _close_lost_task_rows(lost)
    return count


def _close_lost_task_rows(run_ids: set[int]) -> None:
    """The database queue's rows of the dead workers' runs end FAILED, not RUNNING."""
    from django.conf import settings

    if settings.TASK_BACKEND != "database":
        return
    from django_tasks_db.models import DBTaskResult

    rows = DBTaskResult.objects.filter(
        status="RUNNING", task_path=analyse_run.module_path
    )
    ids = []
    for row in rows.only("pk", "args_kwargs"):
        args = (row.args_kwargs or {}).get("args") or []
        if args and args[0] in run_ids:
            ids.append(row.pk)
    DBTaskResult.objects.filter(pk__in=ids).update(
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path="casework.documents.tasks.WorkerLost",
        traceback="The worker stopped while running this task (its heartbeat ended); "
        "the analysis run was put back in the queue or given up.",
    )


def _record_failure(run: AnalysisRun, exc: BaseException) -> None:
    run.status = AnalysisRun.Status.FAILED
    run.message = (
        f"{run.document.filename}: analysis failed ({type(exc).__name__}: {exc})"
    )
    run.progress = 100
    run.finished_at = timezone.now()
    run.save()


def _has_errors(data: dict[str, Any]) -> bool:
    return any(i.get("severity") == "error" for i in data.get("issues", []))


def prefetch_next(current: AnalysisRun) -> None:
    """Hand the next queued run's document to the analysis child, which analyses it
    while this worker writes the current run's results (`core.isolate.prefetch_isolated`).

    The next run is not claimed: the worker's next task takes it as usual, and when
    another worker takes it first the guess is thrown away. Best effort: a database
    error here only means no head start.
    """
    from casework.core.isolate import prefetch_isolated
    from casework.core.model import PipelineConfig

    try:
        upcoming = (
            AnalysisRun.objects.filter(
                status=AnalysisRun.Status.QUEUED, attempts__lt=services.MAX_ATTEMPTS
            )
            .exclude(pk=current.pk)
            .select_related("document__original", "document__state")
            .order_by("pk")  # the order the runs' tasks were queued in
            .first()
        )
    except Exception as exc:
        if not is_transient(exc):
            raise
        logger.info("run %s: no prefetch (%s)", current.pk, exc)
        reset_connections()
        return
    if upcoming is None:
        return
    document = upcoming.document
    prefetch_isolated(
        document.original.path, PipelineConfig(), state=document.state.iso3
    )


def execute(run: AnalysisRun) -> str:
    """Analyse a claimed run with heartbeats; database steps survive transient faults.

    Three writes besides the results (each a commit, an fsync on SQLite): the first
    heartbeat with the progress, then the results with the run's end in one transaction
    (apply_result saves the run), or the failure. Before writing, the next queued run's
    document goes to the analysis child (`prefetch_next`).
    """
    from casework.documents.analysis import apply_result, run_analyser

    document = run.document
    label = f"run {run.pk}"
    with_db_retry(lambda: beat(run.pk, progress=30), what=label)
    try:
        data = run_analyser(
            document.original.path,
            state=document.state.iso3,
            heartbeat=functools.partial(_beat_quietly, run.pk),
        )
        if STOP.is_set() and _has_errors(data):
            # Stopped with its worker (systemd signals the whole group): not the
            # document's fault. The run keeps "running" without a heartbeat, so the
            # next worker takes it again within a minute.
            logger.warning("run %s: interrupted by the worker's stop; left", run.pk)
            return "interrupted"
        if not STOP.is_set():
            prefetch_next(run)
        run.finished_at = timezone.now()  # written with the results
        with_db_retry(lambda: apply_result(run, data), what=label)
    except Exception as exc:  # the run boundary: the failure is shown to the user
        if is_transient(exc):
            raise  # only when the worker stops: the run's heartbeat ends, it is retried
        logger.error("run %s: analysis crashed", run.pk, exc_info=True)
        with_db_retry(functools.partial(_record_failure, run, exc), what=label)
    return str(run.status)


@task()
def analyse_run(run_id: int) -> str:
    """Claim and execute one analysis run; a run already taken is skipped."""
    run = with_db_retry(lambda: services.claim_run(run_id), what=f"run {run_id}")
    if run is None:
        return "skipped"
    return execute(run)


@task()
def housekeeping() -> int:
    """Sweep what dead workers and requests left (`casework.housekeeping`), then
    schedule the next sweep; returns the analysis runs re-queued."""
    from casework import housekeeping as sweeps

    done = sweeps.sweep()
    services.ensure_housekeeping()
    return done[sweeps.RUNS_REQUEUED]
