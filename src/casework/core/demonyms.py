"""Adjectives of States (demonyms) in English, French and Spanish, found in running text.

One source for "the Cambodian centre" (the State concerned's own) against "Japanese
support" (another State's). The forms live in `data/demonyms.csv` (columns iso3, en, fr,
es; each cell lists one adjective's forms separated by "|": English has one form,
French and Spanish their masculine, feminine and plural forms). The list was written for
Casework from general knowledge of the three languages, not copied from any source.

Left out on purpose:
- forms shared by two States: "Guinean" (Guinea, Guinea-Bissau, Equatorial Guinea: the
  latter two keep "Bissau-Guinean" and "Equatorial Guinean"), "Congolese" (both Congos),
  "Korean" (only "South Korean" and "North Korean"), English "Dominican" (Dominica and
  the Dominican Republic; French and Spanish tell them apart);
- forms that are mostly something else: Spanish "indio" (also indigenous Americans),
  Spanish "granadino" (Granada), French "anglais", Spanish "inglés" and English
  "English" (languages, and England is not a State), Spanish "centroafricano" and
  "norteamericano" (regions as often as States);
- a State's name used as its adjective ("New Zealand support", "Liechtenstein"):
  `casework.core.state_names.find_states` finds names.

Some adjectives are also a State's name ("Argentina", "Siria", "Suisse"); they give the
same State, so they stay. A few phrases that contain an adjective but name a region
("Latin American", "Indian Ocean", "sud-américain") are read and dropped (STOP_PHRASES),
and Spanish "bolivianos" after an amount is the currency, not Bolivia.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from pathlib import Path

from casework.core.state_names import StateMention
from casework.domain.languages import LANGUAGES

DATA_PATH = Path(__file__).with_name("data") / "demonyms.csv"

# The same fields as a State found by name, so that both kinds of mention mix.
DemonymMention = StateMention

_US_FR = ("américain", "américaine", "américains", "américaines")
# Phrases holding an adjective that name a region, not a State; matched and dropped.
STOP_PHRASES: dict[str, tuple[str, ...]] = {
    "en": (
        "Latin American",
        "Latin-American",
        "South American",
        "Central American",
        "North American",
        "Pan American",
        "Pan-American",
        "Inter-American",
        "Indian Ocean",
        "Central African States",
        "Central African region",
        "Central African sub-region",
        "Central African subregion",
        "Central African countries",
        "Somali Region",
        "Somali Regional",
    ),
    "fr": (
        *(
            f"{prefix}-{form}"
            for prefix in ("latino", "sud", "nord", "centre", "ibéro", "inter", "afro")
            for form in _US_FR
        ),
        "océan Indien",
    ),
    "es": (),
}
# Forms that are also a currency: not read after an amount ("2 500 000 bolivianos").
CURRENCIES = frozenset({"boliviano", "bolivianos"})
_AMOUNT_BEFORE = re.compile(
    r"\d[\d.,\s]*(?:(?:mil millones|millones|mil|millón) de\s+)?$", re.IGNORECASE
)

_SEPARATOR = r"[\s\-\u2010\u2011]+"  # a space or hyphen in a form: any run of either
_SEPARATORS = re.compile(_SEPARATOR)
_WORD = re.compile(r"[^\W\d_]+")


def _key(form: str) -> str:
    """How a form and the text it matched are compared: casefolded, one space between words."""
    return _SEPARATORS.sub(" ", form.casefold()).strip()


@functools.lru_cache(maxsize=1)
def load_demonyms() -> dict[str, dict[str, tuple[str, ...]]]:
    """ISO3 -> language -> the adjective's forms, as data/demonyms.csv lists them."""
    table: dict[str, dict[str, tuple[str, ...]]] = {}
    with DATA_PATH.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            table[row["iso3"]] = {
                language: tuple(
                    f.strip() for f in row[language].split("|") if f.strip()
                )
                for language in LANGUAGES
            }
    return table


@dataclass(frozen=True, slots=True)
class DemonymTable:
    """Everything find_demonyms needs for one choice of languages."""

    codes: dict[str, str]  # _key(form) -> ISO3; "" for a stop phrase
    capitalised: frozenset[str]  # keys only English has: must start with a capital
    last_words: frozenset[
        str
    ]  # each form's last word, casefolded (a cheap first check)
    pattern: re.Pattern[str]


class _Node:
    """A letter of the trie: what may follow it, and whether a form ends there."""

    __slots__ = ("children", "end")

    def __init__(self) -> None:
        self.children: dict[str, _Node] = {}
        self.end = False


def _trie_pattern(keys: list[str]) -> str:
    """One alternation for all keys, sharing their common beginnings (longest first)."""
    root = _Node()
    for key in keys:
        node = root
        for char in key:
            node = node.children.setdefault(char, _Node())
        node.end = True

    def render(node: _Node) -> str:
        branches = [
            (_SEPARATOR if char == " " else re.escape(char)) + render(child)
            for char, child in sorted(node.children.items())
        ]
        if not branches:
            return ""
        if node.end:  # a form may end here: the longer ones are tried first
            return "(?:" + "|".join(branches) + ")?"
        return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"

    return render(root)


@functools.lru_cache(maxsize=8)
def demonym_table(languages: tuple[str, ...] = LANGUAGES) -> DemonymTable:
    """Build the table (one compiled pattern) for `languages` once."""
    codes: dict[str, str] = {}
    by_language: dict[str, set[str]] = {language: set() for language in languages}
    last_words: set[str] = set()
    for code, forms in load_demonyms().items():
        for language in languages:
            for form in forms[language]:
                key = _key(form)
                if codes.setdefault(key, code) != code:
                    raise ValueError(f"{form!r} is listed for {codes[key]} and {code}")
                by_language[language].add(key)
                last_words.add(_WORD.findall(key)[-1])
    for language in languages:
        for phrase in STOP_PHRASES[language]:
            codes.setdefault(_key(phrase), "")
    others = set().union(*(by_language[lang] for lang in languages if lang != "en"))
    capitalised = frozenset(by_language.get("en", set()) - others)
    # Longest first is built into the trie; \b on both sides keeps whole words only
    # ("Japanese-funded" matches, "Sudanese" inside "South Sudanese" does not).
    pattern = re.compile(r"\b" + _trie_pattern(sorted(codes)) + r"\b", re.IGNORECASE)
    return DemonymTable(codes, capitalised, frozenset(last_words), pattern)


def find_demonyms(text: str, language: str | None = None) -> list[DemonymMention]:
    """Every State adjective in `text`, left to right, never overlapping.

    `language` is "en", "fr" or "es"; None searches all three. English forms count only
    when they start with a capital ("French", not "french"); French and Spanish forms in
    any case.
    """
    if language is None:
        table = demonym_table()
    elif language in LANGUAGES:
        table = demonym_table((language,))
    else:
        raise ValueError(f"unknown language {language!r}; expected one of {LANGUAGES}")
    # A cheap check first: most sentences have none of the words an adjective ends with.
    if table.last_words.isdisjoint(_WORD.findall(text.casefold())):
        return []
    codes, capitalised, search = table.codes, table.capitalised, table.pattern.search
    found: list[DemonymMention] = []
    position = 0
    while match := search(text, position):
        start, end = match.span()
        key = _key(match.group())
        code = codes.get(key, "")
        if not code:  # a stop phrase ("Latin American")
            position = end
            continue
        if key in capitalised and not text[start].isupper():
            position = start + 1
            continue
        if key in CURRENCIES and _AMOUNT_BEFORE.search(text, max(0, start - 40), start):
            position = end
            continue
        found.append(DemonymMention(code, start, end))
        position = end
    return found
