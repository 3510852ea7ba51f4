"""DOCX through lxml: paragraphs, tables, text boxes, headers/footers, notes, tracked changes.

Transitional and Strict OOXML are both read (Strict's namespace is renamed on parsing).
Footnotes go at the end of the page that cites them, endnotes at the end of the document,
each on its own line, so that they can be quoted as evidence.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from casework.core.errors import CorruptDocumentError, EmptyDocumentError, TooLargeError
from casework.core.model import Page, PipelineConfig, SourceFile
from casework.core.read.docx_symbols import symbol_text

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
W = f"{{{W_NS}}}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True
)
PAGE_BREAK = "\f"
# Where a note is cited: replaced by nothing once notes are placed ("f3": footnote id 3).
_NOTE_MARK = re.compile("\ue000([fe][^\ue001]*)\ue001")
_NOT_NOTES = ("separator", "continuationSeparator", "continuationNotice")
# Never text: properties, deleted or moved-away runs, field codes, and mc:Fallback, which
# repeats mc:Choice for older readers (reading both doubled every text box).
_SKIP = frozenset(
    f"{W}{name}"
    for name in (
        "pPr",
        "rPr",
        "sectPr",
        "tblPr",
        "del",
        "moveFrom",
        "delText",
        "instrText",
    )
) | {f"{MC}Fallback"}
_WRAPPERS = frozenset(
    f"{W}{name}" for name in ("customXml", "smartTag", "ins", "moveTo")
)


def _alternative(node: etree._Element) -> etree._Element | None:
    """The branch of mc:AlternateContent to read: the first Choice, else the Fallback."""
    choice = node.find(f"{MC}Choice")
    return choice if choice is not None else node.find(f"{MC}Fallback")


def _inline(node: etree._Element, parts: list[str], boxes: list[str]) -> None:
    """Collect a paragraph's text into `parts` and its text boxes' lines into `boxes`."""
    for child in node:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == f"{W}t":
            parts.append(child.text or "")
        elif tag in (f"{W}tab", f"{W}ptab"):
            parts.append("\t")
        elif tag == f"{W}br":
            parts.append(PAGE_BREAK if child.get(f"{W}type") == "page" else "\n")
        elif tag == f"{W}cr":
            parts.append("\n")
        elif tag == f"{W}lastRenderedPageBreak":
            parts.append(PAGE_BREAK)
        elif tag == f"{W}noBreakHyphen":
            # "-", not U+2011: rules and figures spell compounds with "-" ("anti-personnel").
            parts.append("-")
        elif tag == f"{W}sym":
            parts.append(symbol_text(child.get(f"{W}font"), child.get(f"{W}char")))
        elif tag in (f"{W}footnoteReference", f"{W}endnoteReference"):
            kind = "f" if tag == f"{W}footnoteReference" else "e"
            parts.append(f"\ue000{kind}{child.get(f'{W}id', '')}\ue001")
        elif tag == f"{W}txbxContent":
            boxes.extend(_blocks(child))
        elif tag == f"{MC}AlternateContent":
            branch = _alternative(child)
            if branch is not None:
                _inline(branch, parts, boxes)
        else:  # runs, hyperlinks, fields, drawings: whatever holds runs or text boxes
            _inline(child, parts, boxes)


def _paragraph(paragraph: etree._Element) -> Iterator[str]:
    """The paragraph's own text, then each of its text boxes' lines on their own."""
    parts: list[str] = []
    boxes: list[str] = []
    _inline(paragraph, parts, boxes)
    yield "".join(parts)
    yield from boxes


def _children(node: etree._Element, tag: str) -> Iterator[etree._Element]:
    """Children with `tag`, also those inside content controls and custom XML."""
    for child in node:
        if child.tag == tag:
            yield child
        elif child.tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _children(content, tag)
        elif child.tag in _WRAPPERS:
            yield from _children(child, tag)


def _cell_text(cell: etree._Element) -> str:
    """A cell on one line; a nested table's cells are part of it, each read once."""
    pieces = (line.replace("\n", " ").strip() for line in _blocks(cell, flat=True))
    return " ".join(piece for piece in pieces if piece)


def _table(table: etree._Element, *, flat: bool) -> Iterator[str]:
    for row in _children(table, f"{W}tr"):
        cells = [_cell_text(cell) for cell in _children(row, f"{W}tc")]
        if flat:
            yield from cells
        else:
            yield " | ".join(cells)


def _blocks(container: etree._Element, *, flat: bool = False) -> Iterator[str]:
    """Lines of a body, cell, note or text box: paragraphs and table rows in order."""
    for child in container:
        tag = child.tag
        if tag == f"{W}p":
            yield from _paragraph(child)
        elif tag == f"{W}tbl":
            yield from _table(child, flat=flat)
        elif tag == f"{W}sdt":
            content = child.find(f"{W}sdtContent")
            if content is not None:
                yield from _blocks(content, flat=flat)
        elif tag in _WRAPPERS:
            yield from _blocks(child, flat=flat)
        elif tag == f"{MC}AlternateContent":
            branch = _alternative(child)
            if branch is not None:
                yield from _blocks(branch, flat=flat)


def _check_zip(path: Path, archive: zipfile.ZipFile, config: PipelineConfig) -> None:
    unpacked = 0
    for info in archive.infolist():
        unpacked += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if unpacked > config.max_unpacked_bytes or (
            info.file_size > 10_000_000 and ratio > 100
        ):
            raise TooLargeError(
                path,
                f"unpacks to more than {config.max_unpacked_bytes // (1024 * 1024)} MB "
                f"({info.filename} is compressed {ratio:.0f}:1, a zip bomb?)",
                "open it in Word, save it again and re-upload",
            )


def _to_transitional(root: etree._Element) -> etree._Element:
    """Rename Strict OOXML's WordprocessingML namespace to the transitional one."""
    strict = f"{{{STRICT_W_NS}}}"
    for node in root.iter():
        if isinstance(node.tag, str) and node.tag.startswith(strict):
            node.tag = W + node.tag[len(strict) :]
        for key in list(node.attrib):
            if isinstance(key, str) and key.startswith(strict):
                node.attrib[W + key[len(strict) :]] = node.attrib.pop(key)
    return root


def _xml(path: Path, archive: zipfile.ZipFile, name: str) -> etree._Element:
    data = archive.read(name)
    try:
        root = etree.fromstring(data, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise CorruptDocumentError(path, f"has a damaged {name} ({exc.msg})") from exc
    return _to_transitional(root) if STRICT_W_NS.encode() in data else root


def _relations(archive: zipfile.ZipFile, part: str) -> dict[str, list[str]]:
    """A part's relationships by type ("header", "footnotes"...): targets as zip names.

    Types are told by their last word, the same in Transitional and Strict namespaces.
    """
    folder, name = posixpath.split(part)
    rels_name = posixpath.join(folder, "_rels", f"{name}.rels")
    found: dict[str, list[str]] = {}
    try:
        root = etree.fromstring(archive.read(rels_name), _PARSER)
    except (KeyError, etree.XMLSyntaxError):
        return found
    for rel in root.iter(f"{RELS}Relationship"):
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External" or not target:
            continue
        full = (
            target.lstrip("/")
            if target.startswith("/")
            else posixpath.join(folder, target)
        )
        kind = rel.get("Type", "").rsplit("/", 1)[-1]
        found.setdefault(kind, []).append(posixpath.normpath(full))
    return found


def _main_part(archive: zipfile.ZipFile, names: set[str]) -> str | None:
    for target in _relations(archive, "").get("officeDocument", []):
        if target in names:
            return target
    return "word/document.xml" if "word/document.xml" in names else None


def _roman(number: int) -> str:
    """Word numbers endnotes i, ii, iii..."""
    out = ""
    for value, letters in (
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
        (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ):  # fmt: skip
        while number >= value:
            out += letters
            number -= value
    return out


def _notes(root: etree._Element | None, kind: str) -> dict[str, list[str]]:
    """Each real note's lines by id: Word's separator lines are not notes."""
    notes: dict[str, list[str]] = {}
    if root is None:
        return notes
    for note in root.iter(f"{W}{kind}"):
        if note.get(f"{W}type") in _NOT_NOTES:
            continue
        lines = [
            _NOTE_MARK.sub("", line).replace(PAGE_BREAK, "\n").strip("\n")
            for line in _blocks(note)
            if line.strip()
        ]
        if lines:
            notes[f"{kind[0]}{note.get(f'{W}id', '')}"] = lines
    return notes


def _place_notes(text: str, notes: dict[str, list[str]]) -> list[str]:
    """Pages with each footnote after the page citing it and endnotes after the last."""
    numbers: dict[str, str] = {}
    counts = {"f": 0, "e": 0}

    def number(key: str) -> str:
        if key not in numbers:
            counts[key[0]] += 1
            n = counts[key[0]]
            numbers[key] = str(n) if key[0] == "f" else _roman(n)
        return numbers[key]

    def lines(keys: list[str]) -> list[str]:
        out: list[str] = []
        for key in keys:
            first, *more = notes.pop(key)
            out.extend([f"[{number(key)}] {first.lstrip()}", *more])
        return out

    pages: list[str] = []
    endnotes: list[str] = []
    for chunk in text.split(PAGE_BREAK):
        cited = [k for k in dict.fromkeys(_NOTE_MARK.findall(chunk)) if k in notes]
        for key in cited:
            number(key)  # numbered in the order they are cited, as Word shows them
        footnotes = [k for k in cited if k.startswith("f")]
        endnotes.extend(k for k in cited if k.startswith("e"))
        page = _NOTE_MARK.sub("", chunk).strip("\n")
        pages.append("\n".join(filter(None, [page, *lines(footnotes)])))
    # Notes never cited (or cited from a header) still count, after the cited ones.
    cited_endnotes = list(dict.fromkeys(endnotes))
    rest = [k for k in notes if k.startswith("f")] + cited_endnotes
    rest += [k for k in notes if k.startswith("e") and k not in cited_endnotes]
    if rest:
        pages[-1] = "\n".join(filter(None, [pages[-1], *lines(rest)]))
    return pages


def read_docx(
    path: Path, data: bytes, sha256: str, config: PipelineConfig
) -> SourceFile:
    """Read a DOCX; a `w:br type=page` or Word's rendered page break starts a new page."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise CorruptDocumentError(
            path,
            "is not a valid DOCX (not a zip archive)",
            "open it in Word, save as DOCX and re-upload",
        ) from exc
    with archive:
        _check_zip(path, archive, config)
        names = set(archive.namelist())
        try:
            main = _main_part(archive, names)
            if main is None:
                raise CorruptDocumentError(
                    path,
                    "is a zip archive without word/document.xml",
                    "save it again as DOCX",
                )
            root = _xml(path, archive, main)
            related = _relations(archive, main)
            folder = posixpath.dirname(main)
            margins = [
                _xml(path, archive, n)
                for n in sorted(
                    n
                    for n in names
                    if posixpath.dirname(n) == folder
                    and posixpath.basename(n).startswith(("header", "footer"))
                    and n.endswith(".xml")
                )
            ]
            parts: dict[str, etree._Element | None] = {}
            for kind in ("footnotes", "endnotes"):
                fallback = posixpath.join(folder, f"{kind}.xml")
                name = next(iter(related.get(kind, [])), fallback)
                parts[kind] = _xml(path, archive, name) if name in names else None
        except (zipfile.BadZipFile, EOFError, zlib.error) as exc:
            raise CorruptDocumentError(path, f"is a damaged DOCX ({exc})") from exc
    body = root.find(f"{W}body")
    if body is None:
        raise CorruptDocumentError(
            path, "has no document body", "save it again as DOCX"
        )
    lines: list[str] = []
    seen: set[str] = set()
    for margin in margins:
        for block in _blocks(margin):
            if block.strip() and block not in seen:
                seen.add(block)
                lines.append(block)
    lines.extend(_blocks(body))
    notes = _notes(parts["footnotes"], "footnote") | _notes(
        parts["endnotes"], "endnote"
    )
    chunks = _place_notes("\n".join(lines), notes)
    if not any(chunk.strip() for chunk in chunks):
        raise EmptyDocumentError(path, "has no text", "check that it is the right file")
    pages = tuple(Page(number=i + 1, text=chunk) for i, chunk in enumerate(chunks))
    if len(pages) > config.max_pages:
        raise TooLargeError(
            path, f"has {len(pages)} pages, over the {config.max_pages}-page limit"
        )
    return SourceFile(
        path=path, sha256=sha256, format="docx", pages=pages, lines_are_paragraphs=True
    )
