"""A report's file read by the worker: the proposed answers wait for the review page."""

from __future__ import annotations

from django_tasks import task

from casework.imports import jobs
from casework.imports.models import ImportJob
from casework.reporting.imports import UnreadableFile, read_upload


def read_report_job(
    job: ImportJob, data: bytes, progress: jobs.Progress
) -> jobs.Parsed:
    """What the file proposes for the job's report (nothing is saved here)."""
    assert job.report is not None
    try:
        proposal = read_upload(
            job.filename, data, language=job.report.entry_language, progress=progress
        )
    except UnreadableFile as error:
        # A whole translated sentence naming the file (or the limit) and what to do.
        raise jobs.Refused(str(error)) from error
    return jobs.Parsed(
        {
            "answers": proposal.answers,
            "unrecognised": proposal.unrecognised,
            "problems": proposal.problems,
        }
    )


@task()
def read_report_file(job_id: int) -> str:
    """Read an uploaded report file for its review page (run by `casework worker`)."""
    return jobs.run(job_id, read_report_job)
