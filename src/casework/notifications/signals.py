"""Findings awaiting review: the support unit is told when an analysis run ends with
findings not yet reviewed (once per run)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.urls import reverse


def run_saved(sender: type, instance: Any, **kwargs: Any) -> None:
    from casework.documents.models import AnalysisRun
    from casework.findings.models import Finding
    from casework.notifications.models import Notification
    from casework.notifications.recipients import support_unit
    from casework.notifications.services import notify

    if instance.status not in {AnalysisRun.Status.DONE, AnalysisRun.Status.PARTIAL}:
        return
    document = instance.document
    pending = Finding.objects.filter(
        document=document, decision=Finding.Decision.PENDING
    ).count()
    if not pending:
        return
    notify(
        support_unit(),
        Notification.Kind.FINDINGS_AWAITING_REVIEW,
        params={
            "iso3": document.state.iso3,
            "document": document.filename,
            "count": pending,
        },
        url=reverse("findings:document", args=[document.pk]),
        key=f"run:{instance.pk}",
    )


def connect() -> None:
    from casework.documents.models import AnalysisRun

    post_save.connect(run_saved, sender=AnalysisRun, dispatch_uid="notify_findings")
