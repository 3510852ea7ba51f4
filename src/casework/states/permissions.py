"""Who may open a State's workspace (built on casework.accounts.permissions)."""

from __future__ import annotations

from casework.accounts.permissions import AnyUser, can_view_state_workspace, require
from casework.states.models import StateParty
from casework.states.services import get_state

__all__ = ["can_view_state_workspace", "get_workspace_for_user"]


def get_workspace_for_user(user: AnyUser, iso3: str) -> StateParty:
    """The State whose workspace the user asks for: 404 when there is no such State,
    403 unless the user is its focal point, a committee member or the support unit."""
    state = get_state(iso3)
    require(can_view_state_workspace(user, state))
    return state
