"""Uploaded documents, their stored originals and the analysis runs that read them."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.states.models import StateParty, TimeStamped


class StoredOriginal(TimeStamped):
    """One file's bytes, stored once under MEDIA_ROOT/originals named by SHA-256."""

    sha256 = models.CharField(_("SHA-256"), max_length=64, unique=True)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    extension = models.CharField(_("extension"), max_length=12, blank=True)

    class Meta:
        verbose_name = _("stored original")
        verbose_name_plural = _("stored originals")

    def __str__(self) -> str:
        return self.sha256[:12]

    @property
    def relative_path(self) -> str:
        return f"originals/{self.sha256[:2]}/{self.sha256}{self.extension}"

    @property
    def path(self) -> Path:
        return Path(settings.MEDIA_ROOT) / self.relative_path


class Document(TimeStamped):
    """A report about one State for one year, as uploaded (several may share an original)."""

    class Kind(models.TextChoices):
        ARTICLE7_REPORT = "article7_report", _("Article 7 report")
        EXTENSION_REQUEST = "extension_request", _("Extension request")
        INDIVIDUALISED_APPROACH = (
            "individualised_approach",
            _("Individualised-approach presentation"),
        )
        OTHER = "other", _("Other")

    state = models.ForeignKey(
        StateParty,
        on_delete=models.PROTECT,
        related_name="documents",
        verbose_name=_("State"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("reporting year"))
    filename = models.CharField(_("file name"), max_length=255)
    original = models.ForeignKey(
        StoredOriginal, on_delete=models.PROTECT, related_name="documents"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="uploaded_documents",
    )
    # Derived by the latest successful analysis; never part of the original.
    language = models.CharField(_("language"), max_length=2, blank=True)
    pages = models.PositiveIntegerField(_("pages"), default=0)
    text = models.TextField(
        _("extracted text"), blank=True
    )  # pages joined by form feeds

    class Meta:
        ordering = ["-year", "state__name_en", "filename"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        # serves the per-State/year lists and the cross-State aggregates
        indexes = [
            models.Index(fields=["state", "year"]),
            models.Index(fields=["year", "kind"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "year", "kind", "original"],
                name="document_once_per_context",
            )
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.state.iso3} {self.year})"

    def page_texts(self) -> list[str]:
        return self.text.split("\f") if self.text else []

    @property
    def latest_run(self) -> AnalysisRun | None:
        runs = getattr(self, "_prefetched_objects_cache", {}).get("runs")
        if runs is not None:
            return max(runs, key=lambda r: r.pk, default=None)
        return self.runs.order_by("-pk").first()


class AnalysisRun(TimeStamped):
    """One analysis of a document; the row is the queue entry the worker claims."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        PARTIAL = "partial", _("Done with warnings")
        FAILED = "failed", _("Failed")

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="runs"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # A claim is a lease: a run still "running" after it expires lost its worker.
    lease_expires_at = models.DateTimeField(null=True, blank=True)
    # Written every few seconds while the run works; a stale one means its worker died.
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    message = models.TextField(_("message"), blank=True)
    warnings = models.JSONField(default=list, blank=True)
    result = models.JSONField(null=True, blank=True)  # the analyser's JSON contract

    class Meta:
        ordering = ["-pk"]
        verbose_name = _("analysis run")
        verbose_name_plural = _("analysis runs")
        # serves the stale-run sweep (running runs whose lease expired)
        indexes = [models.Index(fields=["status", "lease_expires_at"])]

    def __str__(self) -> str:
        return f"run {self.pk} of document {self.document_id}: {self.status}"

    @property
    def is_active(self) -> bool:
        return self.status in {self.Status.QUEUED, self.Status.RUNNING}

    @property
    def progress_share(self) -> float:
        """Progress as a share of 1, for the `percent` filter ("40%" / "40 %")."""
        return self.progress / 100
