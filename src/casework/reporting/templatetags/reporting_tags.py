"""`{% waiting_for_clearance %}`: the reports the signed-in user is asked to clear."""

from __future__ import annotations

from typing import Any

from django import template

from casework.accounts.permissions import is_support_unit, own_state
from casework.reporting.permissions import waiting_for_clearance_by

register = template.Library()


@register.inclusion_tag("reporting/_to_clear.html", takes_context=True)
def waiting_for_clearance(context: template.Context) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"to_clear": []}
    if own_state(user) is None and not is_support_unit(user):
        return {"to_clear": []}
    return {"to_clear": list(waiting_for_clearance_by(user))}
