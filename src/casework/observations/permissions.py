"""Who may see and edit observations: drafts are not public."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from casework.accounts.permissions import (
    AnyUser,
    is_committee_member,
    is_support_unit,
    own_state,
)
from casework.observations.models import Observation


def visible_observations(user: AnyUser) -> QuerySet[Observation]:
    """All for the support unit and committee members; a focal point sees its own State's."""
    if is_support_unit(user) or is_committee_member(user):
        return Observation.objects.all()
    mine = own_state(user)
    if mine is None:
        return Observation.objects.none()
    return Observation.objects.filter(state=mine)


def get_observation_for_user(user: AnyUser, pk: int) -> Observation:
    try:
        return visible_observations(user).select_related("state").get(pk=pk)
    except Observation.DoesNotExist:
        raise Http404 from None


def can_edit(user: AnyUser) -> bool:
    """The Committee drafts its observations: support unit and committee members."""
    return is_support_unit(user) or is_committee_member(user)
