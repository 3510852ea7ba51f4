"""Background tasks of the funding app (run by `casework worker`)."""

from __future__ import annotations

from django_tasks import task


@task()
def import_iati_file(batch_id: int) -> int:
    """Import an uploaded IATI file as a stream; returns the entries added."""
    from casework.funding.importing import run_iati_batch

    return run_iati_batch(batch_id)


@task()
def import_table_file(batch_id: int) -> int:
    """Import an uploaded CSV/XLSX contributions table; returns the entries added."""
    from casework.funding.importing import run_table_batch

    return run_table_batch(batch_id)
