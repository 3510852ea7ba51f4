"""The worker's housekeeping sweep: what a killed process or a dead request left behind.

Run by the database queue's worker loop every few minutes, at every worker's start, and
(with Redis) by the `documents.tasks.housekeeping` task that schedules itself. Each step
is cheap when there is nothing to do, and safe to run from two workers at once (each
claims its rows with a conditional update, and a file already removed is skipped).
"""

from __future__ import annotations

import logging

logger = logging.getLogger(__name__)
# The sweep's first step, whose count the housekeeping task returns.
RUNS_REQUEUED = "analysis runs had lost their worker (re-queued)"


def sweep() -> dict[str, int]:
    """Run every sweep; returns what each one did (a count), for the log."""
    from casework.documents.storage import sweep_incoming
    from casework.documents.tasks import requeue_stalled
    from casework.funding.importing import reap_stalled_batches, sweep_orphan_uploads
    from casework.imports.jobs import sweep_orphan_files

    done = {
        RUNS_REQUEUED: requeue_stalled(),
        "funding imports had lost their worker (failed)": reap_stalled_batches(),
        "partial uploads removed": sweep_incoming(),
        "funding uploads removed (no batch)": sweep_orphan_uploads(),
        "import files removed (no job)": sweep_orphan_files(),
    }
    for what, count in done.items():
        if count:
            logger.warning("housekeeping: %d %s", count, what)
    return done
