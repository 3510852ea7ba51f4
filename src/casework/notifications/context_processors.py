"""The unread count shown in the header of every page."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.http import HttpRequest

from casework.notifications.services import unread_count


def inbox(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if not isinstance(user, User):
        return {"unread_notifications": 0}
    return {"unread_notifications": unread_count(user)}
