"""What the import pages of the apps share: the job's progress while the worker reads."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from casework.imports.models import ImportJob


def progress_fragment(
    request: HttpRequest, job: ImportJob, poll_url: str
) -> HttpResponse | None:
    """htmx polling: the progress bar while the job works; once it is read, a full
    reload of the page (which then shows the review or the failure)."""
    if not request.headers.get("HX-Request"):
        return None
    if job.is_working and not job.is_stalled:
        return render(
            request, "imports/_progress.html", {"job": job, "poll_url": poll_url}
        )
    return HttpResponse(headers={"HX-Refresh": "true"})


def job_context(job: ImportJob, poll_url: str, **more: Any) -> dict[str, Any]:
    return {"job": job, "poll_url": poll_url, **more}
