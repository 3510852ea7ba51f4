"""`{% published_observations state %}`: the public State page's observations section.

The partial takes `items` (published observations, texts prefetched), as the State page
(`states.views.published_sections`) includes it too.
"""

from __future__ import annotations

from typing import Any

from django import template

from casework.observations.services import published_for_state
from casework.states.models import StateParty

register = template.Library()


@register.inclusion_tag("observations/_published_for_state.html", takes_context=True)
def published_observations(
    context: template.Context, state: StateParty
) -> dict[str, Any]:
    return {
        "items": published_for_state(state),
        "request": context.get("request"),
    }
