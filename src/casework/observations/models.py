"""Preliminary observations per State and year, in English, French and Spanish."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.states.models import StateParty, TimeStamped


class Observation(TimeStamped):
    """The Committee's preliminary observations on one State for one reporting year."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        AGREED = "agreed", _("Agreed")
        PUBLISHED = "published", _("Published")

    state = models.ForeignKey(
        StateParty, on_delete=models.PROTECT, related_name="observations"
    )
    year = models.PositiveSmallIntegerField(_("reporting year"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # The indicators the draft was generated from (codes), to show what it rests on.
    reported_codes = models.JSONField(default=list, blank=True)
    # The fingerprint of every source the draft was generated from
    # (`knowledge.gather(...).stamp`): when it differs, the draft is stale.
    sources_stamp = models.CharField(max_length=64, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-year", "state__name_en"]
        verbose_name = _("preliminary observation")
        verbose_name_plural = _("preliminary observations")
        constraints = [
            models.UniqueConstraint(
                fields=["state", "year"], name="one_observation_per_year"
            )
        ]
        # serves the public State page (published ones of a State)
        indexes = [models.Index(fields=["state", "status"])]

    def __str__(self) -> str:
        return f"{self.state.iso3} {self.year} ({self.status})"

    def text(self, language: str) -> str:
        for item in self.texts.all():
            if item.language == language:
                return item.text
        return ""


class ObservationText(TimeStamped):
    """One language version: the generated text and, once edited, the editor's text."""

    observation = models.ForeignKey(
        Observation, on_delete=models.CASCADE, related_name="texts"
    )
    language = models.CharField(_("language"), max_length=2)
    generated = models.TextField(_("generated text"))
    edited = models.TextField(_("edited text"), blank=True)
    is_edited = models.BooleanField(_("edited"), default=False)
    edited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="edited_observations",
    )

    class Meta:
        ordering = ["observation", "language"]
        verbose_name = _("observation text")
        verbose_name_plural = _("observation texts")
        constraints = [
            models.UniqueConstraint(
                fields=["observation", "language"], name="one_text_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.observation} [{self.language}]"

    @property
    def text(self) -> str:
        return self.edited if self.is_edited else self.generated

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.text.split("\n\n") if p.strip()]


class Revision(TimeStamped):
    """One saved version of a language text: who made it, how, and what it said."""

    class Source(models.TextChoices):
        BROWSER = "browser", _("edited in the browser")
        WORD = "word", _("changes accepted from a Word document")

    text = models.ForeignKey(
        ObservationText, on_delete=models.CASCADE, related_name="revisions"
    )
    body = models.TextField(_("text"))
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="observation_revisions",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["text", "-created_at", "-pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"{self.text} {self.created_at:%Y-%m-%d %H:%M}"


class WordUpload(TimeStamped):
    """A Word document of one language text, edited outside Casework and uploaded.

    `base` is the draft's paragraphs when it was uploaded, `edited` the document's;
    the changes between them are offered one by one until the upload is applied.
    """

    text = models.ForeignKey(
        ObservationText, on_delete=models.CASCADE, related_name="word_uploads"
    )
    filename = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="observation_word_uploads",
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
        return f"{self.text} ← {self.filename}"
