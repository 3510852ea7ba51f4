"""Pages to passages: sentences, headings, contents lines, table rows, cross-references.

Every passage is a verbatim slice of its page (`page.text[start:end]`), so evidence quoted
from a passage is always a substring of the extracted text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from casework.core.model import Page, Passage, PassageKind, SourceFile
from casework.core.tokens import word_count

# A line without its surrounding white space (\s is str.isspace); blank lines give nothing.
_LINE = re.compile(r"\S(?:[^\n]*\S)?")
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
_SENTENCE_END = re.compile(r"[.!?…][\"»”’')\]]*\s+(?=[\"«“‘(\[¿¡]?[A-ZÀ-ÖØ-Þ0-9])")
# Words that end with a full stop without ending a sentence ("No. 5", "e.g. Chad").
ABBREVIATIONS = (
    "no",
    "nos",
    "mr",
    "mrs",
    "ms",
    "dr",
    "st",
    "sr",
    "sra",
    "srs",
    "mme",
    "mm",
    "art",
    "arts",
    "p",
    "pp",
    "para",
    "paras",
    "fig",
    "vol",
    "approx",
    "cf",
    "e.g",
    "i.e",
    "etc",
    "núm",
    "nº",
    "n°",
    "inc",
    "ltd",
    "co",
    "corp",
    "sec",
    "ch",
    "ref",
    "ibid",
    "vs",
    "av",
    "s.a",
)
# "The sentence's last characters end with an abbreviation (or one letter) and a full stop",
# written backwards to be tried once, at the start of the reversed characters, instead of
# at every place of the forward text.
_ABBREVIATION_REVERSED = re.compile(
    r"\.(?:"
    + "|".join(re.escape(word[::-1]) for word in ABBREVIATIONS)
    + r")\b|\.[A-Z]\b",
    re.I,
)


# Last characters a contents line can end with (what `[ivxlcdm\d]` matches under re.I, plus
# digits): any other line skips the two contents-line regexes.
_TOC_LAST = frozenset("ivxlcdmIVXLCDM\u0130\u0131")
_LEADERS = frozenset(".…_-")


def _may_be_toc(line: str) -> bool:
    """Cheap necessary condition of _TOC or _TOC_TAIL: a page number after leaders or a gap."""
    end = len(line)
    while end and (line[end - 1] in _TOC_LAST or line[end - 1].isdecimal()):
        end -= 1
    if end == len(line):
        return False
    gap = end
    while gap and line[gap - 1].isspace():
        gap -= 1
    return (gap > 0 and line[gap - 1] in _LEADERS) or end - gap >= 3 or "\t" in line


_ENDS_SENTENCE = frozenset('.!?;:…»"”)')
_ANY_WORD = re.compile(r"\w")
# What _REFERENCE's words can start with under re.I (all chars before it are non-word).
_REFERENCE_FIRST = frozenset("sSrRvVcC\u017f")
# _BULLET needs a bullet or "(" first, or a ")" somewhere.
_BULLET_FIRST = frozenset("•·▪◦●*-–—(")


def _at_most(line: str, n: int) -> bool:
    r"""len(re.findall(r"\w+", line)) <= n."""
    return word_count(line) <= n


def classify_line(line: str) -> PassageKind:
    """Say whether one line is a heading, contents line, table row, reference or prose."""
    stripped = line.strip()
    last = stripped[-1:]
    if (
        (last in _TOC_LAST or last.isdecimal())  # what _may_be_toc looks at first
        and _may_be_toc(stripped)
        and (
            _TOC.search(stripped)
            or (_TOC_TAIL.search(stripped) and len(stripped) < 120)
        )
    ):
        return PassageKind.TOC
    if " | " in stripped or stripped.count("\t") >= 2:
        return PassageKind.TABLE_ROW
    if stripped[:1].isalnum():  # a word character: the first word starts here
        first = stripped[0]
    else:
        first_word = _ANY_WORD.search(stripped)
        if first_word is None:
            return PassageKind.HEADING  # no word: not a reference either
        first = stripped[first_word.start()]
    if (
        first in _REFERENCE_FIRST
        and _REFERENCE.match(stripped)
        and _at_most(stripped, 16)
    ):
        return PassageKind.REFERENCE
    if (stripped[0] in _BULLET_FIRST or ")" in stripped) and _BULLET.match(stripped):
        return PassageKind.SENTENCE
    if (
        # str.upper never shortens a character: a changed start means a changed line.
        stripped[:24].upper() == stripped[:24]
        and stripped.upper() == stripped
        and stripped.lower() != stripped
        and _at_most(stripped, 20)
    ):
        return PassageKind.HEADING
    if last not in _ENDS_SENTENCE and len(stripped) < 110 and _at_most(stripped, 12):
        return PassageKind.HEADING
    if last != "." and _NUMBERED.match(stripped) and _at_most(stripped, 8):
        return PassageKind.HEADING
    return PassageKind.SENTENCE


def _sentences(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    cursor = start
    for match in _SENTENCE_END.finditer(text, start, end):
        # The sentence's last 12 characters, without copying the whole sentence.
        if _ABBREVIATION_REVERSED.match(
            text[max(cursor, match.start() - 11) : match.start() + 1][::-1]
        ):
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
        s, e = match.span()
        kind = classify_line(match.group())
        if kind is PassageKind.SENTENCE:
            if lines_are_paragraphs or block_start < 0:
                flush()
                block_start = s
            block_end = e
            continue
        flush()
        block_start = block_end = -1
        passages.append(Passage(page.number, s, e, match.group(), kind))
    flush()
    return passages


def segment(source: SourceFile) -> list[Passage]:
    """All passages of a document, in reading order."""
    out: list[Passage] = []
    for page in source.pages:
        out.extend(segment_page(page, lines_are_paragraphs=source.lines_are_paragraphs))
    return out
