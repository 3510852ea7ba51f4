"""Heartbeats, the stale-run sweep and the retry rules of the worker, in-process."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, OperationalError, ProgrammingError
from django.utils import timezone

from casework.cli.worker_loop import SupervisedWorker
from casework.documents import services, tasks
from casework.documents.models import AnalysisRun
from casework.documents.sample_files import FRENCH_REPORT
from casework.states.models import StateParty

pytestmark = pytest.mark.django_db

TEXT = ("\n".join(FRENCH_REPORT) + "\n").encode()


@pytest.fixture(autouse=True)
def _in_the_test_transaction(monkeypatch):
    # Closing connections would end the test's transaction; waits would only slow it.
    monkeypatch.setattr(tasks, "reset_connections", lambda: None)
    monkeypatch.setattr(
        "casework.cli.worker_loop.reset_connections", lambda: None, raising=True
    )
    monkeypatch.setattr(
        "casework.cli.worker_loop.close_old_connections", lambda: None, raising=True
    )
    monkeypatch.setattr(tasks, "FIRST_DELAY_S", 0.0)
    tasks.STOP.clear()
    yield
    tasks.STOP.clear()


def _upload(capture, *, execute: bool):
    with capture(execute=execute):
        outcome = services.upload_documents(
            [SimpleUploadedFile("rapport.txt", TEXT)],
            state=StateParty.objects.get(iso3="SEN"),
            kind="other",
            year=2025,
            user=None,
        )[0]
    return outcome.document.runs.get()


def _worker() -> SupervisedWorker:
    return SupervisedWorker(queue="default", batch=True, sweep_every=0.0)


def test_backoff_doubles_up_to_its_cap_and_starts_again_after_a_success():
    backoff = tasks.Backoff(first=1.0, cap=30.0)
    assert [backoff.next() for _ in range(7)] == [1, 2, 4, 8, 16, 30, 30]
    backoff.reset()
    assert backoff.next() == 1


def test_only_errors_that_may_pass_are_transient():
    closed = ProgrammingError("Cannot operate on a closed database.")
    closed.__cause__ = sqlite3.ProgrammingError("Cannot operate on a closed database.")
    assert tasks.is_transient(OperationalError("database is locked"))
    assert tasks.is_transient(OperationalError("database or disk is full"))
    assert tasks.is_transient(closed)
    assert not tasks.is_transient(IntegrityError("UNIQUE constraint failed"))
    assert not tasks.is_transient(OperationalError("no such table: documents_run"))
    assert not tasks.is_transient(ValueError("database is locked"))


def test_a_step_is_retried_past_transient_errors_but_not_past_a_bug():
    calls = []

    def flaky() -> str:
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("database is locked")
        return "written"

    assert tasks.with_db_retry(flaky, what="test", backoff=tasks.Backoff(0, 0)) == (
        "written"
    )
    assert len(calls) == 3

    def broken() -> None:
        calls.append(1)
        raise IntegrityError("NOT NULL constraint failed")

    with pytest.raises(IntegrityError):
        tasks.with_db_retry(broken, what="test", backoff=tasks.Backoff(0, 0))
    assert len(calls) == 4


def test_a_stopping_worker_does_not_wait_for_the_database():
    tasks.STOP.set()
    with pytest.raises(OperationalError):
        tasks.with_db_retry(
            lambda: (_ for _ in ()).throw(OperationalError("disk I/O error")),
            what="test",
        )


def test_heartbeat_extends_the_lease_of_a_running_run_only(
    django_capture_on_commit_callbacks,
):
    run = _upload(django_capture_on_commit_callbacks, execute=False)
    tasks.beat(run.pk)
    run.refresh_from_db()
    assert run.heartbeat_at is None  # queued: nothing to beat for
    assert services.claim_run(run.pk) is not None
    before = timezone.now()
    tasks.beat(run.pk)
    run.refresh_from_db()
    assert run.heartbeat_at >= before
    assert run.lease_expires_at == run.heartbeat_at + tasks.STALE_AFTER


def _stale(run: AnalysisRun, *, attempts: int, seconds: int = 61) -> None:
    past = timezone.now() - dt.timedelta(seconds=seconds)
    AnalysisRun.objects.filter(pk=run.pk).update(
        status=AnalysisRun.Status.RUNNING,
        attempts=attempts,
        started_at=past,
        heartbeat_at=past,
        lease_expires_at=past + dt.timedelta(minutes=10),  # the claim's long lease
    )


def test_a_stale_running_run_is_picked_up_and_finished(
    django_capture_on_commit_callbacks,
):
    from django_tasks_db.models import DBTaskResult

    run = _upload(django_capture_on_commit_callbacks, execute=True)
    # The dead worker's task row stays RUNNING; the run's heartbeat is a minute old.
    DBTaskResult.objects.update(status="RUNNING")
    _stale(run, attempts=1)
    # The loop's sweep; in a test its queueing waits for the end of the block.
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.requeue_stalled() == 1
    lost = DBTaskResult.objects.get(
        task_path=tasks.analyse_run.module_path, status="FAILED"
    )
    assert lost.exception_class_path.endswith("WorkerLost")
    _worker().run()
    assert DBTaskResult.objects.filter(
        task_path=tasks.analyse_run.module_path, status="SUCCESSFUL"
    ).exists()
    run.refresh_from_db()
    assert run.status in {AnalysisRun.Status.DONE, AnalysisRun.Status.PARTIAL}
    assert run.attempts == 2  # the count is kept across the retry
    assert run.heartbeat_at is not None and run.finished_at is not None
    assert run.document.findings.exists()


def test_a_recent_heartbeat_keeps_the_run_with_its_worker(
    django_capture_on_commit_callbacks,
):
    run = _upload(django_capture_on_commit_callbacks, execute=False)
    _stale(run, attempts=1, seconds=20)
    assert tasks.requeue_stalled() == 0
    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.RUNNING


def test_a_run_that_lost_its_worker_too_often_is_given_up_with_a_message(
    django_capture_on_commit_callbacks,
):
    run = _upload(django_capture_on_commit_callbacks, execute=False)
    _stale(run, attempts=services.MAX_ATTEMPTS)
    with django_capture_on_commit_callbacks(execute=True):
        assert tasks.requeue_stalled() == 1
    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.FAILED
    assert f"{services.MAX_ATTEMPTS} times" in run.message
    assert "Retry" in run.message


def test_worker_survives_a_full_disk_on_the_result_and_finishes(
    django_capture_on_commit_callbacks, monkeypatch
):
    from casework.documents import analysis

    real = analysis.apply_result
    failures = []

    def full_disk(run, data):
        if len(failures) < 2:
            failures.append(1)
            raise OperationalError("database or disk is full")
        return real(run, data)

    monkeypatch.setattr(analysis, "apply_result", full_disk)
    run = _upload(django_capture_on_commit_callbacks, execute=True)
    _worker().run()
    run.refresh_from_db()
    assert len(failures) == 2
    assert run.status in {AnalysisRun.Status.DONE, AnalysisRun.Status.PARTIAL}
    assert run.attempts == 1  # retried in place, not analysed again


def test_a_task_failing_on_the_database_goes_back_to_the_queue(
    django_capture_on_commit_callbacks, monkeypatch
):
    from django_tasks_db.models import DBTaskResult

    from casework.web import tasks as web_tasks
    from casework.web.models import WorkerHeartbeat
    from casework.web.services import request_heartbeat

    real = WorkerHeartbeat.objects.create
    failures = []

    def locked(**fields):
        if not failures:
            failures.append(1)
            raise OperationalError("database is locked")
        return real(**fields)

    monkeypatch.setattr(WorkerHeartbeat.objects, "create", locked)
    monkeypatch.setattr("casework.cli.worker_loop.TASK_RETRY_DELAY_S", 0.0)
    request_heartbeat()
    worker = _worker()
    worker.interval = 0.01
    worker.run()
    assert failures == [1]
    assert WorkerHeartbeat.objects.count() == 1
    result = DBTaskResult.objects.get(task_path=web_tasks.heartbeat.module_path)
    assert result.status == "SUCCESSFUL"


def test_the_next_document_is_analysed_while_the_worker_writes_and_nothing_mixes(
    django_capture_on_commit_callbacks, monkeypatch
):
    import casework.core.isolate as isolate

    real = isolate.prefetch_isolated
    guesses: list[tuple[str, str | None, bool]] = []

    def spy(path, config=None, *, state=None):
        taken = real(path, config, state=state)
        guesses.append((path.name, state, taken))
        return taken

    monkeypatch.setattr(isolate, "prefetch_isolated", spy)
    states = ["SEN", "KHM", "TCD"]
    with django_capture_on_commit_callbacks(execute=True):
        for n, iso3 in enumerate(states):
            services.upload_documents(
                [
                    SimpleUploadedFile(
                        f"rapport-{n}.txt", TEXT + f"Marque {n}\n".encode()
                    )
                ],
                state=StateParty.objects.get(iso3=iso3),
                kind="other",
                year=2025,
                user=None,
            )
    _worker().run()
    runs = AnalysisRun.objects.select_related("document__state").order_by("pk")
    assert [r.status for r in runs] == [AnalysisRun.Status.DONE] * 3
    for n, run in enumerate(runs):
        # Each document got its own answer, for its own State.
        assert f"Marque {n}" in run.document.text
        assert f"Marque {(n + 1) % 3}" not in run.document.text
        assert run.result["state"] == states[n], run.result.get("state")
    # While the first and second results were written, the next document was handed
    # to the child; the third had no successor.
    assert [(state, taken) for _name, state, taken in guesses] == [
        ("KHM", True),
        ("TCD", True),
    ]
