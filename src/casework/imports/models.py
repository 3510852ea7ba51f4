"""One uploaded file read by the worker: its progress, and what reading it found.

A report's file (`Kind.REPORT`) is only read: its proposed answers wait in `result`
for the uploader's review, then `Status.DONE` once taken over. An extension request's
template (`Kind.EXTENSION`) is read and, when every cell is right, saved in one
transaction by the worker (`Status.DONE`, `result["request"]` the request's id).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.states.models import TimeStamped

# A running job whose progress has not moved for this long lost its worker.
STALLED_AFTER = dt.timedelta(minutes=5)


class ImportJob(TimeStamped):
    class Kind(models.TextChoices):
        REPORT = "report", _("Article 7 report from a file")
        EXTENSION = "extension", _("Extension request from a template")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Reading")
        READY = "ready", _("Read: ready to review")
        DONE = "done", _("Imported")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    # Why it failed: a whole translated sentence (what, where, what to do next).
    message = models.TextField(_("message"), blank=True)
    # Report: {"answers", "unrecognised", "problems"}; extension: {"request": id} or
    # {"errors": ["Request!B2: …"]} when cells need fixing.
    result = models.JSONField(default=dict, blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"), default=0)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    # The stored upload under the data directory, kept until the import is done.
    stored_path = models.CharField(max_length=500, blank=True)
    # The uploader's interface language: the language of the messages the worker writes.
    language = models.CharField(max_length=10, default="en")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="import_jobs",
        verbose_name=_("uploaded by"),
    )
    report = models.ForeignKey(
        "reporting.Report",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="import_jobs",
    )
    # The request whose values the template replaces; empty for a new request.
    extension = models.ForeignKey(
        "extensions.ExtensionRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="import_jobs",
    )
    # Set by the worker run that claimed the job; only that run may finish it.
    claim = models.CharField(max_length=32, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("file import")
        verbose_name_plural = _("file imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename}"

    @property
    def is_working(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def is_stalled(self) -> bool:
        """Running, but its worker has not reported for STALLED_AFTER (it died)."""
        return (
            self.status == self.Status.RUNNING
            and self.updated_at < timezone.now() - STALLED_AFTER
        )

    @property
    def can_retry(self) -> bool:
        return self.status == self.Status.FAILED or self.is_stalled
