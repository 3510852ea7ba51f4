"""What a CSV or XLSX cell may hold: typed numbers and dates, and text that is never a formula.

A spreadsheet reads a text cell that starts with `=`, `+`, `-` or `@` (or a tab or a
carriage return before one of them) as a formula: `=HYPERLINK("http://x","y")` in a
contribution's description would become a live link in the public ledger. Every text cell
that starts with one of those characters gets an apostrophe in front (OWASP, "CSV
injection"); numbers and dates are not text, so they are written as typed cells and keep
their sign (so does a signed number written as text, such as "-5.00").
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Final

from django.utils import timezone

FORMULA_LEADS: Final = ("=", "+", "-", "@", "\t", "\r")
# A signed number written as text ("-5.00", as an API gives a decimal) computes nothing.
PLAIN_NUMBER: Final = re.compile(r"[+-]?\d+(\.\d+)?([eE][+-]?\d+)?")

Typed = str | int | float | Decimal | bool | dt.date | dt.datetime | dt.time | None


def neutralise(text: str) -> str:
    """The text, with an apostrophe in front when a spreadsheet would run it."""
    if text.startswith(FORMULA_LEADS) and not PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def typed(value: object) -> Typed:
    """The value for a cell: numbers, booleans and dates as they are, anything else as
    neutralised text. An aware datetime is written in the site's time zone (a spreadsheet
    has no time zones); a float that is not a number (NaN, infinity) is written as text."""
    if value is None or isinstance(value, bool | int | Decimal):
        if isinstance(value, Decimal) and not value.is_finite():
            return str(value)
        return value
    if isinstance(value, float):
        return value if value == value and abs(value) != float("inf") else str(value)
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value)
        return value
    if isinstance(value, dt.date | dt.time):
        return value
    return neutralise(str(value))


def csv_text(value: object) -> str:
    """The value as a CSV field: numbers as digits, dates in ISO 8601, text neutralised."""
    cell = typed(value)
    if cell is None:
        return ""
    if isinstance(cell, bool):
        return "true" if cell else "false"
    if isinstance(cell, Decimal):
        return f"{cell:f}"
    if isinstance(cell, dt.date | dt.datetime | dt.time):
        return cell.isoformat()
    return str(cell)
