"""Online Article 7 reports: one row per State, reporting year and version, and its saves."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from casework.domain import locale
from casework.domain.languages import normalise
from casework.domain.treaty import TREATY
from casework.states.models import StateParty, TimeStamped


class ClearedBy(models.TextChoices):
    """Who clears a State's report before it is submitted."""

    SECOND_FOCAL_POINT = "focal_point", _("A second focal point of the State")
    SUPPORT_UNIT = "support_unit", _("The support unit")


class ClearanceRule(TimeStamped):
    """A State's choice of who clears its reports; no row means a second focal point.

    Whatever the rule, a report goes to the support unit when no other active focal
    point of the State can clear it (reporting.permissions.clears_with_support_unit).
    """

    state = models.OneToOneField(
        StateParty,
        on_delete=models.CASCADE,
        related_name="clearance_rule",
        verbose_name=_("State"),
    )
    cleared_by = models.CharField(
        _("cleared by"),
        max_length=12,
        choices=ClearedBy.choices,
        default=ClearedBy.SECOND_FOCAL_POINT,
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["state__name_en"]
        verbose_name = _("clearance rule")
        verbose_name_plural = _("clearance rules")

    def __str__(self) -> str:
        return f"{self.state.iso3}: {self.cleared_by}"


class Report(TimeStamped):
    """A State's Article 7 report for a reporting year, as filled in online.

    `answers` holds {form code: {field key: text, or list of row dicts for tables}};
    `flags` holds {form code: "unchanged" | "not_applicable"} and `unchanged_since`
    {form code: year of the report whose content was carried forward}. A submitted
    report is never edited again: a correction is a new row with the next version.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        IN_CLEARANCE = "in_clearance", _("Awaiting clearance")
        CLEARED = "cleared", _("Cleared")
        SUBMITTED = "submitted", _("Submitted")
        PUBLISHED = "published", _("Published")

    class Flag(models.TextChoices):
        FILLED = "", _("Filled in for this report")
        UNCHANGED = "unchanged", _("Unchanged since the previous report")
        NOT_APPLICABLE = "not_applicable", _("Not applicable")

    state = models.ForeignKey(
        StateParty, on_delete=models.PROTECT, related_name="online_reports"
    )
    year = models.PositiveSmallIntegerField(_("reporting year"))
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    language = models.CharField(_("language of entry"), max_length=2, default="en")
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.DRAFT
    )
    answers = models.JSONField(default=dict, blank=True)
    flags = models.JSONField(default=dict, blank=True)
    unchanged_since = models.JSONField(default=dict, blank=True)
    # Bumped by every save; an autosave from a stale page is refused, not merged.
    revision = models.PositiveIntegerField(default=0)
    started_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="continued_by",
        verbose_name=_("started from"),
    )
    corrects = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="corrections",
        verbose_name=_("corrects"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    clearance_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Who was asked to clear it when it was sent for clearance ("" before that).
    clearance_by = models.CharField(
        _("sent for clearance to"),
        max_length=12,
        choices=ClearedBy.choices,
        blank=True,
    )
    cleared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    cleared_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    return_note = models.TextField(_("note from the clearing colleague"), blank=True)
    # The PDF stored through the documents app on submission (findings point at it).
    document = models.ForeignKey(
        "documents.Document",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="online_reports",
    )

    class Meta:
        ordering = ["-year", "state__name_en", "-version"]
        verbose_name = _("online Article 7 report")
        verbose_name_plural = _("online Article 7 reports")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "year", "version"], name="report_version_once"
            )
        ]
        indexes = [
            # serves the lists of submitted/published reports
            models.Index(fields=["status", "year"]),
        ]

    def __str__(self) -> str:
        return f"{self.state.iso3} {self.year} v{self.version} ({self.status})"

    @property
    def is_editable(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_submitted(self) -> bool:
        return self.status in {self.Status.SUBMITTED, self.Status.PUBLISHED}

    @property
    def entry_language(self) -> str:
        """The language the answers were entered in (and numbers typed in)."""
        return normalise(self.language)

    @property
    def period(self) -> str:
        """Article 7.2: the report covers the previous calendar year (active language)."""
        return self.period_in(normalise(translation.get_language()))

    def period_in(self, language: str) -> str:
        """ "1 January – 31 December 2025" / "du 1er janvier au 31 décembre 2025"."""
        covered = self.year - 1
        return locale.format_date_range(
            dt.date(covered, 1, 1), dt.date(covered, 12, 31), language
        )

    @property
    def deadline(self) -> dt.date:
        """When this report is due (30 April of the reporting year for the APMBC)."""
        return TREATY.report_deadline(self.year)

    def flag(self, code: str) -> str:
        return str(self.flags.get(code, ""))

    def form_answers(self, code: str) -> dict[str, Any]:
        values: dict[str, Any] = self.answers.get(code, {})
        return values


class ReportStep(models.Model):
    """One step of a report's workflow: what was done, by whom and when."""

    class Kind(models.TextChoices):
        DRAFTED = "drafted", _("Drafted")
        SENT_FOR_CLEARANCE = "sent", _("Sent for clearance")
        CLEARED = "cleared", _("Cleared")
        RETURNED = "returned", _("Returned to draft")
        SUBMITTED = "submitted", _("Submitted")
        PUBLISHED = "published", _("Published")
        LANGUAGE = "language", _("Language of the report changed")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=10, choices=Kind.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("when"), default=timezone.now)
    # sent: who clears it (ClearedBy); language: the new language code.
    detail = models.CharField(max_length=12, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["report", "at", "pk"]
        verbose_name = _("report step")
        verbose_name_plural = _("report steps")

    def __str__(self) -> str:
        return f"{self.kind} of report {self.report_id} at {self.at:%Y-%m-%d %H:%M}"


class ReportRevision(models.Model):
    """A saved state of a draft; every save is kept so that nothing typed is ever lost."""

    report = models.ForeignKey(
        Report, on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField(_("revision"))
    answers = models.JSONField(default=dict)
    flags = models.JSONField(default=dict)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["report", "-number"]
        verbose_name = _("draft revision")
        verbose_name_plural = _("draft revisions")
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="revision_once")
        ]

    def __str__(self) -> str:
        return f"revision {self.number} of report {self.report_id}"
