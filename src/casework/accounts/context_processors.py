"""Template variables about the current user's role, for navigation."""

from __future__ import annotations

from django.http import HttpRequest

from casework.accounts import permissions


def roles(request: HttpRequest) -> dict[str, object]:
    user = request.user
    return {
        "is_support_unit": permissions.is_support_unit(user),
        "is_committee_member": permissions.is_committee_member(user),
        "own_state": permissions.own_state(user),
    }
