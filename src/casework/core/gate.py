"""Cheap prefilter for the analyser's regexes: run a pattern only where its key words occur.

At import, each gated pattern gets a set of key words from its parse tree (gate_keys.py):
whole words ("closed") or 5-character stems ("open", `allocat\\w+` -> "alloc"), one per match
path, such that any match puts one of them among the text's tokens. A passage's `View`
tokenises its text once and sets one bit per gate whose key words occur; a gate whose bit is
off cannot match, so results are exactly those of running every pattern everywhere. A
pattern with no derivable keys (e.g. it starts with a digit or a symbol) always runs.
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Sequence

from casework.core.gate_keys import STEM, first_words, fold
from casework.core.model import Passage
from casework.core.state_names import StateMention, find_states
from casework.core.tokens import words


class _TokenBits(dict[str, int]):
    """Memo: a token's gate bits (its own as a closed key, its stem's as an open key)."""

    def __init__(self, registry: _Registry) -> None:
        super().__init__()
        self.registry = registry

    def __missing__(self, token: str) -> int:
        registry = self.registry
        # Shorter tokens give themselves, which never equal a STEM-long key.
        bits = registry.closed.get(token, 0) | registry.open.get(token[:STEM], 0)
        if len(self) < _MEMO_SIZE:
            self[token] = bits
        return bits


_MEMO_SIZE = 200_000  # distinct tokens remembered; a document has a few thousand


class _Registry:
    """Which gate bits each first word switches on."""

    def __init__(self) -> None:
        self.closed: dict[str, int] = {}
        self.open: dict[str, int] = {}
        self.always = 0
        self.count = 0
        self.token_bits = _TokenBits(self)

    def add(self, pattern: re.Pattern[str], *, last: bool = False) -> int:
        """A new bit for the pattern's first (or, with `last`, last) key words."""
        words = first_words(pattern, last=last)
        if last and (words is None or words == first_words(pattern)):
            return 0  # no second condition worth a bit
        bit = 1 << self.count
        self.count += 1
        self.token_bits.clear()
        if words is None:
            self.always |= bit
            return bit
        for key in words[0]:
            self.closed[key] = self.closed.get(key, 0) | bit
        for key in words[1]:
            self.open[key] = self.open.get(key, 0) | bit
        return bit

    def mask(self, folded: str) -> int:
        """OR of the bits of every token: one memo lookup per token, all in C once warm."""
        return functools.reduce(
            operator.or_, map(self.token_bits.__getitem__, words(folded)), self.always
        )


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

    __slots__ = ("_on", "_run", "bit", "bits", "pattern")

    def __init__(self, pattern: re.Pattern[str], *, lower: bool = False) -> None:
        self.pattern = pattern
        self.bit = _REGISTRY.add(pattern)
        # Also the bit of the key words each match path has last: a match needs both.
        self.bits = self.bit | _REGISTRY.add(pattern, last=True)
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
        mask = view._mask
        if mask is None:
            mask = view.mask
        bits = self.bits
        if mask & bits != bits:
            return None
        return self._run.search(getattr(view, self._on))


class View:
    """One passage with what several stages need computed once: lower case, tokens, States.

    `lower` (`text.lower()`, what the indicator rules match) and `folded` (`fold(text)`:
    lower case as re.IGNORECASE sees it, same length as the text) are plain attributes;
    `mask` and `states` are computed on first use.
    """

    __slots__ = ("_mask", "_states", "folded", "lower", "passage", "text")

    def __init__(self, passage: Passage) -> None:
        self.passage = passage
        self.text = text = passage.text
        self.lower = lower = text.lower()
        self.folded = lower if text.isascii() else fold(text, lower)
        self._mask: int | None = None
        self._states: tuple[StateMention, ...] | None = None

    @property
    def mask(self) -> int:
        """Bits of the gates whose first words occur in the passage."""
        mask = self._mask
        if mask is None:
            mask = self._mask = _REGISTRY.mask(self.folded)
        return mask

    @property
    def states(self) -> tuple[StateMention, ...]:
        """States named in the passage (`find_states` of its text)."""
        states = self._states
        if states is None:
            states = self._states = tuple(find_states(self.text))
        return states


def views(passages: Sequence[Passage]) -> list[View]:
    """A View per passage, in order."""
    return [View(p) for p in passages]
