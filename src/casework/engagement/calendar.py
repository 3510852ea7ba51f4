"""The calendar: events, case meetings, follow-ups due and yearly deadlines; iCalendar export."""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass

import icalendar
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from casework.domain.languages import DEFAULT
from casework.engagement.models import CalendarFeed, CaseStep, Event


@dataclass(frozen=True, slots=True)
class CalendarItem:
    uid: str
    start: dt.date
    end: dt.date | None
    title: str
    kind: str
    place: str = ""
    url: str = ""
    is_public: bool = False


def _article7_deadlines(first: dt.date, last: dt.date) -> list[CalendarItem]:
    # Article 7.2: the annual transparency reports are due by 30 April every year.
    items = []
    for year in range(first.year, last.year + 1):
        day = dt.date(year, 4, 30)
        if first <= day <= last:
            items.append(
                CalendarItem(
                    uid=f"article7-{year}@casework",
                    start=day,
                    end=None,
                    title=_("Article 7 reports due"),
                    kind=Event.Kind.DEADLINE,
                    is_public=True,
                )
            )
    return items


def calendar_items(
    first: dt.date, last: dt.date, *, public_only: bool, language: str = DEFAULT
) -> list[CalendarItem]:
    """Everything between two dates, by date; `public_only` leaves out the Committee's own.

    Titles are written in `language` (event titles by language, the rest by gettext)."""
    with translation.override(language):
        return _calendar_items(first, last, public_only=public_only, language=language)


def _calendar_items(
    first: dt.date, last: dt.date, *, public_only: bool, language: str
) -> list[CalendarItem]:
    events = Event.objects.filter(start__range=(first, last))
    if public_only:
        events = events.filter(is_public=True)
    items = [
        CalendarItem(
            uid=f"event-{event.pk}@casework",
            start=event.start,
            end=event.end,
            title=event.title(language),
            kind=event.kind,
            place=event.place,
            url=reverse("engagement:event", args=[event.pk]) if not public_only else "",
            is_public=event.is_public,
        )
        for event in events
    ]
    items += _article7_deadlines(first, last)
    if not public_only:
        steps = CaseStep.objects.select_related("case__state").filter(
            kind__in=[CaseStep.Kind.MEETING, CaseStep.Kind.PREPARATORY_CALL],
            date__range=(first, last),
        )
        for step in steps:
            if step.date is None:  # excluded by the query; keeps the types honest
                continue
            items.append(
                CalendarItem(
                    uid=f"step-{step.pk}@casework",
                    start=step.date,
                    end=None,
                    title=f"{step.get_kind_display()}: {step.case.state.name}",
                    kind=step.kind,
                    place=step.place,
                    url=reverse("engagement:case", args=[step.case_id]),
                )
            )
        due = CaseStep.objects.select_related("case__state").filter(
            done=False, due_on__range=(first, last)
        )
        for step in due:
            if step.due_on is None:  # excluded by the query; keeps the types honest
                continue
            items.append(
                CalendarItem(
                    uid=f"due-{step.pk}@casework",
                    start=step.due_on,
                    end=None,
                    title=_("Follow-up due: %(state)s")
                    % {"state": step.case.state.name},
                    kind="follow_up_due",
                    url=reverse("engagement:case", args=[step.case_id]),
                )
            )
    return sorted(items, key=lambda item: (item.start, item.title))


def to_ical(items: list[CalendarItem], *, name: str, base_url: str = "") -> bytes:
    """An iCalendar file (RFC 5545) of all-day items."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Casework//Committee calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = dt.datetime.now(tz=dt.UTC).replace(microsecond=0)
    for item in items:
        entry = icalendar.Event()
        entry.add("uid", item.uid)
        entry.add("summary", item.title)
        entry.add("dtstart", item.start)
        # DTEND of an all-day event is the day after the last day (exclusive).
        entry.add("dtend", (item.end or item.start) + dt.timedelta(days=1))
        entry.add("dtstamp", stamp)
        if item.place:
            entry.add("location", item.place)
        if item.url and base_url:
            entry.add("url", base_url + item.url)
        calendar.add_component(entry)
    data: bytes = calendar.to_ical()
    return data


# --- a user's secret feed address, for calendar programs that cannot sign in ---------


def new_token() -> str:
    return secrets.token_urlsafe(32)


def feed_of(user: AbstractBaseUser | AnonymousUser) -> CalendarFeed | None:
    if not user.is_authenticated:
        return None
    return CalendarFeed.objects.filter(user_id=user.pk).first()


def regenerate_feed(user: AbstractBaseUser) -> CalendarFeed:
    """A new secret address for `user`; the former one stops working (404)."""
    feed, _created = CalendarFeed.objects.update_or_create(
        user_id=user.pk, defaults={"token": new_token()}
    )
    return feed


def stop_feed(user: AbstractBaseUser) -> None:
    """Revoke the user's address: it answers 404 from now on."""
    CalendarFeed.objects.filter(user_id=user.pk).delete()


def feed_by_token(token: str) -> CalendarFeed | None:
    """The active feed of this token, or None (unknown or revoked)."""
    if not token or len(token) > 64:
        return None
    return (
        CalendarFeed.objects.select_related("user__profile")
        .filter(token=token, user__is_active=True)
        .first()
    )
