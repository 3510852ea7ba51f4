"""Who may see and change funding data.

- Anyone, logged in or not, sees published contributions and needs, the dashboards built on
  them and the global series.
- The support unit sees everything, imports, loads rates, records needs and publishes.
- Committee members read everything (unpublished entries, imports, rates) but change nothing.
- A focal point sees published data, plus the needs and donor suggestions of their own State.

Views use the decorators below (log in first, 302; then 403 unless the rule holds) and the
`get_<thing>_for_user` helpers; templates ask the `funding` template filters built on these
rules, never a role.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import Http404
from django.shortcuts import get_object_or_404

from casework.accounts.permissions import (
    AnyUser,
    is_committee_member,
    is_support_unit,
    own_state,
    require,
    user_passes,
)
from casework.funding.models import Contribution, Need
from casework.states.models import StateParty


def can_read_unpublished(user: AnyUser) -> bool:
    """Unpublished entries, imports and rates: the support unit and committee members."""
    return is_support_unit(user) or is_committee_member(user)


def can_manage(user: AnyUser) -> bool:
    """Import, load rates, record needs, publish: the support unit only."""
    return is_support_unit(user)


def get_contributions_for_user(user: AnyUser) -> QuerySet[Contribution]:
    contributions = Contribution.objects.all()
    if can_read_unpublished(user):
        return contributions
    return contributions.filter(is_published=True)


def get_needs_for_user(user: AnyUser) -> QuerySet[Need]:
    needs = Need.objects.all()
    if can_read_unpublished(user):
        return needs
    mine = own_state(user)
    if mine is not None:
        return needs.filter(is_published=True) | needs.filter(state=mine)
    return needs.filter(is_published=True)


def can_view_suggestions(user: AnyUser, state: StateParty) -> bool:
    """Suggestions prepare a meeting with donors: the Committee, the unit, the State."""
    if can_read_unpublished(user):
        return True
    mine = own_state(user)
    return mine is not None and mine.pk == state.pk


def get_need_for_suggestions(user: AnyUser, pk: int) -> Need:
    """The need `pk` for its donor suggestions: 403 unless the user may prepare a donor
    meeting for its State, 404 when the need does not exist or is hidden from them."""
    need = get_object_or_404(Need.objects.select_related("state"), pk=pk)
    require(can_view_suggestions(user, need.state))
    if not get_needs_for_user(user).filter(pk=pk).exists():
        raise Http404("need not visible")
    return need


# Role families of the funding pages.
readers_only = user_passes(can_read_unpublished)
managers_only = user_passes(can_manage)
