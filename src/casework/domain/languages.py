"""The languages Casework writes in: interface, generated documents and the analyser."""

from __future__ import annotations

from typing import Final, TypeVar

LANGUAGES: Final[tuple[str, ...]] = ("en", "fr", "es")
DEFAULT: Final = "en"

# Each language's name, written in each language (documents print "Original: English").
NAMES: Final[dict[str, dict[str, str]]] = {
    "en": {"en": "English", "fr": "French", "es": "Spanish"},
    "fr": {"en": "anglais", "fr": "français", "es": "espagnol"},
    "es": {"en": "inglés", "fr": "francés", "es": "español"},
}
# A language's own name, for a language switcher.
NATIVE: Final[dict[str, str]] = {"en": "English", "fr": "Français", "es": "Español"}

T = TypeVar("T")


class UnknownLanguageError(ValueError):
    """A language code Casework does not write in."""

    def __init__(self, code: str) -> None:
        super().__init__(
            f"{code!r} is not a language Casework writes in; use one of "
            + ", ".join(LANGUAGES)
        )
        self.code = code


def is_language(code: object) -> bool:
    return isinstance(code, str) and code in LANGUAGES


def checked(code: str) -> str:
    """The code itself, or UnknownLanguageError: for inputs that must be exact."""
    if code not in LANGUAGES:
        raise UnknownLanguageError(code)
    return code


def normalise(code: str | None) -> str:
    """The language of a locale name such as 'fr-ch' or 'es_ES'; DEFAULT when unknown."""
    if not code:
        return DEFAULT
    base = code.replace("_", "-").split("-", 1)[0].lower()
    return base if base in LANGUAGES else DEFAULT


def pick(texts: dict[str, T], language: str) -> T:
    """The text in `language`, else in English: for texts kept as {language: text}."""
    if language in texts:
        return texts[language]
    return texts[DEFAULT]


def name_of(language: str, *, in_language: str) -> str:
    """'French' / 'français' / 'francés'."""
    return pick(NAMES, in_language)[language]
