"""Text as the index sees it: lower case without accents, one character for one.

`fold` keeps positions (the n-th character of the folded text is the n-th of the
original), so an excerpt found in the folded text is cut from the original.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from casework.domain.languages import LANGUAGES
from casework.domain.state_names import FORMER_NAMES, longest_names, name, short_name

WORD = re.compile(r"\w+", re.UNICODE)


@cache
def _fold_char(char: str) -> str:
    base = "".join(
        c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
    ).lower()
    if len(base) == 1:
        return base
    lowered = char.lower()
    return lowered if len(lowered) == 1 else char


def fold(text: str) -> str:
    """ "Côte d'Ivoire" -> "cote d'ivoire", same length."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(c) for c in text)


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def state_names(iso3: str) -> list[str]:
    """Every name of the State the index knows, in every language."""
    found: list[str] = []
    for language in LANGUAGES:
        for written in (name(iso3, language), short_name(iso3, language)):
            if written and written not in found:
                found.append(written)
    found += [n for n in FORMER_NAMES.get(iso3, ()) if n not in found]
    return found


@cache
def _names_by_words() -> dict[tuple[str, ...], str]:
    from casework.states.models import StateParty

    table: dict[tuple[str, ...], str] = {}
    for iso3 in StateParty.objects.values_list("iso3", flat=True):
        for written in state_names(iso3):
            table.setdefault(tuple(words(written)), iso3)
    return table


def find_states(query: str) -> tuple[list[str], list[str]]:
    """(ISO3 codes of the States named in the query, the query's other words).

    The longest name wins: "Soudan du Sud" is South Sudan, not Sudan and two words."""
    tokens = words(query)
    states, rest = longest_names(tokens, _names_by_words())
    return states, [tokens[i] for i in rest]


def excerpt(body: str, terms: list[str], *, width: int = 220) -> str:
    """Around the first term found (whole text start when none is)."""
    folded = fold(body)
    positions = [p for t in terms if (p := folded.find(t)) >= 0]
    start = max(min(positions) - width // 3, 0) if positions else 0
    piece = " ".join(body[start : start + width].split())
    return ("… " if start else "") + piece + ("…" if start + width < len(body) else "")
