"""An extension request's template read and saved by the worker (issue 15).

The file is read outside any transaction; when every cell can be read, the request is
created (or its values replaced) in one transaction together with the job's end, so a
failure at any step saves nothing.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db.models import F
from django.utils.translation import gettext as _
from django_tasks import task

from casework.extensions import services
from casework.extensions.models import ExtensionRequest
from casework.extensions.template_io import TemplateError, read_template
from casework.imports import jobs
from casework.imports.models import ImportJob

logger = logging.getLogger(__name__)


def import_extension_job(
    job: ImportJob, data: bytes, progress: jobs.Progress
) -> jobs.Parsed:
    try:
        parsed = read_template(data, job.filename, progress=progress)
    except TemplateError as exc:
        raise jobs.Refused(str(exc)) from exc
    if parsed.errors:  # cells that cannot be read: nothing to save
        raise jobs.Refused(
            _("%(name)s could not be imported.") % {"name": job.filename},
            [str(error) for error in parsed.errors],
        )
    into_pk = job.extension_id

    def write() -> dict[str, Any]:
        into = None
        if into_pk is not None:
            into = ExtensionRequest.objects.filter(pk=into_pk).first()
            if into is None:
                raise jobs.Refused(
                    _(
                        "%(name)s: the request it should replace was deleted "
                        "meanwhile; nothing was imported."
                    )
                    % {"name": job.filename}
                )
        result = services.import_parsed(parsed, job.filename, into=into)
        if result.request is None:  # an unknown State, another State's request
            raise jobs.Refused(
                _("%(name)s could not be imported.") % {"name": job.filename},
                [str(error) for error in result.errors],
            )
        if into is not None:
            # Open edit pages of the request are now stale (their version is older).
            ExtensionRequest.objects.filter(pk=into.pk).update(version=F("version") + 1)
        logger.info(
            "import job %s saved extension request %s", job.pk, result.request.pk
        )
        return {"request": result.request.pk}

    return jobs.Parsed(status=ImportJob.Status.DONE, write=write)


@task()
def import_extension_file(job_id: int) -> str:
    """Read an uploaded extension template and save it (run by `casework worker`)."""
    return jobs.run(job_id, import_extension_job)
