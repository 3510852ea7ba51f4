"""Who a user is for Casework: a role, and the State or committee it is tied to."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.domain.languages import DEFAULT, LANGUAGES, NATIVE
from casework.states.models import Committee, StateParty


class Role(models.TextChoices):
    SUPPORT_UNIT = "support_unit", _("Support unit")
    COMMITTEE_MEMBER = "committee_member", _("Committee member")
    FOCAL_POINT = "focal_point", _("State focal point")


class Profile(models.Model):
    """One per user: the role decides what they may see (casework.accounts.permissions)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # A focal point's own State; a committee member's State (the delegation they sit for).
    state = models.ForeignKey(
        StateParty,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="profiles",
        verbose_name=_("State"),
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="profiles",
        verbose_name=_("committee"),
    )
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=[(code, NATIVE[code]) for code in LANGUAGES],
        default=DEFAULT,
    )
    # Which e-mails the user gets (the inbox always lists every notification).
    email_on_clearance = models.BooleanField(
        _("e-mail me when a report waits for my clearance"), default=True
    )
    email_on_report_steps = models.BooleanField(
        _("e-mail me when a report is cleared, returned or submitted"), default=True
    )
    email_on_findings = models.BooleanField(
        _("e-mail me when findings await review"), default=True
    )
    email_on_deadlines = models.BooleanField(
        _("e-mail me when a reporting deadline approaches"), default=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        constraints = [
            models.CheckConstraint(
                name="focal_point_has_state",
                condition=~models.Q(role="focal_point") | models.Q(state__isnull=False),
            ),
            models.CheckConstraint(
                name="committee_member_has_committee",
                condition=~models.Q(role="committee_member")
                | models.Q(committee__isnull=False),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user.get_username()} ({self.get_role_display()})"
