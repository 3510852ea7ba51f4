"""Uploads and analysis runs: what the views, other apps and the worker call."""

from __future__ import annotations

import datetime as dt
import functools
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from casework.documents.models import AnalysisRun, Document
from casework.documents.storage import store_original
from casework.states.models import StateParty

logger = logging.getLogger(__name__)

# A worker holds a run for this long; after it, the run is considered abandoned.
LEASE = dt.timedelta(minutes=10)
MAX_ATTEMPTS = 3
HOUSEKEEPING_EVERY = dt.timedelta(minutes=5)


@dataclass(frozen=True)
class UploadOutcome:
    document: Document
    created: (
        bool  # False: the same file was already filed for this State, year and kind
    )
    new_original: bool


def upload_documents(
    files: Iterable[UploadedFile],
    *,
    state: StateParty,
    kind: str,
    year: int,
    user: User | None,
) -> list[UploadOutcome]:
    """Store each file once, file it as a document, and queue its analysis."""
    outcomes = []
    for upload in files:
        original, new_original = store_original(upload)
        with transaction.atomic():
            document, created = Document.objects.get_or_create(
                state=state,
                year=year,
                kind=kind,
                original=original,
                defaults={
                    "filename": upload.name or original.sha256,
                    "uploaded_by": user,
                },
            )
            if created:
                queue_analysis(document)
                # A focal point uploading its State's report is the submission; the
                # support unit files reports received earlier (dates entered in admin).
                if kind == Document.Kind.ARTICLE7_REPORT and _is_focal_point(
                    user, state
                ):
                    from casework.compliance.services import record_submission

                    record_submission(
                        state, year, submitted_at=timezone.localdate(), source="upload"
                    )
        outcomes.append(UploadOutcome(document, created, new_original))
    return outcomes


def _is_focal_point(user: User | None, state: StateParty) -> bool:
    from casework.accounts.permissions import own_state

    mine = own_state(user) if user is not None else None
    return mine is not None and mine.pk == state.pk


def queue_analysis(document: Document) -> AnalysisRun:
    """Create a queued run and hand it to the worker once the transaction commits."""
    run = AnalysisRun.objects.create(document=document)
    transaction.on_commit(lambda: _enqueue(run.pk))
    return run


def _enqueue(run_id: int) -> None:
    from casework.documents.tasks import analyse_run

    analyse_run.enqueue(run_id)
    ensure_housekeeping()


def retry(run: AnalysisRun) -> AnalysisRun:
    """A failed run is kept as history; the retry is a new run."""
    return queue_analysis(run.document)


def claim_run(run_id: int) -> AnalysisRun | None:
    """Take a queued run (or one whose worker vanished) for this worker; None if taken."""
    now = timezone.now()
    claimable = Q(status=AnalysisRun.Status.QUEUED) | Q(
        status=AnalysisRun.Status.RUNNING, lease_expires_at__lt=now
    )
    count = (
        AnalysisRun.objects.filter(claimable, pk=run_id)
        .filter(attempts__lt=MAX_ATTEMPTS)
        .update(
            status=AnalysisRun.Status.RUNNING,
            attempts=F("attempts") + 1,
            lease_expires_at=now + LEASE,
            started_at=now,
            progress=10,
        )
    )
    if count != 1:
        return None
    return AnalysisRun.objects.select_related(
        "document__original", "document__state"
    ).get(pk=run_id)


def execute_run(run: AnalysisRun) -> str:
    """Analyse the claimed run's original; the run ends done, partial or failed."""
    from casework.documents.analysis import apply_result, run_analyser

    document = run.document
    try:
        AnalysisRun.objects.filter(pk=run.pk).update(progress=30)
        data = run_analyser(document.original.path, state=document.state.iso3)
        AnalysisRun.objects.filter(pk=run.pk).update(progress=80)
        apply_result(run, data)
    except Exception as exc:  # the run boundary: the failure is shown to the user
        logger.error("run %s: analysis crashed", run.pk, exc_info=True)
        run.status = AnalysisRun.Status.FAILED
        run.message = (
            f"{document.filename}: analysis failed ({type(exc).__name__}: {exc})"
        )
        run.progress = 100
        run.save()
    AnalysisRun.objects.filter(pk=run.pk).update(finished_at=timezone.now())
    return str(run.status)


def requeue_stale_runs() -> int:
    """Put runs whose worker died (lease expired) back in the queue; fail the hopeless."""
    now = timezone.now()
    stale = AnalysisRun.objects.filter(
        status=AnalysisRun.Status.RUNNING, lease_expires_at__lt=now
    )
    gave_up = stale.filter(attempts__gte=MAX_ATTEMPTS).update(
        status=AnalysisRun.Status.FAILED,
        progress=100,
        message=(
            f"The worker stopped {MAX_ATTEMPTS} times while analysing this document; "
            "check the worker's log, then press Retry."
        ),
    )
    ids = list(stale.values_list("pk", flat=True))
    AnalysisRun.objects.filter(pk__in=ids).update(
        status=AnalysisRun.Status.QUEUED, lease_expires_at=None, progress=0
    )
    for run_id in ids:
        logger.warning("run %s: worker lost; re-queued", run_id)
        transaction.on_commit(functools.partial(_enqueue_only, run_id))
    return len(ids) + gave_up


def _enqueue_only(run_id: int) -> None:
    from casework.documents.tasks import analyse_run

    analyse_run.enqueue(run_id)


def ensure_housekeeping() -> None:
    """Keep one future sweep of stale runs scheduled on the worker."""
    from casework.documents.tasks import housekeeping

    if _has_pending(housekeeping.module_path):
        return
    housekeeping.using(run_after=timezone.now() + HOUSEKEEPING_EVERY).enqueue()


def _has_pending(task_path: str) -> bool:
    """Whether the database queue already holds a not-yet-run task of that path."""
    from django.conf import settings

    if settings.TASK_BACKEND != "database":
        return False
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=task_path, status="READY").exists()
