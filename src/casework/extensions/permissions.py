"""Who may see and change extension requests.

- The support unit and committee members see every request and may import, correct and
  comment on them; only the support unit publishes.
- A focal point sees their own State's requests (read-only, without the Committee's draft
  comments).
- Anyone, logged in or not, sees a published request's analysis.
"""

from __future__ import annotations

from django.contrib.auth.views import redirect_to_login
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from casework.accounts.permissions import (
    AnyUser,
    is_committee_member,
    is_support_unit,
    own_state,
    require,
)
from casework.extensions.models import ExtensionRequest


class LoginNeeded(Exception):
    """Raised for an anonymous visitor on a request that is not public; views redirect."""


def can_edit(user: AnyUser) -> bool:
    return is_support_unit(user) or is_committee_member(user)


def can_publish(user: AnyUser) -> bool:
    return is_support_unit(user)


def can_read_comments(user: AnyUser) -> bool:
    return can_edit(user)


def visible_requests(user: AnyUser) -> QuerySet[ExtensionRequest]:
    """Every request the user may open (published ones for everybody)."""
    requests = ExtensionRequest.objects.all()
    if can_edit(user):
        return requests
    mine = own_state(user)
    if mine is not None:
        return requests.filter(Q(is_published=True) | Q(state=mine))
    return requests.filter(is_published=True)


def get_request_for_user(
    request: HttpRequest, pk: int, *, edit: bool = False
) -> ExtensionRequest:
    """The request `pk` if the user may see it (and edit it when `edit`).

    Anonymous visitors of a non-public request are sent to the login page (LoginNeeded);
    a logged-in user who may not see it gets 404, so that its existence does not leak.
    """
    user = request.user
    found = visible_requests(user).select_related("state").filter(pk=pk).first()
    if found is None or (edit and not user.is_authenticated):
        if (
            not user.is_authenticated
            and ExtensionRequest.objects.filter(pk=pk).exists()
        ):
            raise LoginNeeded
        raise Http404
    if edit:
        require(can_edit(user))
    return found


def login_redirect(request: HttpRequest):
    return redirect_to_login(request.get_full_path())
