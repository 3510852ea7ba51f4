"""Who is told: a State's active focal points, the support unit."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from casework.accounts.models import Role
from casework.states.models import StateParty


def focal_points(state: StateParty) -> QuerySet[User]:
    """The State's active focal points."""
    return User.objects.filter(
        is_active=True, profile__role=Role.FOCAL_POINT, profile__state=state
    ).order_by("pk")


def support_unit() -> QuerySet[User]:
    """Active support-unit staff (superusers count as the support unit)."""
    return User.objects.filter(
        Q(profile__role=Role.SUPPORT_UNIT) | Q(is_superuser=True), is_active=True
    ).order_by("pk")


def display_name(user: User) -> str:
    return user.get_full_name() or user.get_username()
