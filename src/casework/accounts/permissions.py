"""Every access rule of the accounts app in one place.

Other apps ask these functions (or the `get_<thing>_for_user` helpers built on them)
and never look at roles themselves.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import ParamSpec

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from casework.accounts.models import Profile, Role
from casework.states.models import StateParty

AnyUser = User | AnonymousUser
P = ParamSpec("P")
View = Callable[..., HttpResponse]


def profile_of(user: AnyUser) -> Profile | None:
    if not user.is_authenticated:
        return None
    try:
        return user.profile
    except Profile.DoesNotExist:
        return None


def role_of(user: AnyUser) -> str | None:
    if user.is_authenticated and user.is_superuser:
        return Role.SUPPORT_UNIT
    profile = profile_of(user)
    return profile.role if profile else None


def is_support_unit(user: AnyUser) -> bool:
    return role_of(user) == Role.SUPPORT_UNIT


def is_committee_member(user: AnyUser) -> bool:
    return role_of(user) == Role.COMMITTEE_MEMBER


def sits_on(user: AnyUser, committee_code: str) -> bool:
    """A committee member of that committee ("cooperation", "article5", ...)."""
    profile = profile_of(user)
    return (
        profile is not None
        and profile.role == Role.COMMITTEE_MEMBER
        and profile.committee is not None
        and profile.committee.code == committee_code
    )


def own_state(user: AnyUser) -> StateParty | None:
    """The State a focal point works for (None for every other role)."""
    profile = profile_of(user)
    if profile and profile.role == Role.FOCAL_POINT:
        return profile.state
    return None


def can_view_state_workspace(user: AnyUser, state: StateParty) -> bool:
    """The support unit, committee members, and the State's own focal points."""
    if is_support_unit(user) or is_committee_member(user):
        return True
    mine = own_state(user)
    return mine is not None and mine.pk == state.pk


def require(allowed: bool) -> None:
    """Raise 403 unless allowed; views call it after login_required."""
    if not allowed:
        raise PermissionDenied


def user_passes(check: Callable[[AnyUser], bool]) -> Callable[[View], View]:
    """The one decorator shape for a role family: log in first (302 to the login page),
    then 403 unless `check(user)`. Each app's permissions.py defines its families with
    it (e.g. `committee_only = user_passes(can_work_on_engagement)`)."""

    def decorator(view: View) -> View:
        @login_required
        @wraps(view)
        def wrapped(
            request: HttpRequest, *args: object, **kwargs: object
        ) -> HttpResponse:
            require(check(request.user))
            return view(request, *args, **kwargs)

        wrapped.access_rule = check  # type: ignore[attr-defined]
        return wrapped

    return decorator


def is_staff_role(user: AnyUser) -> bool:
    """The support unit and committee members (any committee)."""
    return is_support_unit(user) or is_committee_member(user)


def is_signed_in(user: AnyUser) -> bool:
    return bool(user.is_authenticated)


# Role families every app may use.
support_unit_required = user_passes(is_support_unit)
staff_required = user_passes(is_staff_role)
signed_in_required = user_passes(is_signed_in)
