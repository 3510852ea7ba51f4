"""Telling users: create inbox notifications, e-mail them through the worker, count unread."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from casework.notifications.models import Notification
from casework.notifications.preferences import wants_email

logger = logging.getLogger(__name__)

UNREAD_SECONDS = 120


def _unread_key(user: User) -> str:
    # date_joined keeps two users who share a pk (test databases) apart.
    return f"notifications:unread:{user.pk}:{user.date_joined.timestamp()}"


def forget_unread(user: User) -> None:
    """Drop the cached count now and once the transaction commits."""
    key = _unread_key(user)
    cache.delete(key)
    transaction.on_commit(partial(cache.delete, key))


def unread_count(user: User) -> int:
    """How many notifications the user has not read (cached: shown on every page)."""
    key = _unread_key(user)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(recipient=user, read_at=None).count()
        cache.set(key, count, UNREAD_SECONDS)
    return int(count)


def _enqueue_email(notification_id: int) -> None:
    from casework.notifications.tasks import send_notification_email

    send_notification_email.enqueue(notification_id)


def notify(
    recipients: Iterable[User],
    kind: str,
    *,
    params: dict[str, Any],
    url: str = "",
    key: str = "",
) -> list[Notification]:
    """One notification per recipient (once per `key` when given); e-mails are queued
    for the worker once the transaction commits, for those who want them."""
    created: list[Notification] = []
    unique = {user.pk: user for user in recipients}
    for user in unique.values():
        if (
            key
            and Notification.objects.filter(recipient=user, kind=kind, key=key).exists()
        ):
            continue
        notification = Notification.objects.create(
            recipient=user, kind=kind, params=params, url=url, key=key
        )
        forget_unread(user)
        if wants_email(user, kind):
            transaction.on_commit(partial(_enqueue_email, notification.pk))
        created.append(notification)
    logger.info("%s: %d notifications", kind, len(created))
    return created


def mark_read(notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    forget_unread(notification.recipient)


def mark_all_read(user: User) -> int:
    count = Notification.objects.filter(recipient=user, read_at=None).update(
        read_at=timezone.now()
    )
    forget_unread(user)
    return count


def absolute_url(path: str) -> str:
    """A link for an e-mail: the site's address (settings.CASEWORK_SITE_URL) + path."""
    if not path or "://" in path:
        return path
    base = str(getattr(settings, "CASEWORK_SITE_URL", "") or "http://localhost:8000")
    return base.rstrip("/") + path
