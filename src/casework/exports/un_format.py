"""What every generated UN document says around its content, in EN/FR/ES.

The DOCX and PDF renderers both take their page furniture from here (title block lines,
the draft marking, the page size), so the two formats carry the same words in the same
places.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from casework.domain.languages import name_of, normalise, pick
from casework.domain.text import typeset
from casework.exports.spec import DocumentSpec, TitleBlock

# A4, and the margins the United Nations' templates use (millimetres).
PAGE_MM: Final = (210.0, 297.0)
MARGINS_MM: Final = {"top": 25.0, "bottom": 25.0, "left": 25.0, "right": 25.0}
AUTHOR: Final = {
    "en": "Committee on the Enhancement of Cooperation and Assistance",
    "fr": "Comité sur le renforcement de la coopération et de l'assistance",
    "es": "Comité sobre la Mejora de la Cooperación y la Asistencia",
}
DISTRIBUTION: Final = {
    "general": {
        "en": "Distr.: General",
        "fr": "Distr. générale",
        "es": "Distr. general",
    },
    "limited": {
        "en": "Distr.: Limited",
        "fr": "Distr. limitée",
        "es": "Distr. limitada",
    },
}
ORIGINAL: Final = {
    "en": "Original: {name}",
    "fr": "Original : {name}",
    "es": "Original: {name}",
}
DRAFT: Final = {"en": "DRAFT", "fr": "PROJET", "es": "BORRADOR"}
DRAFT_NOTE: Final = {
    "en": "Draft – not agreed by the Committee",
    "fr": "Projet – non approuvé par le Comité",
    "es": "Borrador – no aprobado por el Comité",
}
# pyphen dictionaries for the PDF's hyphenation.
HYPHENATION: Final = {"en": "en_GB", "fr": "fr_FR", "es": "es_ES"}


@dataclass(frozen=True, slots=True)
class Head:
    """The title block as lines: `right` (symbol first) and `left` (meeting first)."""

    right: tuple[str, ...]
    left: tuple[str, ...]
    left_bold: tuple[bool, ...]


def language_of(spec: DocumentSpec) -> str:
    return normalise(spec.language)


def language_of_code(code: str) -> str:
    return normalise(code)


def text(spec: DocumentSpec, value: str) -> str:
    """A string of the document, with its language's typography."""
    return typeset(value, language_of(spec))


def head(spec: DocumentSpec) -> Head:
    language = language_of(spec)
    block = spec.head or TitleBlock()
    right: list[str] = []
    if spec.symbol:
        right.append(spec.symbol)
    if spec.head is not None or spec.symbol:
        right.append(
            pick(
                DISTRIBUTION.get(block.distribution, DISTRIBUTION["general"]), language
            )
        )
    if spec.date_line:
        right.append(spec.date_line)
    if spec.head is not None:
        original = normalise(block.original_language or language)
        right.append(
            pick(ORIGINAL, language).format(
                name=name_of(original, in_language=language)
            )
        )
    pairs = [
        (block.meeting, True),
        (block.place_and_dates, False),
        (block.agenda_item, False),
        (block.agenda_title, True),
    ]
    kept = [(line, bold) for line, bold in pairs if line]
    return Head(
        right=tuple(text(spec, line) for line in right),
        left=tuple(text(spec, line) for line, _ in kept),
        left_bold=tuple(bold for _, bold in kept),
    )


def author(spec: DocumentSpec) -> str:
    return spec.author or pick(AUTHOR, language_of(spec))


def draft_marking(spec: DocumentSpec) -> str:
    return pick(DRAFT_NOTE, language_of(spec)) if spec.draft else ""


def consecutive_numbers(numbers: list[str]) -> int | None:
    """The first number when the numbered paragraphs run 1., 2., 3. … without a gap (Word
    can then number them itself), else None (the numbers stay typed text)."""
    values: list[int] = []
    for number in numbers:
        digits = number.strip().removesuffix(".")
        if not digits.isdigit():
            return None
        values.append(int(digits))
    if not values or values != list(range(values[0], values[0] + len(values))):
        return None
    return values[0]
