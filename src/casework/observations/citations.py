"""The sources cited inside a paragraph: " [source; source]" in the text of a draft.

On screen they stay in the sentence; a Word or PDF document moves them into footnotes
(`split`), and a paragraph edited in Word gets its sources back (`restore`).
"""

from __future__ import annotations

import re

from casework.observations.wording import SOURCES_CLOSE, SOURCES_JOIN, SOURCES_OPEN

CITATION = re.compile(
    re.escape(SOURCES_OPEN) + r"([^\[\]]+)" + re.escape(SOURCES_CLOSE)
)


def split(paragraph: str) -> tuple[str, list[str]]:
    """The paragraph without its citations, and the sources it cited, in order."""
    sources: list[str] = []
    for match in CITATION.finditer(paragraph):
        for source in match.group(1).split(SOURCES_JOIN):
            if source.strip() and source.strip() not in sources:
                sources.append(source.strip())
    return CITATION.sub("", paragraph), sources


def plain(paragraphs: list[str]) -> list[str]:
    return [split(p)[0] for p in paragraphs]


def restore(result: list[str], originals: list[str]) -> list[str]:
    """Paragraphs edited without their citations (`result`), with them put back: an
    unchanged paragraph is the original again; a changed one that took the place of an
    original keeps that original's sources at its end."""
    full = {split(p)[0]: p for p in reversed(originals)}
    kept = [p for p in result if p in full]
    restored = []
    leftover = [p for p in originals if split(p)[0] not in kept]
    for paragraph in result:
        if paragraph in full:
            restored.append(full[paragraph])
            continue
        sources = split(leftover.pop(0))[1] if leftover else []
        if sources:
            body = paragraph.rstrip()
            restored.append(
                body + SOURCES_OPEN + SOURCES_JOIN.join(sources) + SOURCES_CLOSE
            )
        else:
            restored.append(paragraph)
    return restored
