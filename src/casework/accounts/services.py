"""Services of the accounts app: creating users with a role."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db import transaction

from casework.accounts.models import Profile, Role
from casework.states.models import Committee, StateParty


@transaction.atomic
def create_user(
    username: str,
    password: str,
    *,
    role: Role,
    email: str = "",
    state: StateParty | None = None,
    committee: Committee | None = None,
) -> User:
    """Create a user with a profile; support-unit staff also get the admin site."""
    is_staff = role == Role.SUPPORT_UNIT
    user = User.objects.create_user(
        username,
        email=email,
        password=password,
        is_staff=is_staff,
        is_superuser=is_staff,
    )
    Profile.objects.create(user=user, role=role, state=state, committee=committee)
    return user
