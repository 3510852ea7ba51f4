"""What a user is told: one row per notification in their inbox (and maybe an e-mail)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """A message to one user, written when shown (in the page's interface language) or
    e-mailed (in their profile language).

    `params` holds what the text needs (State, year, who, date…), so that the text
    follows the reader's language even after they change it. `key` makes a
    notification idempotent: one (recipient, kind, key) at most when it is set.
    """

    class Kind(models.TextChoices):
        CLEARANCE_REQUESTED = "clearance_requested", _("Clearance requested")
        REPORT_CLEARED = "report_cleared", _("Report cleared")
        REPORT_RETURNED = "report_returned", _("Report returned to draft")
        REPORT_SUBMITTED = "report_submitted", _("Report submitted")
        FINDINGS_AWAITING_REVIEW = (
            "findings_awaiting_review",
            _("Findings awaiting review"),
        )
        DEADLINE_APPROACHING = "deadline_approaching", _("Deadline approaching")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("recipient"),
    )
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    params = models.JSONField(default=dict, blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "kind", "key"],
                condition=~models.Q(key=""),
                name="notification_once_per_key",
            )
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.kind} for user {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
