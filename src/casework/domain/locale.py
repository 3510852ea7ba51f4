"""Numbers, money and dates in English, French and Spanish, read and written one way.

Writing goes through Babel (CLDR data): "3,000,000" / "3 000 000" / "3.000.000",
"11.1 million" / "11,1 millions" / "11,1 millones". Dates are written as United Nations
documents write them: "1 December 2025", "1er décembre 2025", "1 de diciembre de 2025".

Reading user-entered numbers (`parse_number`) is the one parser for the online report,
the spreadsheet imports and the extension-request template. A cell such as "1,234" is
ambiguous (one thousand two hundred and thirty-four in English, one point two three four
in French): given a language or an explicit decimal mark it is read that way; given
neither it is refused with a message that says what to write instead.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal, InvalidOperation
from typing import Final
from zoneinfo import ZoneInfo

from babel import dates as babel_dates
from babel import numbers as babel_numbers

from casework.domain.languages import DEFAULT, LANGUAGES

# Fonts in PDFs lack the narrow no-break space Babel uses in French; a no-break space
# looks the same in print and keeps the number on one line.
_NARROW_NBSP: Final = "\u202f"
NBSP: Final = "\u00a0"
DECIMAL_MARK: Final[dict[str, str]] = {"en": ".", "fr": ",", "es": ","}


def _locale(language: str) -> str:
    return language if language in LANGUAGES else DEFAULT


def _plain(text: str) -> str:
    return text.replace(_NARROW_NBSP, NBSP)


def format_number(
    value: float | int | Decimal, language: str, *, decimals: int | None = None
) -> str:
    """1234567.5 -> "1,234,567.5" / "1 234 567,5" / "1.234.567,5"."""
    if decimals is None:
        text = babel_numbers.format_decimal(value, locale=_locale(language))
    else:
        pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
        text = babel_numbers.format_decimal(
            value, format=pattern, locale=_locale(language), decimal_quantization=True
        )
    return _plain(text)


def format_integer(value: float | int | Decimal, language: str) -> str:
    return format_number(round(Decimal(str(value))), language, decimals=0)


def format_money(
    amount: float | int | Decimal, currency: str, language: str, *, decimals: int = 0
) -> str:
    """ "USD 3,000,000" / "3 000 000 USD" / "3.000.000 USD" (the code, never a symbol)."""
    number = format_number(amount, language, decimals=decimals)
    if _locale(language) == "en":
        return f"{currency} {number}"
    return f"{number}{NBSP}{currency}"


def format_compact(
    value: float | int | Decimal, language: str, *, decimals: int = 1
) -> str:
    """11_100_000 -> "11.1 million" / "11,1 millions" / "11,1 millones"."""
    text = babel_numbers.format_compact_decimal(
        value, format_type="long", locale=_locale(language), fraction_digits=decimals
    )
    return _plain(text)


def format_percent(ratio: float, language: str, *, decimals: int = 0) -> str:
    """0.143 -> "14%" / "14 %" / "14 %"."""
    text = babel_numbers.format_percent(
        ratio, locale=_locale(language), decimal_quantization=False
    )
    if decimals:
        return _plain(text)
    return _plain(
        babel_numbers.format_percent(round(ratio, 2), locale=_locale(language))
    )


def format_date(day: dt.date, language: str) -> str:
    """ "1 December 2025" / "1er décembre 2025" / "1 de diciembre de 2025"."""
    language = _locale(language)
    if language == "es":
        return babel_dates.format_date(day, "d 'de' MMMM 'de' y", locale="es")
    text = babel_dates.format_date(day, "d MMMM y", locale=language)
    if language == "fr" and day.day == 1:
        return "1er" + text[1:]
    return text


def format_day_month(day: dt.date, language: str) -> str:
    """ "1 December" / "1er décembre" / "1 de diciembre"."""
    language = _locale(language)
    if language == "es":
        return babel_dates.format_date(day, "d 'de' MMMM", locale="es")
    text = babel_dates.format_date(day, "d MMMM", locale=language)
    if language == "fr" and day.day == 1:
        return "1er" + text[1:]
    return text


def _day(day: dt.date, language: str) -> str:
    return "1er" if language == "fr" and day.day == 1 else str(day.day)


def format_date_range(start: dt.date, end: dt.date, language: str) -> str:
    """ "2–4 June 2025" / "2-4 juin 2025" / "2 a 4 de junio de 2025", shortest form."""
    language = _locale(language)
    if start == end:
        return format_date(start, language)
    if (start.year, start.month) == (end.year, end.month):
        first = _day(start, language)
    elif start.year == end.year:
        first = format_day_month(start, language)
    else:
        first = format_date(start, language)
    joiner = {"en": "–", "fr": " au ", "es": " al "}[language]
    if language == "en" and first != str(start.day):
        joiner = " – "
    if language == "fr":
        return f"du {first}{joiner}{format_date(end, language)}"
    if language == "es":
        return f"del {first}{joiner}{format_date(end, language)}"
    return f"{first}{joiner}{format_date(end, language)}"


def format_month(year: int, month: int, language: str) -> str:
    """ "December 2025" / "décembre 2025" / "diciembre de 2025"."""
    day = dt.date(year, month, 1)
    pattern = "MMMM 'de' y" if _locale(language) == "es" else "MMMM y"
    return babel_dates.format_date(day, pattern, locale=_locale(language))


def format_datetime(moment: dt.datetime, language: str, *, tz: str = "UTC") -> str:
    """ "1 December 2025, 14:05" in the time zone `tz` (24-hour clock in all three)."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(ZoneInfo(tz))
    return f"{format_date(moment.date(), language)}, {moment:%H:%M}"


# --- reading numbers that people type -------------------------------------------------


class NumberFormatError(ValueError):
    """A cell or field that is not a number, or whose decimal mark cannot be told."""

    def __init__(self, raw: str, reason: str, advice: str) -> None:
        super().__init__(f"{raw!r} {reason}. {advice}")
        self.raw = raw
        self.reason = reason
        self.advice = advice


class AmbiguousNumberError(NumberFormatError):
    """ "1,234" or "1.234" with no language or decimal mark to decide."""


_GROUP_SPACES = re.compile(r"[ \u00a0\u202f\u2009'’]")
_SHAPE = re.compile(r"^[+-]?\d[\d.,]*$")
_CURRENCY_AROUND = re.compile(r"^(?:[A-Z]{3}|[$€£])\s*|\s*(?:[A-Z]{3}|[$€£])$")


def parse_number(
    raw: str,
    *,
    language: str | None = None,
    decimal: str | None = None,
) -> Decimal:
    """Read a number as typed in a form or a spreadsheet cell.

    `decimal` ("." or ",") wins; else `language` gives the decimal mark (English ".",
    French and Spanish ","); with neither, a lone separator followed by exactly three
    digits is ambiguous and raises AmbiguousNumberError. Spaces, no-break spaces and
    apostrophes group thousands; a currency code around the number is dropped.
    """
    text = _CURRENCY_AROUND.sub("", raw.strip())
    text = _GROUP_SPACES.sub("", text)
    if not text or not _SHAPE.match(text):
        raise NumberFormatError(
            raw,
            "is not a number",
            "Write digits only, for example 1250000 or 1 250 000.",
        )
    if decimal is None and language is not None:
        decimal = DECIMAL_MARK.get(language, ".")
    commas, points = text.count(","), text.count(".")
    if commas and points:
        mark = "," if text.rfind(",") > text.rfind(".") else "."
        group = "." if mark == "," else ","
        if decimal is not None and decimal != mark:
            raise NumberFormatError(
                raw,
                f"uses {mark!r} as its decimal mark where {decimal!r} was expected",
                f"Write the number with {decimal!r} before the decimals.",
            )
        return _checked(raw, text, group=group, mark=mark)
    if not commas and not points:
        return _decimal(raw, text)
    sep = "," if commas else "."
    count = commas or points
    if count > 1:
        if decimal == sep:
            raise NumberFormatError(
                raw,
                f"has more than one decimal mark {sep!r}",
                "Write the number with one decimal mark at most.",
            )
        return _checked(raw, text, group=sep, mark="")
    head, tail = text.split(sep)
    if decimal is None:
        if len(tail) == 3 and head.lstrip("+-") != "0":
            raise AmbiguousNumberError(
                raw,
                f"could be {head}{tail} or {head}.{tail}",
                "Write it without a thousands separator (for example 1234 or 1.234), "
                "or choose the file's decimal mark.",
            )
        decimal = sep
    if sep == decimal:
        return _decimal(raw, f"{head}.{tail}")
    return _checked(raw, text, group=sep, mark="")


def _checked(raw: str, text: str, *, group: str, mark: str) -> Decimal:
    whole, _, fraction = text.partition(mark) if mark else (text, "", "")
    groups = whole.lstrip("+-").split(group)
    if not (1 <= len(groups[0]) <= 3) or any(len(g) != 3 for g in groups[1:]):
        raise NumberFormatError(
            raw,
            f"has {group!r} in a place where no thousands separator goes",
            "Check the digits, or write the number without separators.",
        )
    return _decimal(raw, whole.replace(group, "") + (f".{fraction}" if mark else ""))


def _decimal(raw: str, text: str) -> Decimal:
    try:
        return Decimal(text)
    except InvalidOperation:
        raise NumberFormatError(
            raw, "is not a number", "Write digits only, for example 1250000."
        ) from None
