"""Numbers as reports write them: 1,593,487 / 1 593 487 / 1.593.487 / 823,4 / 4.35."""

from __future__ import annotations

import re

from casework.domain import locale

NUMBER = (
    r"\d{1,3}(?:(?:[ \u00a0\u202f]|[.,'’])\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?"
)
# NUMBER where it starts (not after a digit, point or comma), written so that it begins with
# a digit class: the regex engine then skips straight to digits instead of trying every place.
NUMBER_HERE = (
    r"\d(?<![\d.,]\d)(?:\d{0,2}(?:(?:[ \u00a0\u202f]|[.,'’])\d{3})+(?:[.,]\d+)?(?!\d)|"
    r"\d*(?:[.,]\d+)?)"
)
_SPACES = re.compile(r"[ \u00a0\u202f'’]")

MULTIPLIERS: dict[str, float] = {
    "thousand": 1e3,
    "mil": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "millón": 1e6,
    "millon": 1e6,
    "millones": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "mio": 1e6,
    "mln": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "milliard": 1e9,
    "milliards": 1e9,
    "mil millones": 1e9,
    "md": 1e9,
    "mds": 1e9,
}
MULTIPLIER = (
    r"(?:mil\s+millones|millions?|millones|mill[oó]n|milliards?|billions?|thousand|"
    r"mds?\b|mio\b|mln\b|mn\b|bn\b|mil\b|[kKmM]\b)"
)


def parse_number(
    raw: str, *, language: str | None = None, scaled: bool = False
) -> float:
    """Parse a number found in a report; `scaled` says a multiplier such as 'million'
    follows. The reading itself is `casework.domain.locale.parse_number`, the parser every
    app uses; this only decides the decimal mark from the context a report gives: a lone
    separator before three digits groups thousands ("1,593" -> 1593) unless a multiplier
    follows in a language that writes decimals that way ("1,593 millions" -> 1.593e6).
    """
    text = _SPACES.sub("", raw.strip())
    marks = [mark for mark in ",." if mark in text]
    decimal: str | None = None
    if len(marks) == 1 and text.count(marks[0]) == 1:
        mark = marks[0]
        if len(text.split(mark)[1]) == 3:
            as_decimal = scaled and locale.DECIMAL_MARK.get(language or "") == mark
            decimal = mark if as_decimal else ("." if mark == "," else ",")
        else:
            decimal = mark
    try:
        return float(locale.parse_number(text, decimal=decimal))
    except locale.NumberFormatError:
        # "1234.567": no thousands grouping fits, so the separator is a decimal mark.
        return float(locale.parse_number(text, decimal=marks[-1] if marks else None))


def multiplier_value(word: str | None) -> float:
    """1 for no multiplier, else its value ('millones' -> 1e6)."""
    if not word:
        return 1.0
    key = " ".join(word.split())
    return MULTIPLIERS.get(key, MULTIPLIERS.get(key.lower(), 1.0))
