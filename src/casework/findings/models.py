"""Indicator findings of a document, the reviewers' decisions on them, and the audit trail."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.documents.models import AnalysisRun, Document
from casework.findings.indicators import CHOICES
from casework.states.models import TimeStamped


class Finding(TimeStamped):
    """What a document says on one indicator, per the analyser or a reviewer.

    The analyser's fields (present, score, evidence) are rewritten by each analysis; the
    review fields (decision, comment, corrected_*) only ever change through a reviewer.
    """

    class Source(models.TextChoices):
        ANALYSER = "analyser", _("Analyser")
        REVIEWER = "reviewer", _("Reviewer")
        FORM = "form", _("Online report form")

    class Decision(models.TextChoices):
        PENDING = "pending", _("Not reviewed")
        ACCEPTED = "accepted", _("Accepted")
        REJECTED = "rejected", _("Rejected")
        CORRECTED = "corrected", _("Corrected")

    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, related_name="findings"
    )
    indicator = models.CharField(_("indicator"), max_length=30, choices=CHOICES)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    run = models.ForeignKey(
        AnalysisRun,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="findings",
    )
    present = models.BooleanField(_("present"), default=True)
    score = models.FloatField(_("score"), default=0.0)
    evidence = models.JSONField(_("evidence"), default=list)  # [{page, text, rule}]
    # False once a later analysis no longer reports it (the row and its review stay).
    in_latest_run = models.BooleanField(default=True)

    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default=Decision.PENDING
    )
    comment = models.TextField(_("comment"), blank=True)
    corrected_present = models.BooleanField(
        _("corrected: information given"), null=True
    )
    corrected_evidence = models.JSONField(
        _("corrected evidence"), default=list, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="reviewed_findings",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document", "indicator", "source"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "indicator", "source"],
                name="finding_once_per_source",
            )
        ]
        # serves the aggregates over reviewed findings (observations, cross-State view)
        indexes = [models.Index(fields=["indicator", "decision"])]

    def __str__(self) -> str:
        return f"{self.indicator} in document {self.document_id} ({self.decision})"

    @property
    def reported(self) -> bool | None:
        """The reviewed verdict: does the document give information? None until reviewed."""
        if self.decision == self.Decision.ACCEPTED:
            return self.present
        if self.decision == self.Decision.REJECTED:
            return not self.present
        if self.decision == self.Decision.CORRECTED:
            return self.corrected_present
        return None

    @property
    def shown_evidence(self) -> list[dict[str, Any]]:
        evidence: list[dict[str, Any]] = self.corrected_evidence or self.evidence
        return evidence


class AuditEntry(models.Model):
    """One change to a finding: who, when, what (before and after)."""

    class Action(models.TextChoices):
        ANALYSED = "analysed", _("Analysed")
        REVIEWED = "reviewed", _("Reviewed")
        ADDED = "added", _("Added by a reviewer")

    finding = models.ForeignKey(Finding, on_delete=models.CASCADE, related_name="audit")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="finding_audit",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    before = models.JSONField(default=dict, blank=True)
    after = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")

    def __str__(self) -> str:
        return f"{self.action} finding {self.finding_id}"

    @property
    def decision_label(self) -> str:
        """The decision the entry recorded, as a reader sees it ("Accepted"); "" if none."""
        code = self.after.get("decision") if isinstance(self.after, dict) else None
        if code in Finding.Decision.values:
            return str(Finding.Decision(code).label)
        return ""
