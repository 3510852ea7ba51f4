"""The language tag each exported file carries, so that spell checkers, hyphenation and
screen readers treat a French or Spanish document as French or Spanish."""

from __future__ import annotations

from typing import Final

from casework.domain.languages import normalise

# BCP 47 tags; the United Nations writes British English.
TAGS: Final[dict[str, str]] = {"en": "en-GB", "fr": "fr-FR", "es": "es-ES"}


def language_tag(language: str) -> str:
    """ "fr" -> "fr-FR"; a language Casework does not write falls back to English."""
    return TAGS[normalise(language)]
