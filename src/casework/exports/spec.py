"""A neutral description of a document, rendered to DOCX and PDF by sibling modules.

Apps build a `DocumentSpec` (title, blocks) and never touch python-docx or reportlab
themselves, so every export looks the same and is tested once.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int = 1  # 1 = section ("I. Activities"), 2 = subsection


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    # "1." for numbered paragraphs in UN style; None for plain text.
    number: str | None = None
    # Footnote texts (e.g. links); rendered as numbered notes at the end.
    footnotes: tuple[str, ...] = ()
    emphasis: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str = ""


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


Block = Heading | Paragraph | Table | PageBreak


@dataclass(frozen=True, slots=True)
class TitleBlock:
    """The head of a UN document, above its title (every field may stay empty).

    Right: symbol, distribution, date, "Original: English". Left: the meeting, its place
    and dates, the agenda item and its title.
    """

    meeting: str = ""  # "Twenty-second Meeting of the States Parties"
    place_and_dates: str = ""  # "Geneva, 1–5 December 2025"
    agenda_item: str = ""  # "Item 10 of the provisional agenda"
    agenda_title: str = ""
    distribution: str = "general"  # "general" or "limited"
    original_language: str = ""  # a language code; "" = the document's own language


@dataclass(frozen=True, slots=True)
class DocumentSpec:
    title: str
    language: str = "en"
    blocks: tuple[Block, ...] = ()
    # UN document block: symbol (e.g. "APLC/MSP.22/2025/5") and date line, top right.
    # The symbol is also the running header of every page after the first.
    symbol: str = ""
    date_line: str = ""
    subtitle: str = ""
    meta: dict[str, str] = field(default_factory=dict)
    head: TitleBlock | None = None
    # A draft carries a "Draft" marking on every page until the document is agreed.
    draft: bool = False
    # The document's author in its properties: the Committee, or the user who made it.
    author: str = ""

    def footnotes(self) -> list[str]:
        """All footnotes in order of appearance (their numbers are their positions + 1)."""
        return [
            note
            for block in self.blocks
            if isinstance(block, Paragraph)
            for note in block.footnotes
        ]
