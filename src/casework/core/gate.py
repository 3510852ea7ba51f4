"""Cheap prefilter for the analyser's regexes: run a pattern only where its key words occur.

At import, each gated pattern gets a set of key words from its parse tree (gate_keys.py):
whole words ("closed") or 5-character stems ("open", `allocat\\w+` -> "alloc"), one per match
path, such that any match puts one of them among the text's tokens. A passage's `View`
tokenises its text once and sets one bit per gate whose key words occur; a gate whose bit is
off cannot match, so results are exactly those of running every pattern everywhere. A
pattern with no derivable keys (e.g. it starts with a digit or a symbol) always runs.
"""

from __future__ import annotations

import operator
import re

from casework.core.gate_keys import STEM, first_words, fold
from casework.core.model import Passage
from casework.core.state_names import StateMention, find_states

_TOKENS = re.compile(r"\w+")
_STEM_OF = operator.itemgetter(slice(None, STEM))


class _Registry:
    """Which gate bits each first word switches on."""

    def __init__(self) -> None:
        self.closed: dict[str, int] = {}
        self.open: dict[str, int] = {}
        self.always = 0
        self.count = 0
        self.closed_keys: frozenset[str] = frozenset()
        self.open_keys: frozenset[str] = frozenset()

    def add(self, pattern: re.Pattern[str]) -> int:
        bit = 1 << self.count
        self.count += 1
        words = first_words(pattern)
        if words is None:
            self.always |= bit
            return bit
        for key in words[0]:
            self.closed[key] = self.closed.get(key, 0) | bit
        for key in words[1]:
            self.open[key] = self.open.get(key, 0) | bit
        self.closed_keys, self.open_keys = frozenset(self.closed), frozenset(self.open)
        return bit

    def mask(self, folded: str) -> int:
        mask = self.always
        tokens = _TOKENS.findall(folded)
        closed = self.closed
        for token in self.closed_keys.intersection(tokens):
            mask |= closed[token]
        opened = self.open
        # Shorter tokens give themselves, which never equal a STEM-long key.
        for stem in self.open_keys.intersection(map(_STEM_OF, tokens)):
            mask |= opened[stem]
        return mask


_REGISTRY = _Registry()


# Upper-case escapes (\S \W \D \B \N \P ...) change meaning when lower-cased.
_UPPER_ESCAPE = re.compile(r"\\[A-Z]")


def lower_case(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """A case-insensitive pattern in lower case without re.IGNORECASE, to run on `fold(text)`.

    None when lower-casing would change its meaning (an escape such as \\S or \\W).
    """
    if _UPPER_ESCAPE.search(pattern.pattern.replace("(?P", "")):
        return None
    source = pattern.pattern.lower().replace("(?p<", "(?P<").replace("(?p=", "(?P=")
    return re.compile(source, pattern.flags & ~re.IGNORECASE)


def alternatives(pattern: re.Pattern[str]) -> tuple[re.Pattern[str], ...]:
    """The pattern's top-level alternatives as separate patterns (same flags).

    `any(p.search(t) for p in alternatives(x))` is `bool(x.search(t))`, and much faster when
    one alternative starts with a boundary: the engine can then skip ahead on the others.
    """
    source, parts, depth, start, i = pattern.pattern, [], 0, 0, 0
    in_class = False
    while i < len(source):
        ch = source[i]
        if ch == "\\":
            i += 2
            continue
        if in_class:
            in_class = ch != "]"
        elif ch == "[":
            in_class = True
            if source[i + 1 : i + 2] == "]":
                i += 1
        elif ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif ch == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    parts.append(source[start:])
    return tuple(re.compile(part, pattern.flags) for part in parts)


class Gate:
    """A compiled pattern plus its prefilter bit; `search(view)` is `pattern.search(text)`.

    A case-insensitive pattern is run in lower case on the folded text (same length, same
    offsets), which the regex engine does three to four times faster than re.IGNORECASE.
    """

    __slots__ = ("_on", "_run", "bit", "pattern")

    def __init__(self, pattern: re.Pattern[str], *, lower: bool = False) -> None:
        self.pattern = pattern
        self.bit = _REGISTRY.add(pattern)
        self._run = pattern
        self._on = "lower" if lower else "text"  # rules match `text.lower()`
        folded = lower_case(pattern) if pattern.flags & re.IGNORECASE else None
        if not lower and folded is not None:
            self._run, self._on = folded, "folded"

    @property
    def filtered(self) -> bool:
        """False when the pattern's first words could not be derived (it always runs)."""
        return not self.bit & _REGISTRY.always

    def search(self, view: View) -> re.Match[str] | None:
        """The first match in the passage, skipping the regex when it cannot match."""
        if not view.mask & self.bit:
            return None
        return self._run.search(getattr(view, self._on))


class View:
    """One passage with what several stages need computed once: lower case, tokens, States."""

    __slots__ = ("_folded", "_lower", "_mask", "_states", "passage", "text")

    def __init__(self, passage: Passage) -> None:
        self.passage = passage
        self.text = passage.text
        self._lower: str | None = None
        self._folded: str | None = None
        self._mask: int | None = None
        self._states: tuple[StateMention, ...] | None = None

    @property
    def lower(self) -> str:
        """`text.lower()`, what the indicator rules match."""
        if self._lower is None:
            self._lower = self.text.lower()
        return self._lower

    @property
    def folded(self) -> str:
        """`fold(text)`: lower case as re.IGNORECASE sees it, same length as the text."""
        if self._folded is None:
            self._folded = self.lower if self.text.isascii() else fold(self.text)
        return self._folded

    @property
    def mask(self) -> int:
        """Bits of the gates whose first words occur in the passage."""
        if self._mask is None:
            self._mask = _REGISTRY.mask(self.folded)
        return self._mask

    @property
    def states(self) -> tuple[StateMention, ...]:
        """States named in the passage (`find_states` of its text)."""
        if self._states is None:
            self._states = tuple(find_states(self.text))
        return self._states


def views(passages: list[Passage] | tuple[Passage, ...]) -> list[View]:
    """A View per passage, in order."""
    return [View(p) for p in passages]
