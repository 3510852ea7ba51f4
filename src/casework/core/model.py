"""Plain values passed between the analyser's stages (no Django).

Frozen dataclasses, except the values made thousands of times per document (passages,
amounts, areas): those are named tuples, which cost a fifth as much to build.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from casework.domain.languages import LANGUAGES


class PassageKind(StrEnum):
    """What a passage is, as far as the segmenter can tell."""

    SENTENCE = "sentence"
    HEADING = "heading"
    TOC = "toc"
    TABLE_ROW = "table_row"
    REFERENCE = "reference"


class MoneyRole(StrEnum):
    """Role of an amount seen from the State concerned."""

    RECEIVED = "received"
    PROVIDED = "provided"
    NATIONAL = "national"
    NEEDED = "needed"
    OTHER = "other"


@dataclass(frozen=True, slots=True)
class PipelineConfig:
    """Settings the caller passes in once; the core reads nothing else."""

    languages: tuple[str, ...] = LANGUAGES
    ocr: bool = False  # the PDF's own text layer beats OCR when it exists
    max_pages: int = 500
    max_bytes: int = 200 * 1024 * 1024
    max_unpacked_bytes: int = 300 * 1024 * 1024
    max_chars: int = 40_000_000
    time_budget_s: float = 120.0
    max_memory_mb: int = 2048  # more than the caller's own, for an isolated analysis
    model: bool = True  # the learned reader beside the rules (off: rules only)


@dataclass(frozen=True, slots=True)
class Page:
    """Extracted text of one page; `number` starts at 1."""

    number: int
    text: str
    has_text_layer: bool = True


@dataclass(frozen=True, slots=True)
class SourceFile:
    """A document as read: its pages plus any hints found in it."""

    path: Path
    sha256: str
    format: str
    pages: tuple[Page, ...]
    state_hint: str | None = None
    language_hint: str | None = None
    # Text files written in paragraphs-per-line; PDFs wrap lines inside paragraphs.
    lines_are_paragraphs: bool = True
    warnings: tuple[str, ...] = ()
    has_header: bool = (
        False  # a corpus header was present (a blank `state:` means global)
    )


class Passage(NamedTuple):
    """A verbatim span of one page: text == page.text[start:end]."""

    page: int
    start: int
    end: int
    text: str
    kind: PassageKind


@dataclass(frozen=True, slots=True)
class Evidence:
    """A passage that supports a finding, with what picked it.

    `rule` is a rule id, or the learned model's name and version; `score` is the model's
    probability for the passage (None for a rule).
    """

    page: int
    text: str
    rule: str
    score: float | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    """One indicator's verdict for a document."""

    code: str
    present: bool
    score: float
    evidence: tuple[Evidence, ...] = ()


class Money(NamedTuple):
    """An amount with its ISO 4217 currency and its role for the State."""

    amount: float
    currency: str
    role: MoneyRole
    page: int
    text: str


class Area(NamedTuple):
    """An area mention normalised to square metres."""

    value_m2: float
    page: int
    text: str


@dataclass(frozen=True, slots=True)
class Figures:
    """All figures found in a document."""

    money: tuple[Money, ...] = ()
    areas: tuple[Area, ...] = ()
    mine_counts: tuple[tuple[int, int, str], ...] = ()  # (count, page, text)
    years: tuple[int, ...] = ()
    states: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Issue:
    """Something the user should know about a document."""

    severity: str  # "error" | "warning"
    message: str


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything the analyser says about one document."""

    path: Path
    sha256: str | None
    language: str | None
    pages: int
    state: str | None
    findings: tuple[Finding, ...] = ()
    # Without --state: (ISO3, findings) for each State the passages about it say something of.
    by_state: tuple[tuple[str, tuple[Finding, ...]], ...] = ()
    figures: Figures = field(default_factory=Figures)
    issues: tuple[Issue, ...] = ()
    text: str = ""  # extracted text, pages joined with form feeds

    @property
    def failed(self) -> bool:
        """True when an error stopped the analysis."""
        return any(i.severity == "error" for i in self.issues)
