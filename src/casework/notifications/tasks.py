"""Background tasks of the notifications app: e-mails and the daily deadline check."""

from __future__ import annotations

import datetime as dt

from django.core.mail import EmailMessage
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from casework.notifications.models import Notification
from casework.notifications.preferences import language_of, wants_email
from casework.notifications.services import absolute_url
from casework.notifications.texts import render


@task()
def send_notification_email(notification_id: int) -> int:
    """E-mail one notification in the recipient's profile language; returns e-mails sent.

    Nothing is sent twice, nor to someone who turned this kind of e-mail off since.
    """
    notification = (
        Notification.objects.select_related("recipient__profile")
        .filter(pk=notification_id, emailed_at=None)
        .first()
    )
    if notification is None or not wants_email(
        notification.recipient, notification.kind
    ):
        return 0
    language = language_of(notification.recipient)
    text = render(notification, language)
    with translation.override(language):
        footer = _(
            "You receive this e-mail because of your Casework notification settings; "
            "change them on your account page: %(url)s"
        ) % {"url": absolute_url("/accounts/profile/")}
    parts = [text.body]
    if notification.url:
        parts.append(absolute_url(notification.url))
    parts.append("-- \n" + footer)
    message = EmailMessage(
        subject=text.subject,
        body="\n\n".join(parts),
        to=[notification.recipient.email],
        headers={"Content-Language": language},
    )
    sent = message.send()
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return sent


@task()
def notify_deadlines_daily() -> int:
    """Tell focal points of a coming deadline, then run again tomorrow."""
    from casework.notifications.deadlines import ensure_scheduled, notify_deadlines

    count = notify_deadlines(timezone.localdate())
    ensure_scheduled(every=dt.timedelta(days=1))
    return count
