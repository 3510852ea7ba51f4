"""Pages to passages: sentences, headings, contents lines, table rows, cross-references.

Every passage is a verbatim slice of its page (`page.text[start:end]`), so evidence quoted
from a passage is always a substring of the extracted text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from casework.core.model import Page, Passage, PassageKind, SourceFile

_LINE = re.compile(r"[^\n]+")
_TOC = re.compile(
    r"(?:\.{4,}|…{2,}|(?:\s?\.){4,}|_{4,}|-{4,})\s*[ivxlcdm\d]+\s*$|\t\s*\d{1,4}\s*$",
    re.I,
)
_TOC_TAIL = re.compile(r"\S\s{3,}\d{1,4}\s*$")
_REFERENCE = re.compile(
    r"^\W*(?:see|refer to|voir|cf\.?|se reporter|véase|vea(?:se)?|ver|consúltese)\b",
    re.I,
)
_BULLET = re.compile(r"^\s*(?:[•·▪◦●*\-–—]|\(?[a-z]\)|\(?[ivx]+\))\s+\S", re.I)
_NUMBERED = re.compile(r"^\s*(?:(?:\d+|[A-Z])(?:\.\d+)*[.)]?|[IVX]+\.)\s+")
_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"[.!?…][\"»”’')\]]*\s+(?=[\"«“‘(\[¿¡]?[A-ZÀ-ÖØ-Þ0-9])")
_ABBREVIATION = re.compile(
    r"(?:\b(?:no|nos|mr|mrs|ms|dr|st|sr|sra|srs|mme|mm|art|arts|p|pp|para|paras|fig|vol|"
    r"approx|cf|e\.g|i\.e|etc|núm|n[º°]|inc|ltd|co|corp|sec|ch|ref|ibid|vs|av|s\.a)|\b[A-Z])\.$",
    re.I,
)


def classify_line(line: str) -> PassageKind:
    """Say whether one line is a heading, contents line, table row, reference or prose."""
    stripped = line.strip()
    if _TOC.search(stripped) or (_TOC_TAIL.search(stripped) and len(stripped) < 120):
        return PassageKind.TOC
    if stripped.count(" | ") >= 1 or stripped.count("\t") >= 2:
        return PassageKind.TABLE_ROW
    words = len(_WORD.findall(stripped))
    if _REFERENCE.match(stripped) and words <= 16:
        return PassageKind.REFERENCE
    if words == 0:
        return PassageKind.HEADING
    if _BULLET.match(stripped):
        return PassageKind.SENTENCE
    ends_sentence = stripped[-1] in '.!?;:…»"”)'
    if words <= 20 and stripped.upper() == stripped and stripped.lower() != stripped:
        return PassageKind.HEADING
    if not ends_sentence and words <= 12 and len(stripped) < 110:
        return PassageKind.HEADING
    if _NUMBERED.match(stripped) and words <= 8 and stripped[-1] != ".":
        return PassageKind.HEADING
    return PassageKind.SENTENCE


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        head = text[cursor : match.start() + 1]
        if _ABBREVIATION.search(head[-12:]):
            continue
        yield cursor, match.start() + len(match.group(0).rstrip())
        cursor = match.end()
    if cursor < end:
        yield cursor, end


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def segment_page(page: Page, *, lines_are_paragraphs: bool = True) -> list[Passage]:
    """Split one page into passages; prose lines of a wrapped paragraph are joined first."""
    text = page.text
    passages: list[Passage] = []
    block_start = block_end = -1

    def flush() -> None:
        if block_start < 0:
            return
        for s, e in _sentences(text, block_start, block_end):
            s, e = _trim(text, s, e)
            if e > s:
                passages.append(
                    Passage(page.number, s, e, text[s:e], PassageKind.SENTENCE)
                )

    for match in _LINE.finditer(text):
        s, e = _trim(text, match.start(), match.end())
        if e <= s:
            continue
        kind = classify_line(text[s:e])
        if kind is PassageKind.SENTENCE:
            if lines_are_paragraphs or block_start < 0:
                flush()
                block_start = s
            block_end = e
            continue
        flush()
        block_start = block_end = -1
        passages.append(Passage(page.number, s, e, text[s:e], kind))
    flush()
    return passages


def segment(source: SourceFile) -> list[Passage]:
    """All passages of a document, in reading order."""
    out: list[Passage] = []
    for page in source.pages:
        out.extend(segment_page(page, lines_are_paragraphs=source.lines_are_paragraphs))
    return out
