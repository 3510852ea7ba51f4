"""Numbers as reports write them: 1,593,487 / 1 593 487 / 1.593.487 / 823,4 / 4.35."""

from __future__ import annotations

import re

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
    """Parse a written number; `scaled` says a multiplier such as 'million' follows."""
    text = _SPACES.sub("", raw.strip())
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return float(text.replace(thousands, "").replace(decimal, "."))
    for sep in (",", "."):
        if sep not in text:
            continue
        parts = text.split(sep)
        if len(parts) > 2:
            return float(text.replace(sep, ""))
        tail = parts[1]
        if len(tail) == 3:
            decimal_comma = sep == "," and scaled and language in ("fr", "es")
            decimal_point = sep == "." and scaled and language == "en"
            if not (decimal_comma or decimal_point):
                return float(text.replace(sep, ""))
        return float(text.replace(sep, "."))
    return float(text)


def multiplier_value(word: str | None) -> float:
    """1 for no multiplier, else its value ('millones' -> 1e6)."""
    if not word:
        return 1.0
    key = " ".join(word.split())
    return MULTIPLIERS.get(key, MULTIPLIERS.get(key.lower(), 1.0))
