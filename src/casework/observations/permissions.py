"""Who may see, edit and compile observations: drafts are not public.

Views use the decorators below (log in first, then 403 unless the rule holds) and
`get_observation_for_user` (404 for an observation the user may not know exists).
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404

from casework.accounts.permissions import (
    AnyUser,
    is_committee_member,
    is_support_unit,
    own_state,
    user_passes,
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


def can_compile(user: AnyUser) -> bool:
    """The compilation (agreed and, on request, draft observations of every State)."""
    return is_support_unit(user) or is_committee_member(user)


editors_only = user_passes(can_edit)
compilers_only = user_passes(can_compile)
