"""The worker's loops: they survive database faults and stop cleanly on a signal.

Both keep one long-lived analysis child for the worker's whole life
(`casework.core.isolate.shared_child`, started with the worker so that it loads the models
while the worker starts): documents go to it one at a time, with their memory limit and
deadline, instead of a fork (and a model load) per document.

For the database queue, `SupervisedWorker` claims and runs django_tasks_db's task rows
itself (the library's own loop ends on any database error but a lock). Every database
error that may pass (locked, disk full, connection lost) is logged, the connections are
closed and the loop goes on after a capped exponential backoff; a task that failed on
such an error goes back to the queue a few times before it counts as failed. Every
`sweep_every` seconds it re-queues analysis runs whose heartbeat stopped. For Redis,
`supervise` restarts rqworker after the same backoff when it stops on an error; its
worker class is `casework.cli.rq_worker.AnalysisWorker` (settings.RQ), which runs each job in the worker itself:
the analysis already has its own child, a fork per job would be a second one.

SIGTERM and SIGINT set `casework.documents.tasks.STOP`: the loop ends after the current
task; a second signal stops at once.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import logging
import signal
import time
from collections import Counter
from collections.abc import Callable, Iterator
from types import FrameType
from typing import Any

from django.db import close_old_connections, connections
from django.utils import timezone
from django.utils.crypto import get_random_string

from casework import housekeeping
from casework.documents.tasks import (
    STOP,
    Backoff,
    is_transient,
    reset_connections,
    with_db_retry,
)

logger = logging.getLogger("casework.worker")

TASK_RETRIES = 5  # a task failing on transient database errors is re-queued this often
TASK_RETRY_DELAY_S = 2.0  # then 4, 8... seconds later
SWEEP_EVERY_S = 15.0
# How often an idle worker looks at the queue: a document uploaded to an idle worker
# waits half of it on average; an empty look costs ~2.5 ms of CPU (1 % of a core).
POLL_EVERY_S = 0.25
BATCH_GIVES_UP_AFTER = 10  # consecutive database errors before --burst gives up


class WorkerGaveUp(RuntimeError):
    """--burst met only database errors for too long."""


def _stop(signum: int, frame: FrameType | None) -> None:
    if STOP.is_set():
        logger.warning("received %s again: stopping now", signal.strsignal(signum))
        raise KeyboardInterrupt
    logger.warning(
        "received %s: stopping after the current task (again to stop now)",
        signal.strsignal(signum),
    )
    STOP.set()


def warm_write_path() -> None:
    """Import now what writing the first result needs (the URLconf, which the search
    index reverses): while the analysis child loads its models, not after."""
    from django.urls import NoReverseMatch, reverse

    with contextlib.suppress(NoReverseMatch):
        reverse("documents:detail", args=[1])


@contextlib.contextmanager
def analysis_child() -> Iterator[None]:
    """One analysis child for the worker's life, started (and warming up) at once."""
    from casework.core.isolate import shared_child

    with shared_child(start=True):
        warm_write_path()
        yield


def install_signal_handlers() -> None:
    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)


class SupervisedWorker:
    """django_tasks_db's worker loop, rebuilt to outlive database faults."""

    def __init__(
        self,
        *,
        queue: str,
        batch: bool,
        interval: float = POLL_EVERY_S,
        sweep_every: float = SWEEP_EVERY_S,
        backend_name: str = "default",
    ) -> None:
        self.queue = queue
        self.batch = batch
        self.interval = interval
        self.sweep_every = sweep_every
        self.backend_name = backend_name
        self.worker_id = get_random_string(32)
        self.tasks_run = 0
        self._last_sweep = float("-inf")
        self._transient_failures: Counter[str] = Counter()
        self._busy = False  # the last look found a task (and it ran)

    def run(self) -> None:
        with analysis_child():
            self._loop()

    def _loop(self) -> None:
        logger.info("worker %s: queue %r", self.worker_id, self.queue)
        backoff = Backoff()
        errors_in_a_row = 0
        while not STOP.is_set():
            try:
                self._sweep_if_due()
                found = self._run_next()
            except Exception as exc:
                errors_in_a_row += 1
                if self.batch and (
                    not is_transient(exc) or errors_in_a_row >= BATCH_GIVES_UP_AFTER
                ):
                    raise
                delay = backoff.next()
                logger.warning(
                    "worker: %s (%s); reconnecting, next try in %.0f s",
                    type(exc).__name__,
                    exc,
                    delay,
                    exc_info=not is_transient(exc),
                )
                reset_connections()
                STOP.wait(delay)
                continue
            errors_in_a_row = 0
            backoff.reset()
            if found:
                continue
            if self.batch and self._retries_pending():
                STOP.wait(self.interval)
                continue
            if self.batch:
                logger.info(
                    "worker %s: queue empty, %d run", self.worker_id, self.tasks_run
                )
                return
            STOP.wait(self.interval)
        logger.info("worker %s: stopped after %d tasks", self.worker_id, self.tasks_run)

    def _retries_pending(self) -> bool:
        """Whether a task this worker put back after a database error still waits."""
        from django_tasks_db.models import DBTaskResult

        return DBTaskResult.objects.filter(
            pk__in=list(self._transient_failures), status="READY"
        ).exists()

    def _sweep_if_due(self) -> None:
        if time.monotonic() - self._last_sweep < self.sweep_every:
            return
        housekeeping.sweep()  # logs what it found
        self._last_sweep = time.monotonic()

    def _run_next(self) -> bool:
        """Claim one ready task and run it; False when the queue is empty."""
        from django_tasks_db.models import DBTaskResult
        from django_tasks_db.utils import exclusive_transaction

        if not self._busy:
            close_old_connections()
        else:
            # Between tasks of a run of them the connection is kept (on SQLite,
            # closing it checkpoints the log: an fsync per task) unless it met an
            # error; it is closed when the queue was found empty, and after an error.
            for connection in connections.all(initialized_only=True):
                if connection.errors_occurred:
                    connection.close_if_unusable_or_obsolete()
        self._busy = False
        ready = DBTaskResult.objects.ready().filter(
            backend_name=self.backend_name, queue_name=self.queue
        )
        with exclusive_transaction(ready.db):
            db_result = ready.get_locked()
            if db_result is not None:
                db_result.claim(self.worker_id)
        if db_result is None:
            return False
        self._execute(db_result)
        self.tasks_run += 1
        self._busy = True
        return True

    def _execute(self, db_result: Any) -> None:
        from django_tasks.signals import task_finished, task_started
        from django_tasks_db.compat import TaskContext

        label = f"task {db_result.id}"
        sender: type | None = None
        try:
            task = db_result.task
            sender = type(task.get_backend())
            task_result = db_result.task_result
            task_started.send(sender=sender, task_result=task_result)
            if task.takes_context:
                value = task.call(
                    TaskContext(task_result=task_result),
                    *task_result.args,
                    **task_result.kwargs,
                )
            else:
                value = task.call(*task_result.args, **task_result.kwargs)
        except Exception as exc:
            if is_transient(exc) and self._requeue(db_result, exc):
                return
            logger.error("%s (%s) failed", label, db_result.task_path, exc_info=True)
            with_db_retry(functools.partial(db_result.set_failed, exc), what=label)
        else:
            try:
                with_db_retry(lambda: db_result.set_successful(value), what=label)
            except Exception as exc:
                if is_transient(exc):
                    raise
                with_db_retry(functools.partial(db_result.set_failed, exc), what=label)
        if sender is not None:
            with contextlib.suppress(Exception):
                task_finished.send(sender=sender, task_result=db_result.task_result)

    def _requeue(self, db_result: Any, exc: BaseException) -> bool:
        """Put a task that met a transient database error back in the queue, a few
        times, a little later each time; False when it has used up its retries."""
        from django_tasks_db.models import DBTaskResult

        key = str(db_result.id)
        self._transient_failures[key] += 1
        tries = self._transient_failures[key]
        if tries > TASK_RETRIES or STOP.is_set():
            return False
        delay = dt.timedelta(seconds=min(TASK_RETRY_DELAY_S * 2.0 ** (tries - 1), 30.0))
        logger.warning(
            "task %s (%s) met a database error (%s); back in the queue (%d of %d)",
            key,
            db_result.task_path,
            exc,
            tries,
            TASK_RETRIES,
        )
        reset_connections()
        with_db_retry(
            lambda: DBTaskResult.objects.filter(pk=db_result.pk).update(
                status="READY", run_after=timezone.now() + delay
            ),
            what=f"task {key}",
        )
        return True


def supervise(run: Callable[[], object], *, what: str, batch: bool) -> None:
    """Run a worker loop that may stop on an error; restart it after a backoff."""
    backoff = Backoff()
    while not STOP.is_set():
        try:
            run()
            return
        except KeyboardInterrupt:
            return
        except Exception as exc:
            if batch:
                raise
            delay = backoff.next()
            logger.warning(
                "%s stopped (%s: %s); restarting in %.0f s",
                what,
                type(exc).__name__,
                exc,
                delay,
                exc_info=True,
            )
            reset_connections()
            STOP.wait(delay)
