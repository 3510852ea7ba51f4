"""Which e-mails a user gets, and the language they are written in (their profile)."""

from __future__ import annotations

from django.contrib.auth.models import User

from casework.accounts.models import Profile
from casework.domain.languages import DEFAULT, normalise
from casework.notifications.models import Notification

Kind = Notification.Kind

# Notification kind -> the profile field that says whether it is e-mailed.
EMAIL_FIELD = {
    Kind.CLEARANCE_REQUESTED: "email_on_clearance",
    Kind.REPORT_CLEARED: "email_on_report_steps",
    Kind.REPORT_RETURNED: "email_on_report_steps",
    Kind.REPORT_SUBMITTED: "email_on_report_steps",
    Kind.FINDINGS_AWAITING_REVIEW: "email_on_findings",
    Kind.DEADLINE_APPROACHING: "email_on_deadlines",
}


def _profile(user: User) -> Profile | None:
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def language_of(user: User) -> str:
    """The recipient's profile language (the default language without a profile)."""
    profile = _profile(user)
    return normalise(profile.preferred_language) if profile else DEFAULT


def wants_email(user: User, kind: str) -> bool:
    """An active user with an address who has not turned this kind of e-mail off."""
    if not (user.is_active and user.email):
        return False
    profile = _profile(user)
    field = EMAIL_FIELD.get(Kind(kind))
    return profile is None or field is None or bool(getattr(profile, field))
