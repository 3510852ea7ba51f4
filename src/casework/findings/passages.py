"""Evidence shown in context: the passage highlighted within its page."""

from __future__ import annotations

import re
from dataclasses import dataclass

CONTEXT_CHARS = 240


@dataclass(frozen=True)
class PassageInContext:
    page: int
    before: str
    text: str
    after: str
    found: bool
    score: float | None = None  # the learned reader's probability; None for a rule


def _flexible(text: str) -> re.Pattern[str]:
    # PDF text wraps lines: match the passage whatever the whitespace between words.
    words = [re.escape(w) for w in text.split()]
    return re.compile(r"\s+".join(words))


def in_context(
    pages: list[str], page: int, text: str, *, score: float | None = None
) -> PassageInContext:
    """The passage with up to CONTEXT_CHARS of its page on each side."""
    if 1 <= page <= len(pages) and text.strip():
        body = pages[page - 1]
        match = _flexible(text).search(body)
        if match:
            start, end = match.span()
            return PassageInContext(
                page,
                ("…" if start > CONTEXT_CHARS else "")
                + body[max(0, start - CONTEXT_CHARS) : start],
                body[start:end],
                body[end : end + CONTEXT_CHARS]
                + ("…" if end + CONTEXT_CHARS < len(body) else ""),
                True,
                score,
            )
    return PassageInContext(page, "", text, "", False, score)
