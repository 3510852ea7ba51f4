r"""Words as the regex engine sees them (`\w+` runs), found without running the engine.

`words(text)` is `re.findall(r"\w+", text)` and `word_count(text)` its length, several
times faster: the analyser tokenises every passage, and the engine spends about a hundred
machine instructions per character where bytes.translate and str.split spend a few.
"""

from __future__ import annotations

import re

_WORD_RUN = re.compile(r"\w+")
_IS_WORD = [bool(re.match(r"\w", chr(c))) for c in range(256)]
# Latin-1 text is one byte per character: blank every non-word character, exactly.
_BLANK_LATIN1 = bytes(c if _IS_WORD[c] else 0x20 for c in range(256))
# The same, with each word character as "a": counting " a" counts the words.
_SHAPE_LATIN1 = bytes(0x61 if _IS_WORD[c] else 0x20 for c in range(256))
# UTF-8 text: only ASCII bytes can be judged alone; bytes >= 0x80 are kept.
_BLANK_UTF8 = bytes(c if c >= 0x80 or _IS_WORD[c] else 0x20 for c in range(256))
# Non-ASCII punctuation common in reports, blanked by str.replace before the UTF-8 path.
_COMMON_NOT_WORD = "’‘“”«»–—…€°•\u00a0"


def _wide_words(text: str) -> list[str]:
    """Words of a text with characters beyond Latin-1 (’, —, œ, €...)."""
    for mark in _COMMON_NOT_WORD:
        if mark in text:
            text = text.replace(mark, " ")
    tokens = text.encode().translate(_BLANK_UTF8).decode().split()
    # str.split also splits on non-ASCII white space; a token is a \w+ run when it is
    # alphanumeric but for "_" (str.isalnum is the engine's \w). Otherwise a rarer
    # non-word character is inside and the regex runs.
    if not tokens or "".join(tokens).replace("_", "").isalnum():
        return tokens
    return _WORD_RUN.findall(text)


def words(text: str) -> list[str]:
    r"""`re.findall(r"\w+", text)`."""
    try:
        raw = text.encode("latin-1")
    except UnicodeEncodeError:
        return _wide_words(text)
    return raw.translate(_BLANK_LATIN1).decode("latin-1").split()


def word_count(text: str) -> int:
    r"""`len(re.findall(r"\w+", text))`."""
    try:
        shape = text.encode("latin-1").translate(_SHAPE_LATIN1)
    except UnicodeEncodeError:
        return len(_wide_words(text))
    return shape.count(b" a") + shape.startswith(b"a")
