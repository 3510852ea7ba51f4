"""Small pieces of running text every language needs: lists, capitals."""

from __future__ import annotations

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
