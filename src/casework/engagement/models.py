"""The Committee's engagement work: cases, platforms, exchange visits, events, its log and report."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from casework.domain.languages import DEFAULT, LANGUAGES, normalise, pick
from casework.states.models import StateParty, TimeStamped

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

# A text written in several languages is kept as {language: text}; read it with `written_in`.
Texts = Mapping[str, object]


def written(texts: Texts | None) -> dict[str, str]:
    """The languages of `texts` that have a text, in the order of LANGUAGES."""
    found = texts if isinstance(texts, Mapping) else {}
    return {
        code: text.strip()
        for code in LANGUAGES
        if isinstance(text := found.get(code), str) and text.strip()
    }


def written_in(texts: Texts | None, language: str) -> str:
    """The text in `language`, else in English, else in any language it was written in."""
    found = written(texts)
    if not found:
        return ""
    if language in found or DEFAULT in found:
        return pick(found, language)
    return next(iter(found.values()))


def reader_language() -> str:
    """The language of the current request (screens show texts in it)."""
    return normalise(translation.get_language())


def _texts(verbose_name: StrOrPromise) -> models.JSONField:
    return models.JSONField(verbose_name, default=dict, blank=True)


class Event(TimeStamped):
    """A meeting, panel, dialogue, workshop or deadline the Committee holds or attends."""

    class Kind(models.TextChoices):
        COMMITTEE_MEETING = "committee_meeting", _("Committee meeting")
        PANEL = "panel", _("Panel")
        MASG_MEETING = "masg_meeting", _("Meeting with the Mine Action Support Group")
        DIALOGUE = "dialogue", _("National or regional dialogue")
        WORKSHOP = "workshop", _("Workshop")
        INTERSESSIONAL = "intersessional", _("Intersessional meetings")
        MSP = "msp", _("Meeting of the States Parties")
        DEADLINE = "deadline", _("Deadline")
        OTHER = "other", _("Other")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    titles = _texts(_("title"))
    start = models.DateField(_("date"))
    end = models.DateField(_("last day"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=120, blank=True)
    participants = models.TextField(_("participants"), blank=True)
    outcomes = _texts(_("outcome"))
    link = models.URLField(_("link"), blank=True)
    is_public = models.BooleanField(_("public (in the public calendar)"), default=False)
    in_report = models.BooleanField(_("in the annual report"), default=True)

    class Meta:
        ordering = ["start", "pk"]
        # serves the calendar and the yearly log (events between two dates)
        indexes = [models.Index(fields=["start"])]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self) -> str:
        return f"{self.start} {self.title(DEFAULT)}"

    def title(self, language: str) -> str:
        return written_in(self.titles, language)

    def outcome(self, language: str) -> str:
        return written_in(self.outcomes, language)

    @property
    def display_title(self) -> str:
        """The title in the reader's language."""
        return self.title(reader_language())


class Speaker(TimeStamped):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=160, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})" if self.organisation else self.name


class Case(TimeStamped):
    """A State's individualised-approach case, from its request to the published final report."""

    state = models.ForeignKey(
        StateParty, on_delete=models.PROTECT, related_name="cases"
    )
    requested_on = models.DateField(_("requested on"))
    summary = models.TextField(_("summary"), blank=True)
    final_reports = _texts(_("final report"))
    published_on = models.DateField(_("published on"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_on", "pk"]
        verbose_name = _("individualised-approach case")
        verbose_name_plural = _("individualised-approach cases")

    def __str__(self) -> str:
        return f"{self.state.iso3} {self.requested_on:%Y}"

    @property
    def is_published(self) -> bool:
        return self.published_on is not None

    @property
    def has_final_report(self) -> bool:
        return bool(written(self.final_reports))

    def final_report(self, language: str) -> str:
        return written_in(self.final_reports, language)

    @property
    def display_final_report(self) -> str:
        return self.final_report(reader_language())


class CaseStep(TimeStamped):
    """One dated step of a case: a call, the meeting, a pledge, a follow-up."""

    class Kind(models.TextChoices):
        PREPARATORY_CALL = "preparatory_call", _("Preparatory call")
        MEETING = "meeting", _("Individualised-approach meeting")
        RESPONSE = "response", _("Response")
        PLEDGE = "pledge", _("Pledge")
        FOLLOW_UP = "follow_up", _("Follow-up")

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"), null=True, blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    done = models.BooleanField(_("done"), default=True)
    place = models.CharField(_("place"), max_length=120, blank=True)
    in_margins_of = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_steps",
        verbose_name=_("in the margins of"),
    )
    needs_presented = models.TextField(_("needs presented"), blank=True)
    pledged_by = models.CharField(
        _("pledged or answered by"), max_length=160, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["date", "due_on", "pk"]
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")

    def __str__(self) -> str:
        return f"{self.case} {self.kind} {self.date or self.due_on}"

    @property
    def is_overdue_follow_up(self) -> bool:
        from django.utils import timezone

        return bool(
            not self.done and self.due_on and self.due_on < timezone.localdate()
        )


class Participant(TimeStamped):
    step = models.ForeignKey(
        CaseStep, on_delete=models.CASCADE, related_name="participants"
    )
    organisation = models.CharField(_("organisation"), max_length=160, blank=True)
    state = models.ForeignKey(
        StateParty,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="case_participations",
        verbose_name=_("State"),
    )
    name = models.CharField(_("name"), max_length=120, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self) -> str:
        who = self.state.name if self.state else self.organisation
        return f"{self.name} ({who})" if self.name else str(who)


class Platform(TimeStamped):
    """A State's national mine action platform, as the Committee knows it."""

    class Exists(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        UNKNOWN = "unknown", _("Unknown")

    state = models.OneToOneField(
        StateParty, on_delete=models.PROTECT, related_name="platform"
    )
    exists = models.CharField(
        _("platform exists"),
        max_length=8,
        choices=Exists.choices,
        default=Exists.UNKNOWN,
    )
    established_on = models.DateField(_("established on"), null=True, blank=True)
    last_meeting_on = models.DateField(_("last meeting"), null=True, blank=True)
    frequency = models.CharField(_("frequency"), max_length=80, blank=True)
    chaired_by = models.CharField(_("chaired by"), max_length=160, blank=True)
    partners = models.TextField(_("partners (donors, operators, UN)"), blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["state__name_en"]
        verbose_name = _("national platform")
        verbose_name_plural = _("national platforms")

    def __str__(self) -> str:
        return f"{self.state.iso3} platform: {self.exists}"


class ExchangeVisit(TimeStamped):
    """A Cooperation and Assistance Fund visit of one State's authorities to another's."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        APPROVED = "approved", _("Approved")
        DONE = "done", _("Done")
        LESSONS_RECORDED = "lessons_recorded", _("Lessons recorded")

    requesting_state = models.ForeignKey(
        StateParty,
        on_delete=models.PROTECT,
        related_name="visits_requested",
        verbose_name=_("requesting State"),
    )
    host_state = models.ForeignKey(
        StateParty,
        on_delete=models.PROTECT,
        related_name="visits_hosted",
        verbose_name=_("host State"),
    )
    topics = _texts(_("topic"))
    start = models.DateField(_("first day"), null=True, blank=True)
    end = models.DateField(_("last day"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, default="CHF")
    funding_source = models.CharField(_("source of funds"), max_length=160, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REQUESTED
    )
    feedback_requesting = models.TextField(
        _("feedback of the requesting State"), blank=True
    )
    feedback_host = models.TextField(_("feedback of the host State"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)

    class Meta:
        ordering = ["-start", "pk"]
        verbose_name = _("exchange visit")
        verbose_name_plural = _("exchange visits")

    def __str__(self) -> str:
        return (
            f"{self.requesting_state.iso3} → {self.host_state.iso3}: "
            f"{self.topic(DEFAULT)}"
        )

    def topic(self, language: str) -> str:
        return written_in(self.topics, language)

    @property
    def display_topic(self) -> str:
        return self.topic(reader_language())


# The status flow: each status may only move to the next one.
NEXT_STATUS = {
    ExchangeVisit.Status.REQUESTED: ExchangeVisit.Status.APPROVED,
    ExchangeVisit.Status.APPROVED: ExchangeVisit.Status.DONE,
    ExchangeVisit.Status.DONE: ExchangeVisit.Status.LESSONS_RECORDED,
}


def _upload_to(instance: Attachment, filename: str) -> str:
    return f"engagement/{instance.kind}/{filename}"


class Attachment(TimeStamped):
    """A presentation, minutes or an event document uploaded to a step, platform or event."""

    class Kind(models.TextChoices):
        PRESENTATION = "presentation", _("Presentation")
        MINUTES = "minutes", _("Minutes")
        DOCUMENT = "document", _("Document")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to=_upload_to)
    step = models.ForeignKey(
        CaseStep,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    platform = models.ForeignKey(
        Platform,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )
    event = models.ForeignKey(
        Event,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title


class CommitteeYear(TimeStamped):
    """The Committee's year: the details of its report to the Meeting of the States Parties."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        FINAL = "final", _("Agreed (final)")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    symbol = models.CharField(_("document symbol"), max_length=60, blank=True)
    issued_on = models.DateField(_("date of the report"), null=True, blank=True)
    meetings = _texts(_("meeting"))
    places = _texts(_("place of the meeting"))
    meeting_start = models.DateField(
        _("first day of the meeting"), null=True, blank=True
    )
    meeting_end = models.DateField(_("last day of the meeting"), null=True, blank=True)
    agenda_item = models.CharField(
        _("agenda item"), max_length=10, blank=True, help_text=_("For example: 10")
    )
    agenda_titles = _texts(_("title of the agenda item"))
    status = models.CharField(
        _("status of the report"),
        max_length=8,
        choices=Status.choices,
        default=Status.DRAFT,
    )
    submitted_late = models.BooleanField(
        _("submitted late to include recent information (footnote)"), default=False
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = _("Committee year")
        verbose_name_plural = _("Committee years")

    def __str__(self) -> str:
        return str(self.year)

    def meeting(self, language: str) -> str:
        return written_in(self.meetings, language)

    def place(self, language: str) -> str:
        return written_in(self.places, language)

    def agenda_title(self, language: str) -> str:
        return written_in(self.agenda_titles, language)

    @property
    def is_final(self) -> bool:
        return self.status == self.Status.FINAL


class LogEntry(TimeStamped):
    """One line of the Committee's log: generated from a source, or written by hand.

    The generated texts are rewritten on every regeneration; the edited texts are the
    editor's and are never touched by it.
    """

    year = models.PositiveSmallIntegerField(_("year"))
    date = models.DateField(_("date"))
    # "event:12", "step:4", "case-published:3", "visit:2", "chairs:2025"; "" when by hand.
    source_key = models.CharField(max_length=40, blank=True)
    generated = _texts(_("generated text"))
    edited = _texts(_("text"))
    link = models.URLField(_("link (footnote)"), blank=True)
    in_report = models.BooleanField(_("in the annual report"), default=True)

    class Meta:
        ordering = ["date", "pk"]
        # serves the year's log and the regeneration's look-up by source
        indexes = [models.Index(fields=["year", "date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["source_key"],
                condition=~models.Q(source_key=""),
                name="log_entry_one_per_source",
            )
        ]
        verbose_name = _("log entry")
        verbose_name_plural = _("log entries")

    def __str__(self) -> str:
        return f"{self.date} {self.source_key or 'manual'}"

    def text(self, language: str) -> str:
        """The editor's text in `language`, else the generated one; else either in English."""
        own = written(self.edited).get(language) or written(self.generated).get(
            language
        )
        return (
            own
            or written_in(self.edited, language)
            or written_in(self.generated, language)
        )

    @property
    def display_text(self) -> str:
        return self.text(reader_language())

    @property
    def is_edited(self) -> bool:
        return bool(written(self.edited))


class Priority(TimeStamped):
    """A priority action of the Committee, stated in the report of `year`."""

    year = models.PositiveSmallIntegerField(_("year"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    texts = _texts(_("text"))

    class Meta:
        ordering = ["year", "order", "pk"]
        verbose_name = _("priority action")
        verbose_name_plural = _("priority actions")

    def __str__(self) -> str:
        return f"{self.year}: {self.text(DEFAULT)[:40]}"

    def text(self, language: str) -> str:
        return written_in(self.texts, language)

    @property
    def display_text(self) -> str:
        return self.text(reader_language())


class Document(models.TextChoices):
    """The engagement documents a Word copy can come back for."""

    REPORT = "report", _("annual report")
    CASE_REPORT = "case", _("final report of a case")


class Revision(TimeStamped):
    """One saved version of an annual report or a case's final report in one language."""

    class Source(models.TextChoices):
        BROWSER = "browser", _("edited in the browser")
        WORD = "word", _("changes accepted from a Word document")

    document = models.CharField(_("document"), max_length=8, choices=Document.choices)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    language = models.CharField(_("language"), max_length=2)
    paragraphs = models.JSONField(_("text"), default=list)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="engagement_revisions",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")

    def __str__(self) -> str:
        return f"{self.document} {self.year or self.case_id} [{self.language}]"


class WordUpload(TimeStamped):
    """A Word copy of the annual report or of a case's final report, edited and uploaded.

    `base` is the document's paragraphs when it was uploaded and `keys` what each of
    them is ("entry:12", "priority:3", "fixed"; "" for a case report's paragraphs);
    `edited` is the Word copy's. The changes are offered one by one until applied.
    """

    document = models.CharField(_("document"), max_length=8, choices=Document.choices)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    case = models.ForeignKey(
        Case,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="word_uploads",
    )
    language = models.CharField(_("language"), max_length=2)
    filename = models.CharField(_("file name"), max_length=255)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="engagement_word_uploads",
    )
    base = models.JSONField(default=list)
    keys = models.JSONField(default=list)
    edited = models.JSONField(default=list)
    applied_at = models.DateTimeField(null=True, blank=True)
    applied = models.PositiveSmallIntegerField(_("changes applied"), default=0)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("Word upload")
        verbose_name_plural = _("Word uploads")

    def __str__(self) -> str:
        return f"{self.document} {self.year or self.case_id} ← {self.filename}"


class CalendarFeed(TimeStamped):
    """A user's secret calendar address (`/engagement/calendar/<token>.ics`).

    Calendar programs (Outlook, Google Calendar) subscribe without a session: whoever holds
    the address reads what its user may read. Regenerating gives a new token and the old
    address answers 404; stopping the feed deletes it.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(_("token"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return f"calendar feed of {self.user}"
