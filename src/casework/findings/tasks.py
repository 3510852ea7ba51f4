"""Background work of the findings: the cross-State figures, recomputed off the request."""

from __future__ import annotations

from django_tasks import task

from casework.findings import coverage


@task()
def recompute_coverage(years: list[int], group: str, kind: str, basis: str) -> bool:
    """Recompute the coverage figures for one set of filters unless they are current."""
    return coverage.refresh(years=years, group=group, kind=kind, basis=basis)
