"""States Parties over time, their Article 4/5 obligations, and the Convention's committees."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from casework.domain.languages import normalise
from casework.domain.treaty import TREATY
from casework.states import dates

# The Convention entered into force on 1 March 1999: nobody was a party before.
CONVENTION_ENTRY_INTO_FORCE = TREATY.in_force_since or dt.date(1999, 3, 1)
# Article 7.1: the initial report is due within 180 days of entry into force.
INITIAL_REPORT_DAYS = TREATY.initial_report_days or 180


def _language() -> str:
    return normalise(translation.get_language())


class TimeStamped(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True


class Article5Status(models.TextChoices):
    YES = "yes", _("Clearance obligation")
    COMPLETED = "completed", _("Clearance completed")
    NONE = "no", _("No known mined areas")
    UNKNOWN = "unknown", _("Unknown")


class Article4Status(models.TextChoices):
    ONGOING = "ongoing", _("Stockpile destruction ongoing")
    COMPLETED = "completed", _("Stockpile destruction completed")
    NONE = "none", _("No stockpile")
    UNKNOWN = "unknown", _("Unknown")


# How a State expressed its consent to be bound (Article 15 and 16), as the list gives it.
CONSENT_METHODS = {
    "ratification": _("ratification"),
    "accession": _("accession"),
    "acceptance": _("acceptance"),
    "approval": _("approval"),
    "succession": _("succession"),
}


class StatePartyQuerySet(models.QuerySet["StateParty"]):
    def parties_on(self, day: dt.date) -> list[StateParty]:
        """States that were certainly parties on `day` (unknown ones are left out)."""
        return [state for state in self if state.is_party_on(day) is True]


class StateParty(TimeStamped):
    """A State that is or was party to the Convention, with dates as the sources give them."""

    iso3 = models.CharField(_("ISO 3166 alpha-3"), max_length=3, unique=True)
    name_en = models.CharField(_("name in English"), max_length=120)
    name_fr = models.CharField(_("name in French"), max_length=120)
    name_es = models.CharField(_("name in Spanish"), max_length=120)
    # Partial dates as text: see casework.states.dates.
    date_signed = models.CharField(_("signed"), max_length=10, blank=True)
    date_consent = models.CharField(
        _("consent to be bound"), max_length=10, default="unknown"
    )
    consent_method = models.CharField(
        _("consent method"), max_length=20, default="unknown"
    )
    date_entry_into_force = models.CharField(
        _("entry into force"), max_length=10, default="unknown"
    )
    withdrawal_notified = models.DateField(
        _("withdrawal notified"), null=True, blank=True
    )
    withdrawal_effective = models.DateField(
        _("withdrawal effective"), null=True, blank=True
    )
    article5_status = models.CharField(
        _("Article 5 status"),
        max_length=10,
        choices=Article5Status.choices,
        default=Article5Status.UNKNOWN,
    )
    # "" when not applicable (no obligation), "unknown", or a (partial) date.
    # What the source adds to the status: "2017" (completed that year), "never stockpiled".
    article5_status_detail = models.CharField(
        _("Article 5 status detail"), max_length=200, blank=True
    )
    article5_deadline = models.CharField(
        _("Article 5 deadline"), max_length=10, blank=True
    )
    article5_deadline_note = models.CharField(
        _("deadline note"), max_length=200, blank=True
    )
    article4_status = models.CharField(
        _("Article 4 status"),
        max_length=10,
        choices=Article4Status.choices,
        default=Article4Status.UNKNOWN,
    )
    article4_status_detail = models.CharField(
        _("Article 4 status detail"), max_length=200, blank=True
    )
    # The date of the registry list that last showed the State as a party (not withdrawn):
    # it answers "party on D" for D after it even when entry into force is unknown.
    listed_as_party_on = models.DateField(
        _("listed as a party on"), null=True, blank=True
    )
    notes = models.TextField(_("notes"), blank=True)
    source = models.TextField(_("sources"), blank=True)
    confidence = models.CharField(_("confidence"), max_length=200, blank=True)

    objects = StatePartyQuerySet.as_manager()

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("State Party")
        verbose_name_plural = _("States Parties")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        """The name in the active language (English when the language has none)."""
        language = normalise(translation.get_language())
        name: str = getattr(self, f"name_{language}", "") or self.name_en
        return name

    @property
    def entry_into_force(self) -> dt.date | None:
        return dates.full_date(self.date_entry_into_force)

    def known_party_since(self) -> dt.date | None:
        """The earliest day on which the sources show the State was a party."""
        if self.entry_into_force:
            return self.entry_into_force
        if self.withdrawal_notified:
            # Only a State Party can notify its withdrawal.
            return self.withdrawal_notified
        return self.listed_as_party_on

    def is_party_on(self, day: dt.date) -> bool | None:
        """Whether the State was bound by the Convention on `day`; None when the sources don't say.

        Withdrawal takes effect on `withdrawal_effective` (Article 20: six months after
        notification), so the State is a party until the day before.
        """
        answer = TREATY.is_party(
            day,
            entry_into_force=self.entry_into_force,
            withdrawal_effective=self.withdrawal_effective,
        )
        if answer is not None:
            return answer
        since = self.known_party_since()
        if since and day >= since:
            return True
        return None

    def initial_report_due(self) -> dt.date | None:
        """Article 7.1: 180 days after entry into force; None while that date is unknown."""
        if self.entry_into_force is None:
            return None
        return TREATY.initial_report_due(self.entry_into_force)

    def original_deadline(self, obligation: str) -> dt.date | None:
        """The treaty's deadline for an obligation ("stockpile_destruction" under Article
        4, "clearance" under Article 5), counted from entry into force; None while that
        date is unknown. Extensions granted later are in `article5_deadline`."""
        if self.entry_into_force is None:
            return None
        return TREATY.deadline(obligation, self.entry_into_force)

    @property
    def original_article4_deadline(self) -> dt.date | None:
        return self.original_deadline("stockpile_destruction")

    @property
    def original_article5_deadline(self) -> dt.date | None:
        return self.original_deadline("clearance")

    @property
    def consent_method_label(self) -> str:
        """The consent method in the active language (as given when the list has another)."""
        return str(CONSENT_METHODS.get(self.consent_method, self.consent_method))

    @property
    def article5_status_text(self) -> str:
        """The status with what the source adds: "Clearance completed (2017)"."""
        label = str(self.get_article5_status_display())
        detail = self.article5_status_detail
        return f"{label} ({detail})" if detail else label

    @property
    def article4_status_text(self) -> str:
        label = str(self.get_article4_status_display())
        detail = self.article4_status_detail
        return f"{label} ({detail})" if detail else label

    @property
    def has_withdrawn(self) -> bool:
        return self.withdrawal_effective is not None

    @property
    def is_affected(self) -> bool:
        return self.article5_status == Article5Status.YES

    def current_committee_terms(
        self, day: dt.date
    ) -> models.QuerySet[CommitteeMembership]:
        return self.committee_memberships.filter(
            start__lte=day, end__gte=day
        ).select_related("committee")


class Article5Event(TimeStamped):
    """One step in a State's Article 5 deadline history: a request, a decision."""

    class Kind(models.TextChoices):
        REQUESTED = "requested", _("Extension requested")
        GRANTED = "granted", _("Extension granted")
        PENDING = "pending", _("Request not yet decided")
        COMPLETED = "completed", _("Completion declared")
        OTHER = "other", _("Other")

    state = models.ForeignKey(
        StateParty, on_delete=models.CASCADE, related_name="article5_events"
    )
    kind = models.CharField(_("event"), max_length=12, choices=Kind.choices)
    year = models.PositiveSmallIntegerField(_("year"))
    meeting = models.CharField(_("meeting"), max_length=40, blank=True)
    new_deadline = models.CharField(_("new deadline"), max_length=10, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["state", "year", "pk"]
        verbose_name = _("Article 5 event")
        verbose_name_plural = _("Article 5 events")

    def __str__(self) -> str:
        return f"{self.state.iso3} {self.year} {self.kind}"


class Committee(TimeStamped):
    """One of the Convention's committees."""

    class Code(models.TextChoices):
        ARTICLE5 = "article5", _("Committee on Article 5 Implementation")
        VICTIM_ASSISTANCE = "victim_assistance", _("Committee on Victim Assistance")
        COOPERATION = (
            "cooperation",
            _("Committee on the Enhancement of Cooperation and Assistance"),
        )
        COMPLIANCE = "compliance", _("Committee on Cooperative Compliance")
        COORDINATING = "coordinating", _("Coordinating Committee")

    code = models.CharField(max_length=20, choices=Code.choices, unique=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("committee")
        verbose_name_plural = _("committees")

    def __str__(self) -> str:
        return str(self.get_code_display())

    def members_on(self, day: dt.date) -> models.QuerySet[CommitteeMembership]:
        return (
            self.memberships.filter(start__lte=day, end__gte=day)
            .select_related("state")
            .prefetch_related("roles")
        )


class CommitteeMembership(TimeStamped):
    """A State's term on a committee (usually two years, from one Meeting to the next but one)."""

    state = models.ForeignKey(
        StateParty, on_delete=models.PROTECT, related_name="committee_memberships"
    )
    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="memberships"
    )
    start = models.DateField(_("term starts"))
    end = models.DateField(_("term ends"))
    source = models.TextField(_("source"), blank=True)

    class Meta:
        ordering = ["committee", "start", "state__name_en"]
        # serves Committee.members_on and StateParty.current_committee_terms
        indexes = [models.Index(fields=["committee", "start", "end"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="membership_end_after_start",
            )
        ]
        verbose_name = _("committee membership")
        verbose_name_plural = _("committee memberships")

    def __str__(self) -> str:
        return (
            f"{self.state.iso3} on {self.committee.code} {self.start:%Y}–{self.end:%Y}"
        )


class CommitteeRole(TimeStamped):
    """A role inside a membership for part or all of the term (e.g. a chair split in two)."""

    class Kind(models.TextChoices):
        CHAIR = "chair", _("Chair")
        GENDER_FOCAL_POINT = "gender_focal_point", _("Gender focal point")

    membership = models.ForeignKey(
        CommitteeMembership, on_delete=models.CASCADE, related_name="roles"
    )
    kind = models.CharField(_("role"), max_length=20, choices=Kind.choices)
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))

    class Meta:
        ordering = ["start"]
        verbose_name = _("committee role")
        verbose_name_plural = _("committee roles")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.membership.state.iso3} {self.start}–{self.end}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Demo loaders and imports go through save(): a role outside its term is refused
        # there too, not only in forms.
        self.full_clean(exclude=["membership"] if not self.membership_id else None)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        """A role lies inside its membership's term, and ends after it starts."""
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError(
                {"end": _("The role cannot end before it starts.")}, code="reversed"
            )
        membership = (
            CommitteeMembership.objects.filter(pk=self.membership_id)
            .select_related("state", "committee")
            .first()
            if self.membership_id
            else None
        )
        if membership is None or not (self.start and self.end):
            return
        errors: dict[str, ValidationError] = {}
        params = {
            "state": membership.state.name,
            "start": dates.display(membership.start.isoformat(), _language()),
            "end": dates.display(membership.end.isoformat(), _language()),
        }
        if self.start < membership.start:
            errors["start"] = ValidationError(
                _(
                    "The role starts before %(state)s's term on the committee "
                    "(%(start)s to %(end)s). Choose a date inside the term, or "
                    "correct the term first."
                ),
                code="outside_term",
                params=params,
            )
        if self.end > membership.end:
            errors["end"] = ValidationError(
                _(
                    "The role ends after %(state)s's term on the committee "
                    "(%(start)s to %(end)s). Choose a date inside the term, or "
                    "correct the term first."
                ),
                code="outside_term",
                params=params,
            )
        if errors:
            raise ValidationError(errors)
