"""Edits as Word makes them, for tests: plain edits, tracked changes and comments."""

from __future__ import annotations

import copy
import io

from docx import Document
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls

DATE = "2026-01-15T10:00:00Z"


def body(document):
    return [p for p in document.paragraphs if p.style.name == "Body Text"]


def edit(data: bytes, *steps) -> bytes:
    """Open `data`, run each step(document), save."""
    document = Document(io.BytesIO(data))
    for step in steps:
        step(document)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def replace_text(index: int, text: str):
    """Change a paragraph's text outright (track changes off)."""

    def step(document) -> None:
        paragraph = body(document)[index]
        for run in paragraph.runs[1:]:
            run._r.getparent().remove(run._r)
        paragraph.runs[0].text = text

    return step


def insert_tracked_after(index: int, text: str, author: str = "Delegate"):
    """A new paragraph typed after paragraph `index` with track changes on."""

    def step(document) -> None:
        paragraph = body(document)[index]
        new = copy.deepcopy(paragraph._p)
        for child in list(new):
            if child.tag.endswith("}pPr"):
                continue
            new.remove(child)
        new.append(
            parse_xml(
                f'<w:ins {nsdecls("w")} w:id="901" w:author="{author}" w:date="{DATE}">'
                f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:ins>'
            )
        )
        paragraph._p.addnext(new)

    return step


def delete_tracked(index: int, words: str, author: str = "Delegate"):
    """Delete `words` from the end of paragraph `index` with track changes on."""

    def step(document) -> None:
        paragraph = body(document)[index]
        run = paragraph.runs[-1]
        assert run.text.endswith(words)
        run.text = run.text[: -len(words)]
        run._r.addnext(
            parse_xml(
                f'<w:del {nsdecls("w")} w:id="902" w:author="{author}" w:date="{DATE}">'
                f'<w:r><w:delText xml:space="preserve">{words}</w:delText></w:r></w:del>'
            )
        )

    return step


def comment(index: int, text: str, author: str = "Delegate"):
    """A Word comment on paragraph `index` (its text must not enter the draft)."""

    def step(document) -> None:
        paragraph = body(document)[index]
        document.add_comment(paragraph.runs, text=text, author=author, initials="D")

    return step
