"""Who may see and change funding data.

- Anyone, logged in or not, sees published contributions and needs, the dashboards built on
  them and the global series.
- The support unit sees everything, imports, loads rates, records needs and publishes.
- Committee members read everything (unpublished entries, imports, rates) but change nothing.
- A focal point sees published data, plus the needs and donor suggestions of their own State.
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse

from casework.accounts.permissions import (
    AnyUser,
    is_committee_member,
    is_support_unit,
    own_state,
    require,
)
from casework.funding.models import Contribution, Need
from casework.states.models import StateParty


def can_read_unpublished(user: AnyUser) -> bool:
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


def login_or_403(request: HttpRequest, allowed: bool) -> HttpResponse | None:
    """None when allowed; a redirect to login for anonymous visitors; 403 otherwise."""
    if allowed:
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    require(False)
    return None
