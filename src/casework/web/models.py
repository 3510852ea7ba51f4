"""Operational state of the site itself."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkerHeartbeat(models.Model):
    """Written by the background worker when it runs `web.tasks.heartbeat`: proof it is alive."""

    backend = models.CharField(_("task backend"), max_length=100)
    requested_at = models.DateTimeField(_("requested at"))
    created_at = models.DateTimeField(_("answered at"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "created_at"
        verbose_name = _("worker heartbeat")
        verbose_name_plural = _("worker heartbeats")

    def __str__(self) -> str:
        return f"{self.backend} {self.created_at:%Y-%m-%d %H:%M:%S}"
