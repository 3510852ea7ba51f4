"""Article 5 extension requests: the request, its tables, the decision and the comments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from casework.domain.languages import LANGUAGES, NATIVE
from casework.states.models import (
    StateParty,
    TimeStamped,
)


class Decision(models.TextChoices):
    PENDING = "pending", _("Not yet decided")
    GRANTED = "granted", _("Granted")
    NOT_GRANTED = "not_granted", _("Not granted")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ExtensionRequest(TimeStamped):
    """One request by a State to extend its Article 5 deadline."""

    state = models.ForeignKey(
        StateParty,
        on_delete=models.PROTECT,
        related_name="extension_requests",
        verbose_name=_("State"),
    )
    reference = models.CharField(_("reference"), max_length=80, blank=True)
    submitted_on = models.DateField(_("submitted on"), null=True, blank=True)
    current_deadline = models.DateField(_("current deadline"), null=True, blank=True)
    requested_deadline = models.DateField(
        _("requested deadline"), null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    total_cost = models.DecimalField(
        _("total cost stated"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    remaining_area_m2 = models.PositiveBigIntegerField(
        _("remaining area stated (m²)"), null=True, blank=True
    )
    past_release_rate_m2 = models.PositiveBigIntegerField(
        _("past release rate entered (m² a year)"), null=True, blank=True
    )
    has_resource_mobilisation_plan = models.BooleanField(
        _("resource-mobilisation plan attached"), default=False
    )
    risk_education = models.TextField(_("risk education provisions"), blank=True)
    gender_diversity = models.TextField(
        _("gender and diversity provisions"), blank=True
    )
    has_survey_of_remaining_areas = models.BooleanField(
        _("survey of remaining areas described"), default=False
    )
    # Where each request-level value came from: field name -> "Request!B5" or "p. 12".
    cells = models.JSONField(default=dict, blank=True)
    source_file = models.CharField(_("imported from"), max_length=200, blank=True)
    # The decision of the Meeting of the States Parties on this request.
    decision = models.CharField(
        _("decision"), max_length=12, choices=Decision.choices, default=Decision.PENDING
    )
    decision_meeting = models.CharField(_("meeting"), max_length=40, blank=True)
    decision_date = models.DateField(_("date of the decision"), null=True, blank=True)
    granted_deadline = models.DateField(_("deadline granted"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    # Optimistic concurrency: every edit is an UPDATE … WHERE version = the version the
    # page was loaded with (views/editing.py); an edit from an older page is refused.
    version = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        verbose_name = _("extension request")
        verbose_name_plural = _("extension requests")
        # serves the history of one State's requests
        indexes = [models.Index(fields=["state", "submitted_on"])]

    def __str__(self) -> str:
        deadline = self.requested_deadline.year if self.requested_deadline else "?"
        return f"{self.state.iso3} → {deadline} {self.reference}".strip()

    def get_absolute_url(self) -> str:
        return reverse("extensions:detail", args=[self.pk])


class ContaminatedArea(TimeStamped):
    """Remaining contamination in one region."""

    request = models.ForeignKey(
        ExtensionRequest, on_delete=models.CASCADE, related_name="areas"
    )
    region = models.CharField(_("region"), max_length=120)
    confirmed_m2 = models.PositiveBigIntegerField(
        _("confirmed hazardous area (m²)"), default=0
    )
    suspected_m2 = models.PositiveBigIntegerField(
        _("suspected hazardous area (m²)"), default=0
    )
    cells = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("contaminated area")
        verbose_name_plural = _("contaminated areas")

    def __str__(self) -> str:
        return self.region


class WorkPlanYear(TimeStamped):
    request = models.ForeignKey(
        ExtensionRequest, on_delete=models.CASCADE, related_name="plan_years"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    cancel_m2 = models.PositiveBigIntegerField(_("to cancel (m²)"), default=0)
    reduce_m2 = models.PositiveBigIntegerField(
        _("to reduce by technical survey (m²)"), default=0
    )
    clear_m2 = models.PositiveBigIntegerField(_("to clear (m²)"), default=0)
    teams = models.PositiveIntegerField(_("teams"), null=True, blank=True)
    milestones = models.TextField(_("milestones"), blank=True)
    cells = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["year", "pk"]
        verbose_name = _("work plan year")
        verbose_name_plural = _("work plan years")

    def __str__(self) -> str:
        return f"{self.year}"


class BudgetYear(TimeStamped):
    request = models.ForeignKey(
        ExtensionRequest, on_delete=models.CASCADE, related_name="budget_years"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    total = models.DecimalField(
        _("total cost"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    national = models.DecimalField(
        _("national contribution"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
    )
    secured = models.DecimalField(
        _("international funding secured"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
    )
    sought = models.DecimalField(
        _("international funding sought"),
        max_digits=16,
        decimal_places=2,
        null=True,
        blank=True,
    )
    currency = models.CharField(_("currency"), max_length=3, blank=True)
    cells = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["year", "pk"]
        verbose_name = _("budget year")
        verbose_name_plural = _("budget years")

    def __str__(self) -> str:
        return f"{self.year}"


class PastRelease(TimeStamped):
    """Area released in a year before the request (from Article 7 reports or the request)."""

    request = models.ForeignKey(
        ExtensionRequest, on_delete=models.CASCADE, related_name="past_releases"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    released_m2 = models.PositiveBigIntegerField(_("area released (m²)"), default=0)
    cost = models.DecimalField(
        _("cost"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    cells = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["year", "pk"]
        verbose_name = _("past release")
        verbose_name_plural = _("past releases")

    def __str__(self) -> str:
        return f"{self.year}"


class RequestDocument(TimeStamped):
    """A document of the request (the request itself, annexes): title and where to find it."""

    request = models.ForeignKey(
        ExtensionRequest, on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    reference = models.CharField(_("symbol or address"), max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("request document")
        verbose_name_plural = _("request documents")

    def __str__(self) -> str:
        return self.title


class CommitteeComment(TimeStamped):
    """The comments for the Article 5 Committee in one language.

    `generated` is rewritten on every regeneration; `edited` is the person's text and
    is never overwritten by it (conventions §7: reviewer decisions live in their own fields).
    """

    request = models.ForeignKey(
        ExtensionRequest, on_delete=models.CASCADE, related_name="comments"
    )
    language = models.CharField(
        _("language"),
        max_length=2,
        choices=[(code, NATIVE[code]) for code in LANGUAGES],
    )
    generated = models.TextField(_("drafted text"), blank=True)
    edited = models.TextField(_("edited text"), blank=True)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="extension_comments",
    )
    edited_at = models.DateTimeField(null=True, blank=True)
    # The draft the person's edit was based on, to say when the draft has changed since.
    edited_from = models.TextField(blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["request", "language"], name="one_comment_per_language"
            )
        ]
        verbose_name = _("comment for the Article 5 Committee")
        verbose_name_plural = _("comments for the Article 5 Committee")

    def __str__(self) -> str:
        return f"{self.request} [{self.language}]"

    @property
    def text(self) -> str:
        return self.edited or self.generated

    @property
    def draft_changed_since_edit(self) -> bool:
        return bool(self.edited) and self.edited_from != self.generated


class CommentRevision(TimeStamped):
    """One saved version of the comments in one language: who, how, what it said."""

    class Source(models.TextChoices):
        BROWSER = "browser", _("edited in the browser")
        WORD = "word", _("changes accepted from a Word document")

    comment = models.ForeignKey(
        CommitteeComment, on_delete=models.CASCADE, related_name="revisions"
    )
    body = models.TextField(_("text"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="extension_comment_revisions",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["comment", "-created_at", "-pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"{self.comment} {self.created_at:%Y-%m-%d %H:%M}"


class CommentWordUpload(TimeStamped):
    """A Word copy of the comments in one language, edited outside Casework and uploaded.

    `base` is the comments' paragraphs when it was uploaded, `edited` the copy's; the
    changes between them are offered one by one until the upload is applied.
    """

    comment = models.ForeignKey(
        CommitteeComment, on_delete=models.CASCADE, related_name="word_uploads"
    )
    filename = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="extension_comment_word_uploads",
    )
    base = models.JSONField(default=list)
    edited = models.JSONField(default=list)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied = models.PositiveSmallIntegerField(_("changes applied"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Word upload")
        verbose_name_plural = _("Word uploads")

    def __str__(self) -> str:
        return f"{self.comment} ← {self.filename}"
