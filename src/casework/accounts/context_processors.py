"""Template variables about the current user's role, for navigation."""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from casework.accounts import permissions


def roles(request: HttpRequest) -> dict[str, object]:
    # DRF renders its pages with request.user None for anonymous API calls.
    user = getattr(request, "user", None) or AnonymousUser()
    return {
        "is_support_unit": permissions.is_support_unit(user),
        "is_committee_member": permissions.is_committee_member(user),
        "own_state": permissions.own_state(user),
    }
