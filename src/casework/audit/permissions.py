"""Who may read the audit log: the support unit only."""

from __future__ import annotations

from casework.accounts.permissions import AnyUser, is_support_unit, user_passes


def can_read_audit_log(user: AnyUser) -> bool:
    return is_support_unit(user)


audit_readers_only = user_passes(can_read_audit_log)
