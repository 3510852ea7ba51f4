"""`{% published_observations state %}`: the public State page's observations section."""

from __future__ import annotations

from django import template

from casework.observations.services import published_for_state

register = template.Library()


@register.inclusion_tag("observations/_published_for_state.html", takes_context=True)
def published_observations(context, state):
    return {
        "items": published_for_state(state),
        "request": context.get("request"),
    }
