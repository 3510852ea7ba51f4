"""Small pieces of running text every language needs: lists, capitals."""

from __future__ import annotations

import re
from typing import Final

AND: Final[dict[str, str]] = {"en": "and", "fr": "et", "es": "y"}


def join(items: list[str], language: str) -> str:
    """ "a, b and c" / "a, b et c" / "a, b y c" (Spanish "y" becomes "e" before an i- sound)."""
    if len(items) <= 1:
        return "".join(items)
    conjunction = AND.get(language, AND["en"])
    if (
        language == "es"
        and items[-1].lower().startswith(("i", "hi"))
        and not items[-1].lower().startswith(("hie", "ie"))
    ):
        conjunction = "e"
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def capitalise(text: str) -> str:
    """Upper-case the first letter only ("le Sénégal" -> "Le Sénégal")."""
    return text[:1].upper() + text[1:]


# French: a no-break space before ":" and a narrow one before ";", "!", "?"; no-break
# spaces inside « ». Only where the mark ends a word: "10:30" and "https://" are left alone.
_FRENCH_MARKS: Final = {":": "\u00a0", ";": "\u202f", "!": "\u202f", "?": "\u202f"}
_FRENCH_BEFORE: Final = re.compile(
    r"(?<=[\w\)\]»%’'\"])[ \u00a0\u202f]?([:;!?])(?=\s|$|[»\)])"
)
_GUILLEMET_OPEN: Final = re.compile(r"«[ \u00a0\u202f]?")
_GUILLEMET_CLOSE: Final = re.compile(r"[ \u00a0\u202f]?»")


def typeset(text: str, language: str) -> str:
    """The text with the language's typographic spaces (French: "sur : X" with a
    no-break space, « mot »); English and Spanish text is returned as it is."""
    if language != "fr" or not text:
        return text
    text = _FRENCH_BEFORE.sub(lambda m: _FRENCH_MARKS[m.group(1)] + m.group(1), text)
    text = _GUILLEMET_OPEN.sub("«\u00a0", text)
    return _GUILLEMET_CLOSE.sub("\u00a0»", text)
