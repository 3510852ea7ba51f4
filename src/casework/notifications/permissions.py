"""Who may read a notification: its recipient only (anyone else gets a 404)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.http import Http404

from casework.accounts.permissions import AnyUser
from casework.notifications.models import Notification


def get_recipient(user: AnyUser) -> User:
    """The signed-in user whose inbox is shown (403 for anyone else)."""
    if not isinstance(user, User):
        raise PermissionDenied
    return user


def get_notification_for_user(user: AnyUser, pk: int) -> Notification:
    if not isinstance(user, User):
        raise Http404
    try:
        return Notification.objects.get(pk=pk, recipient=user)
    except Notification.DoesNotExist:
        raise Http404 from None
