"""The Redis queue's worker class (settings.RQ["WORKER_CLASS"]): no fork per job.

rq's default worker forks a "work horse" for every job; the analysis then forks again for
its own isolation. This one runs each job in the worker process itself, and keeps one
long-lived analysis child (with each document's memory limit and deadline) for its life.
"""

from __future__ import annotations

from typing import Any

from rq import SimpleWorker

from casework.cli.worker_loop import analysis_child


class AnalysisWorker(SimpleWorker):
    """rq's SimpleWorker, with one analysis child started with it."""

    def work(self, *args: Any, **kwargs: Any) -> bool:
        with analysis_child():
            return bool(super().work(*args, **kwargs))
