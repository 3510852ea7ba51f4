"""Background tasks of the documents app (run by `casework worker`)."""

from __future__ import annotations

from django_tasks import task

from casework.documents import services


@task()
def analyse_run(run_id: int) -> str:
    """Claim and execute one analysis run; a run already taken is skipped."""
    run = services.claim_run(run_id)
    if run is None:
        return "skipped"
    return services.execute_run(run)


@task()
def housekeeping() -> int:
    """Re-queue runs whose worker died, then schedule the next sweep."""
    count = services.requeue_stale_runs()
    services.ensure_housekeeping()
    return count
