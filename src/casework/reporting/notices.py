"""Who is told of each workflow step of an online report (casework.notifications)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.urls import reverse
from django.utils import timezone

from casework.notifications.models import Notification
from casework.notifications.recipients import display_name, focal_points, support_unit
from casework.notifications.services import notify
from casework.reporting.models import ClearedBy, Report

Kind = Notification.Kind


def _params(report: Report, by: User, **extra: Any) -> dict[str, Any]:
    return {
        "report": report.pk,
        "iso3": report.state.iso3,
        "year": report.year,
        "version": report.version,
        "actor": display_name(by),
        "on": timezone.localdate().isoformat(),
        **extra,
    }


def _url(report: Report) -> str:
    return reverse("reporting:detail", args=[report.pk])


def clearance_requested(report: Report, *, by: User) -> None:
    """The colleagues who may clear it, or the support unit."""
    to_support = report.clearance_by == ClearedBy.SUPPORT_UNIT
    recipients = (
        support_unit() if to_support else focal_points(report.state).exclude(pk=by.pk)
    )
    notify(
        recipients,
        Kind.CLEARANCE_REQUESTED,
        params=_params(report, by, support_unit=to_support),
        url=_url(report),
    )


def _state_except(report: Report, by: User) -> list[User]:
    return list(focal_points(report.state).exclude(pk=by.pk))


def cleared(report: Report, *, by: User) -> None:
    notify(
        _state_except(report, by),
        Kind.REPORT_CLEARED,
        params=_params(report, by),
        url=_url(report),
    )


def returned(report: Report, *, by: User) -> None:
    notify(
        _state_except(report, by),
        Kind.REPORT_RETURNED,
        params=_params(report, by, note=report.return_note),
        url=_url(report),
    )


def submitted(report: Report, *, by: User) -> None:
    """A receipt to every focal point of the State, the one who submitted included."""
    notify(
        focal_points(report.state),
        Kind.REPORT_SUBMITTED,
        params=_params(report, by),
        url=_url(report),
        key=f"report:{report.pk}",
    )
