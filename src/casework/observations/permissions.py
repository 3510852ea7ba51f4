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
    sits_on,
    user_passes,
)
from casework.observations.models import Observation, WordUpload


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


# The committee whose observations these are: only its members edit, agree or publish
# them (with the support unit); members of the other committees read them.
OWNER_COMMITTEE = "cooperation"


def get_word_upload_for_user(user: AnyUser, pk: int) -> WordUpload:
    """An uploaded Word copy, for those who may edit its observation (404 otherwise)."""
    if not can_edit(user):
        raise Http404
    try:
        return WordUpload.objects.select_related(
            "text__observation__state", "uploaded_by"
        ).get(pk=pk, text__observation__in=visible_observations(user))
    except WordUpload.DoesNotExist:
        raise Http404 from None


def can_edit(user: AnyUser) -> bool:
    """The Cooperation Committee drafts its observations, helped by the support unit."""
    return is_support_unit(user) or sits_on(user, OWNER_COMMITTEE)


def can_compile(user: AnyUser) -> bool:
    """The compilation (agreed and, on request, draft observations of every State)."""
    return is_support_unit(user) or is_committee_member(user)


editors_only = user_passes(can_edit)
compilers_only = user_passes(can_compile)
