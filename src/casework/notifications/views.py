"""The inbox: a user's own notifications, in the interface language; mark as read.

A notification is stored as its kind and parameters, never as text (texts.render writes
it). The inbox writes it in the language of the page it is on, so a French page shows
French notifications whatever the profile says; e-mails, which have no page, are written
in the profile language (tasks.send_notification_email)."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe

from casework.accounts.permissions import signed_in_required
from casework.domain.languages import normalise
from casework.notifications import services
from casework.notifications.models import Notification
from casework.notifications.permissions import (
    get_notification_for_user,
    get_recipient,
)
from casework.notifications.texts import Text
from casework.notifications.texts import render as render_text

SHOWN = 100


@dataclass(frozen=True)
class Item:
    notification: Notification
    text: Text


@signed_in_required
@require_safe
def inbox(request: HttpRequest) -> HttpResponse:
    user = get_recipient(request.user)
    language = normalise(translation.get_language())  # the page's, not the profile's
    notifications = Notification.objects.filter(recipient=user)[:SHOWN]
    items = [Item(n, render_text(n, language)) for n in notifications]
    return render(
        request,
        "notifications/inbox.html",
        {"items": items, "language": language, "unread": services.unread_count(user)},
    )


def _back(request: HttpRequest, default: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        return redirect(target)
    return redirect(default)


@signed_in_required
@require_POST
def read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_notification_for_user(request.user, pk)
    services.mark_read(notification)
    return _back(request, "notifications:inbox")


@signed_in_required
@require_POST
def read_all(request: HttpRequest) -> HttpResponse:
    services.mark_all_read(get_recipient(request.user))
    return redirect("notifications:inbox")
