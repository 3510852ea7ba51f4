"""Who may see and change extension requests.

- The support unit and committee members see every request and may import, correct and
  comment on them; only the support unit publishes.
- A focal point sees their own State's requests (read-only, without the Committee's draft
  comments).
- Anyone, logged in or not, sees a published request's analysis.

Views use the decorators below and the `get_<thing>_for_user` helpers, never a role:

- `editors_only`: pages without a request (import, new): log in (302), then 403 unless
  the user may edit;
- `signed_in_only`: pages of one request that only signed-in users open; the helper then
  answers 404 for a request the user may not see and 403 for one they may see but not
  change (so that another State's focal point does not learn that it exists);
- `public_if_published`: pages anyone may open once the request is published; an
  anonymous visitor of an unpublished request is sent to log in.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from casework.accounts.permissions import (
    AnyUser,
    View,
    is_committee_member,
    is_signed_in,
    is_support_unit,
    own_state,
    require,
    user_passes,
)
from casework.extensions.models import CommentWordUpload, ExtensionRequest


class LoginNeeded(Exception):
    """An anonymous visitor asked for a request that is not public: log in first."""


def can_edit(user: AnyUser) -> bool:
    return is_support_unit(user) or is_committee_member(user)


def can_publish(user: AnyUser) -> bool:
    return is_support_unit(user)


def can_read_comments(user: AnyUser) -> bool:
    return can_edit(user)


def get_requests_for_user(user: AnyUser) -> QuerySet[ExtensionRequest]:
    """Every request the user may open (published ones for everybody)."""
    requests = ExtensionRequest.objects.all()
    if can_edit(user):
        return requests
    mine = own_state(user)
    if mine is not None:
        return requests.filter(Q(is_published=True) | Q(state=mine))
    return requests.filter(is_published=True)


def get_request_for_user(
    user: AnyUser, pk: int, *, edit: bool = False, comments: bool = False
) -> ExtensionRequest:
    """The request `pk` if the user may see it (edit it when `edit`, read the
    Committee's comments when `comments`).

    404 when the user may not see it, so that its existence does not leak; 403 when they
    see it but may not do the rest; LoginNeeded for an anonymous visitor of a request
    that is not public (`public_if_published` sends them to log in).
    """
    found = get_requests_for_user(user).select_related("state").filter(pk=pk).first()
    if found is None or ((edit or comments) and not user.is_authenticated):
        if (
            not user.is_authenticated
            and ExtensionRequest.objects.filter(pk=pk).exists()
        ):
            raise LoginNeeded
        raise Http404("no such extension request for this user")
    if edit:
        require(can_edit(user))
    if comments:
        require(can_read_comments(user))
    return found


def public_if_published(view: Callable[..., HttpResponse]) -> View:
    """For pages anyone may see once the request is published (log in otherwise)."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except LoginNeeded:
            return redirect_to_login(request.get_full_path())

    return wrapped


# Role families of the extensions pages.
editors_only = user_passes(can_edit)
signed_in_only = user_passes(is_signed_in)


def get_comment_word_upload_for_user(user: AnyUser, pk: int) -> CommentWordUpload:
    """An edited Word copy of the comments, for those who may edit its request (403
    for anybody else, as for the comments themselves)."""
    require(can_edit(user))
    upload = get_object_or_404(
        CommentWordUpload.objects.select_related("comment", "uploaded_by"), pk=pk
    )
    # 404 unless the user may see the request, 403 unless they may edit it
    get_request_for_user(user, upload.comment.request_id, edit=True)
    return upload
