"""`casework manage notify_deadlines [--date YYYY-MM-DD] [--schedule]`."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from casework.notifications.deadlines import ensure_scheduled, notify_deadlines


class Command(BaseCommand):
    help = (
        "Tell focal points of States not yet reported that the 30 April Article 7 "
        "deadline approaches (30, 7 and 1 day before; once each)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="Check as of this day (YYYY-MM-DD).")
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Also keep a daily check queued on the worker.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        today = timezone.localdate()
        if options["date"]:
            try:
                today = dt.date.fromisoformat(options["date"])
            except ValueError:
                raise CommandError(
                    f"--date {options['date']!r} is not a date; write it as YYYY-MM-DD."
                ) from None
        count = notify_deadlines(today)
        if options["schedule"]:
            ensure_scheduled()
        self.stdout.write(f"{count} notifications about deadlines as of {today}.")
