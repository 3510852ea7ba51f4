"""Derive, from a regex, the words any of its matches must contain (see gate.py).

The pattern's parse tree is walked path by path. Along a path, a word is a run of literal
word characters starting at a token start; the path keeps its most selective word. A match
on that path puts that whole token (or a token starting with that 5-character stem) in the
text, so "no key word among the passage's tokens" proves the pattern cannot match there.
"""

from __future__ import annotations

import re
from re import _casefix, _constants, _parser  # type: ignore[attr-defined]
from typing import Any

STEM = 5  # length of an open key
_CAP = 40  # a literal run this long is cut to an open key
_MAX_KEYS = 5000
_WORD = re.compile(r"\w")

# re.IGNORECASE equates a few characters that str.lower() keeps apart (i/ı, s/ſ, σ/ς ...):
# fold each such class to one member so tokens and keys compare as the regex engine does.
_FOLD: dict[int, str] = {}
for _code, _others in _casefix._EXTRA_CASES.items():
    _members = sorted({chr(_code), *map(chr, _others)})
    for _member in _members[1:]:
        _FOLD[ord(_member)] = _members[0]


_FOLD_LIST = tuple(map(chr, _FOLD))


def fold(text: str, lowered: str | None = None) -> str:
    """Lower-case text with the regex engine's extra case equivalences folded.

    `lowered` may pass `text.lower()` when the caller has it already.
    """
    if text.isascii():
        return lowered if lowered is not None else text.lower()
    if "\u0130" in text or lowered is None:
        lowered = text.replace("\u0130", "i").lower()  # "İ".lower() is two characters
    # Same length as `text`: the only character whose lower case is longer is "İ".
    # A few `in` tests (each a fast scan, or no scan at all when the text's characters are
    # all narrower than the one looked for) beat a character-class search.
    for char in _FOLD_LIST:
        if char in lowered:
            return lowered.translate(_FOLD)
    return lowered


class _Fail(Exception):
    pass


def _is_word(ch: str) -> bool:
    return bool(_WORD.fullmatch(ch))


def _chars(items: list[tuple[Any, Any]]) -> list[str] | None:
    """The characters a class can match, or None when it is too broad to list."""
    out: list[str] = []
    for op, av in items:
        if op is _constants.LITERAL:
            out.append(chr(av))
        elif op is _constants.RANGE and av[1] - av[0] < 64:
            out.extend(chr(c) for c in range(av[0], av[1] + 1))
        elif op is _constants.CATEGORY and av in (
            _constants.CATEGORY_SPACE,
            _constants.CATEGORY_UNI_SPACE,
        ):
            out.append(" ")
        else:
            return None
    return out


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Words too common to be worth a key when the path offers a longer one.
_COMMON = _words(
    "a an the of in on to for by from with and or our we is are was were has have its their "
    "de des du la le les l d un une et en au aux nous son sa ses leur "
    "el los las del al y un una su sus por para con que se"
)


# Words frequent in mine action reports: a path's other words make better keys.
_FREQUENT = _words(
    "national nationale nacional international internacional government gouvernement "
    "gobierno mine mines minas action plan support appui apoyo assistance asistencia "
    "funding financement cooperation coopération cooperación coordination donors "
    "partners operators operations activities work clearance survey opérations "
    "activités travaux operaciones actividades trabajos areas land demining déminage "
    "desminado"
)


def _unknown(body: list[Any]) -> bool:
    """The repeated item is one character we cannot list (e.g. [^.] or \\w)."""
    if len(body) != 1:
        return False
    op, av = body[0]
    if op in (_constants.ANY, _constants.NOT_LITERAL):  # [^.] parses as NOT_LITERAL
        return True
    return op is _constants.IN and (_chars(av) is None or len(_chars(av) or ()) > 40)


def _good(word: str) -> bool:
    """A word selective enough to stop looking for a better key on this path."""
    return len(word) >= 4 and word not in _COMMON and word not in _FREQUENT


def _separator(body: list[Any]) -> bool:
    """The repeated item is one character that is never a word character (e.g. \\s)."""
    if len(body) != 1:
        return False
    op, av = body[0]
    if op is _constants.LITERAL:
        return not _is_word(chr(av))
    chars = _chars(av) if op is _constants.IN else None
    return chars is not None and not any(_is_word(c) for c in chars)


class _Walker:
    """Enumerate a pattern's match paths; keep one word per path that any match must hold.

    Along a path, a word is a run of literal word characters that starts at a token start
    (after a boundary or a non-word character). A word followed by a non-word character or
    a boundary is "closed" (a whole token); a word of at least STEM characters followed by
    anything is "open" (a token starting with that stem). The path's key is its longest
    uncommon word, since a match on that path puts that token in the text.
    """

    def __init__(self, *, last: bool = False) -> None:
        self.closed: set[str] = set()
        self.open: set[str] = set()
        self.paths = 0
        self.last = last  # key on the path's last selective word, not its first

    def _finish(self, words: tuple[tuple[str, bool], ...], acc: str | None) -> None:
        if acc is not None and len(acc) >= STEM:
            words = (*words, (acc[:STEM], False))
        if not words:
            raise _Fail
        self.paths += 1
        if self.paths > _MAX_KEYS:
            raise _Fail
        ranked = (
            ((w[0] not in _COMMON, w[0] not in _FREQUENT, _good(w[0]), i), w)
            for i, w in enumerate(words)
        )
        word, closed = (
            max(ranked)[1]
            if self.last
            else max(
                words,
                key=lambda w: (w[0] not in _COMMON, w[0] not in _FREQUENT, len(w[0])),
            )
        )
        (self.closed if closed else self.open).add(word)

    def _gap(self, rest: list[Any], acc: str | None, words: tuple[Any, ...]) -> None:
        """Some characters that may be word characters: the current word is cut short."""
        if acc is not None and len(acc) >= STEM:
            words = (*words, (acc[:STEM], False))
        self.walk(rest, None, words, False)

    def _char(
        self,
        ch: str,
        rest: list[Any],
        acc: str | None,
        words: tuple[Any, ...],
        start: bool,
    ) -> None:
        ch = fold(ch)
        if len(ch) != 1:
            raise _Fail
        if _is_word(ch):
            if acc is None:
                self.walk(rest, None, words, False)  # still inside an unknown word
            elif not acc and not start:
                if not words:
                    raise _Fail  # a match could start inside a word
                self.walk(rest, None, words, False)
            else:
                self.walk(rest, acc + ch, words, False)
        elif acc:
            if _good(acc) and not self.last:
                self._finish(((acc, True),), "")  # any word of the path will do
            else:
                self.walk(rest, "", (*words, (acc, True)), True)
        else:
            self.walk(rest, "", words, True)

    def walk(
        self,
        items: list[Any],
        acc: str | None,
        words: tuple[Any, ...],
        start: bool,
    ) -> None:
        """Follow `items`; `start` says the next character would begin a token.

        `acc` is the word being read, or None inside a word whose start is unknown.
        """
        if (acc is not None and len(acc) >= _CAP) or not items:
            self._finish(words, acc)  # the word may go on: keep it only as a stem
            return
        (op, av), rest = items[0], items[1:]
        if op is _constants.LITERAL:
            self._char(chr(av), rest, acc, words, start)
        elif op is _constants.IN:
            chars = _chars(av)
            if chars is None or len(chars) > 40:
                self._gap(rest, acc, words)
                return
            for ch in chars:
                self._char(ch, rest, acc, words, start)
        elif op is _constants.BRANCH:
            for alternative in av[1]:
                self.walk(list(alternative.data) + rest, acc, words, start)
        elif op is _constants.SUBPATTERN:
            self.walk(list(av[-1].data) + rest, acc, words, start)
        elif op in (_constants.MAX_REPEAT, _constants.MIN_REPEAT):
            low, high, sub = av
            body = list(sub.data)
            if _separator(body):
                # More separators do not change the words: the fewest (and one, when the
                # fewest is none and would join two words) stand for every count.
                for count in sorted({low, min(max(low, 1), high)}):
                    self.walk(body * count + rest, acc, words, start)
                return
            if _unknown(body):
                # Any number of unknown characters: none, or a gap in the words.
                if low == 0:
                    self.walk(rest, acc, words, start)
                self._gap(rest, acc, words)
                return
            top = min(high, low + _CAP)
            for count in range(low, top + 1):
                self.walk(body * count + rest, acc, words, start)
            if high > top:
                self._gap([], acc, words)
        elif op is _constants.AT and av in (
            _constants.AT_BOUNDARY,
            _constants.AT_END,
            _constants.AT_END_STRING,
        ):
            if acc:
                words = (*words, (acc, True))
                if _good(acc) and not self.last:
                    self._finish(words[-1:], "")
                    return
            if av is not _constants.AT_BOUNDARY:
                self._finish(words, "")
                return
            self.walk(rest, "", words, True)
        elif op is _constants.AT or op in (_constants.ASSERT, _constants.ASSERT_NOT):
            self.walk(rest, acc, words, start)  # zero width: ignoring it widens keys
        else:
            self._gap(rest, acc, words)


def first_words(
    pattern: re.Pattern[str], *, last: bool = False
) -> tuple[frozenset[str], frozenset[str]] | None:
    """(closed words, open stems) a match must start with, or None when not derivable.

    With `last`, each match path gives its last selective word instead of its first: a
    second, independent necessary condition (a match needs a key of each set).
    """
    walker = _Walker(last=last)
    try:
        walker.walk(
            list(_parser.parse(pattern.pattern, pattern.flags).data), "", (), False
        )
    except (_Fail, RecursionError):
        return None
    return frozenset(walker.closed), frozenset(walker.open)
