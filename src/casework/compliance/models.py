"""Article 7 submissions per State and reporting year, and reminders sent."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.states.models import StateParty, TimeStamped


class Submission(TimeStamped):
    """The day a State's Article 7 report for a year reached the Convention."""

    class Source(models.TextChoices):
        UPLOAD = "upload", _("Uploaded document")
        ONLINE = "online", _("Online reporting tool")
        MANUAL = "manual", _("Entered by the support unit")
        DEMO = "demo", _("Demo data")

    state = models.ForeignKey(
        StateParty, on_delete=models.PROTECT, related_name="article7_submissions"
    )
    year = models.PositiveSmallIntegerField(_("reporting year"))
    submitted_at = models.DateField(_("submitted on"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)

    class Meta:
        ordering = ["-year", "state__name_en"]
        verbose_name = _("Article 7 submission")
        verbose_name_plural = _("Article 7 submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "year"], name="one_submission_per_year"
            )
        ]
        # The unique (state, year) constraint serves a State's history: the State page's
        # line, `services.state_status` (state = S and year <= Y).
        indexes = [
            # serves `services.tracker(year)`: the submissions of the year (year = Y) and
            # the earlier years' (state_id, submitted_at) pairs (year < Y), read from the
            # index alone
            models.Index(
                fields=["year", "state", "submitted_at"],
                name="submission_year_state_day",
            )
        ]

    def __str__(self) -> str:
        return f"{self.state.iso3} {self.year}: {self.submitted_at}"


class Reminder(TimeStamped):
    """One reminder e-mail sent to a State's focal points for a reporting year."""

    state = models.ForeignKey(
        StateParty, on_delete=models.PROTECT, related_name="reminders"
    )
    year = models.PositiveSmallIntegerField(_("reporting year"))
    recipients = models.TextField(_("recipients"))

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        # serves "was this State reminded recently?"
        indexes = [models.Index(fields=["state", "year", "created_at"])]

    def __str__(self) -> str:
        return f"reminder {self.state.iso3} {self.year}"
