"""A document edited in Word, read back: its paragraphs, and what changed against ours.

Casework writes the content of a document in Word's "Body Text" style (`docx.BODY_STYLE`);
a paragraph a user adds with Enter inherits it. Reading back, tracked changes are taken
as accepted (insertions kept, deletions dropped, moves followed) and comments are
ignored, so the text is what Word shows after "Accept all changes". Then `changes()`
lines the paragraphs up with the current draft, one `Change` per paragraph replaced,
inserted or removed, for a person to accept or refuse.
"""

from __future__ import annotations

import difflib
import io
import zipfile
from dataclasses import dataclass
from typing import Final, Literal

from lxml import etree

from casework.exports.docx import BODY_STYLE

W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Text of these is not part of the accepted document.
DROPPED: Final = {W + "del", W + "moveFrom", W + "commentReference"}
MAX_BYTES: Final = 20 * 1024 * 1024  # an edited observation or report is far smaller
MAX_UNPACKED: Final = 100 * 1024 * 1024


class WordFileError(ValueError):
    """The upload is not a Word document Casework can read back; the message says why."""


@dataclass(frozen=True, slots=True)
class Change:
    kind: Literal["replace", "insert", "delete"]
    position: int  # index in the current draft's paragraphs where it applies
    before: tuple[str, ...]
    after: tuple[str, ...]


def body_paragraphs(data: bytes, *, style_id: str | None = None) -> list[str]:
    """The text of each content paragraph, tracked changes accepted, comments ignored."""
    root = _document_xml(data)
    wanted = style_id or _style_id(data, BODY_STYLE)
    paragraphs: list[str] = []
    carry = ""  # text of a paragraph whose mark was deleted: it joins the next one
    for paragraph in root.iter(W + "p"):
        style = paragraph.find(f"{W}pPr/{W}pStyle")
        if style is None or style.get(W + "val") != wanted:
            continue
        text = carry + _accepted_text(paragraph)
        if paragraph.find(f"{W}pPr/{W}rPr/{W}del") is not None:
            carry = text
            continue
        carry = ""
        paragraphs.append(text)
    if carry:
        paragraphs.append(carry)
    return [" ".join(p.split()) for p in paragraphs if p.strip()]


def changes(current: list[str], edited: list[str]) -> list[Change]:
    """What turns `current` into `edited`, paragraph by paragraph."""
    matcher = difflib.SequenceMatcher(a=current, b=edited, autojunk=False)
    found: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        kind: Literal["replace", "insert", "delete"] = tag  # type: ignore[assignment]
        found.append(Change(kind, i1, tuple(current[i1:i2]), tuple(edited[j1:j2])))
    return found


def apply(current: list[str], accepted: list[Change]) -> list[str]:
    """`current` with the accepted changes made (the others left as they were)."""
    result = list(current)
    for change in sorted(accepted, key=lambda c: c.position, reverse=True):
        end = change.position + len(change.before)
        if tuple(result[change.position : end]) != change.before:
            raise ValueError("the draft changed since these changes were computed")
        result[change.position : end] = list(change.after)
    return result


def _document_xml(data: bytes) -> etree._Element:
    if len(data) > MAX_BYTES:
        raise WordFileError(
            f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB; "
            "upload the Word document Casework exported, edited."
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            info = package.getinfo("word/document.xml")
            if sum(i.file_size for i in package.infolist()) > MAX_UNPACKED:
                raise WordFileError(
                    "The file unpacks to more than 100 MB; it is not an edited document."
                )
            xml = package.read(info)
    except (zipfile.BadZipFile, KeyError):
        raise WordFileError(
            "This is not a Word document (.docx). Save it from Word as .docx and "
            "upload it again."
        ) from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        raise WordFileError(
            "The document inside the file is damaged; open it in Word, save it again "
            "as .docx and upload it."
        ) from None


def _style_id(data: bytes, name: str) -> str:
    """The w:styleId of the style called `name` (Word writes "BodyText")."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        try:
            styles = etree.fromstring(package.read("word/styles.xml"))
        except KeyError:
            return name.replace(" ", "")
    for style in styles.iter(W + "style"):
        label = style.find(W + "name")
        if label is not None and label.get(W + "val") == name:
            return str(style.get(W + "styleId"))
    return name.replace(" ", "")


def _accepted_text(paragraph: etree._Element) -> str:
    parts: list[str] = []

    def walk(element: etree._Element) -> None:
        for child in element:
            if child.tag in DROPPED:
                continue
            if child.tag == W + "t":
                parts.append(child.text or "")
            elif child.tag == W + "tab":
                parts.append("\t")
            elif child.tag in (W + "br", W + "cr"):
                parts.append(" ")
            elif child.tag == W + "footnoteReference":
                continue
            else:
                walk(child)

    walk(paragraph)
    return "".join(parts)
