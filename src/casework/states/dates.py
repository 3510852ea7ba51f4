"""Dates as the sources give them: a full day, a month, a year, unknown, or not applicable.

The registry keeps what the source says and never fills in a missing day, so a date
is stored as text: "" (not applicable), "unknown", "YYYY", "YYYY-MM" or "YYYY-MM-DD".
"""

from __future__ import annotations

import datetime as dt
import re

from casework.domain.locale import format_date, format_month

UNKNOWN = "unknown"
_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


class PartialDateError(ValueError):
    """A value that is neither empty, 'unknown' nor an ISO date (or a prefix of one)."""


def normalise(value: str) -> str:
    """Return the canonical text of a partial date or raise PartialDateError."""
    text = (value or "").strip()
    if text.lower() == UNKNOWN:
        return UNKNOWN
    if text == "":
        return ""
    # Some sources add a remark after the date: "2030 (day not confirmed)".
    head = text.split(" ", 1)[0]
    if not _PARTIAL.match(head):
        raise PartialDateError(
            f"{value!r} is not a date; write YYYY-MM-DD, YYYY-MM, YYYY, 'unknown' or leave it empty"
        )
    if len(head) == 10:
        try:
            dt.date.fromisoformat(head)
        except ValueError:
            raise PartialDateError(f"{value!r} is not a day of the calendar") from None
    elif len(head) == 7 and not 1 <= int(head[5:7]) <= 12:
        raise PartialDateError(f"{value!r} has no month {head[5:7]}")
    return head


def full_date(value: str) -> dt.date | None:
    """The day, when the text gives a whole date; None when unknown, partial or empty."""
    if len(value) == 10 and _PARTIAL.match(value):
        return dt.date.fromisoformat(value)
    return None


def is_known(value: str) -> bool:
    return value not in ("", UNKNOWN)


def display(value: str, language: str) -> str:
    """A known date as people read it: "1 December 2025" / "March 2030" / "2030".

    A full day and a month go through `casework.domain.locale`, so French reads
    "1er décembre 2025" / "mars 2030" and Spanish "1 de diciembre de 2025" /
    "marzo de 2030". Text that is not a (partial) date is returned as it is.
    """
    day = full_date(value)
    if day is not None:
        return format_date(day, language)
    if len(value) == 7 and _PARTIAL.match(value):
        return format_month(int(value[:4]), int(value[5:7]), language)
    return value
