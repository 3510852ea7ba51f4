"""HTML through lxml: block elements become lines, table rows become `a | b | c`."""

from __future__ import annotations

from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from casework.core.errors import CorruptDocumentError, EmptyDocumentError
from casework.core.model import Page, PipelineConfig, SourceFile

_SKIP = {"script", "style", "noscript", "template", "head"}
_BLOCK = {
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "dt",
    "dd",
    "caption",
    "title",
    "br",
    "hr",
}


def _walk(node: etree._Element, out: list[str]) -> None:
    tag = node.tag if isinstance(node.tag, str) else ""
    if tag in _SKIP:
        if node.tail:
            out.append(node.tail)
        return
    if tag == "tr":
        cells = [
            " ".join(c.text_content().split()) for c in node if isinstance(c.tag, str)
        ]
        out.append("\n" + " | ".join(cells) + "\n")
    else:
        if tag in _BLOCK:
            out.append("\n")
        if node.text:
            out.append(node.text)
        for child in node:
            _walk(child, out)
        if tag in _BLOCK:
            out.append("\n")
    if node.tail:
        out.append(node.tail)


def read_html(
    path: Path, data: bytes, sha256: str, config: PipelineConfig
) -> SourceFile:
    """Read the visible text of an HTML page as one page."""
    try:
        root = lxml_html.document_fromstring(data)
    except (etree.ParserError, ValueError) as exc:
        raise CorruptDocumentError(path, f"is not readable HTML ({exc})") from exc
    body = root.find("body")
    out: list[str] = []
    _walk(body if body is not None else root, out)
    lines = [" ".join(line.split()) for line in "".join(out).split("\n")]
    text = "\n".join(line for line in lines if line)
    if not text.strip():
        raise EmptyDocumentError(
            path, "has no visible text", "check that it is the right file"
        )
    return SourceFile(path=path, sha256=sha256, format="html", pages=(Page(1, text),))
