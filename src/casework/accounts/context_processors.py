"""Template variables about what the current user may open, for navigation.

Templates ask these flags and never look at roles; each flag is a rule of the app
that owns the page (its permissions.py).
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest
from django.utils.module_loading import import_string

from casework.accounts import permissions

# Flag -> the rule that decides it (imported lazily: accounts sits below those apps).
NAV_RULES = {
    "can_view_coverage": "casework.documents.permissions.can_review",
    "can_work_on_engagement": "casework.engagement.permissions.can_work_on_engagement",
    "can_read_audit_log": "casework.audit.permissions.can_read_audit_log",
}


def can_open_admin(user: permissions.AnyUser) -> bool:
    """Django's own rule for its admin site: an active staff account."""
    return bool(user.is_active and user.is_staff)


def roles(request: HttpRequest) -> dict[str, object]:
    # DRF renders its pages with request.user None for anonymous API calls.
    user = getattr(request, "user", None) or AnonymousUser()
    flags: dict[str, object] = {
        "own_state": permissions.own_state(user),
        "can_open_admin": can_open_admin(user),
    }
    for flag, rule in NAV_RULES.items():
        flags[flag] = bool(import_string(rule)(user))
    return flags
