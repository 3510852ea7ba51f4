"""Who may use the web shell's private parts (built on casework.accounts.permissions)."""

from __future__ import annotations

from casework.accounts.permissions import AnyUser, is_support_unit, user_passes


def can_check_worker(user: AnyUser) -> bool:
    """The background worker's panel and its check are the support unit's."""
    return is_support_unit(user)


worker_checkers_only = user_passes(can_check_worker)
