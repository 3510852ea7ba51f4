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

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from lxml import etree

from casework.exports.docx import BODY_STYLE

W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Text of these is not part of the accepted document.
DROPPED: Final = {W + "del", W + "moveFrom", W + "commentReference"}
MAX_BYTES: Final = 20 * 1024 * 1024  # an edited observation or report is far smaller
MAX_UNPACKED: Final = 100 * 1024 * 1024


class WordFileError(ValueError):
    """The upload is not a Word document Casework can read back; the message says why
    (translated when it is turned into text, in the language active then)."""

    def __init__(self, reason: Promise) -> None:
        super().__init__(reason)
        self.reason = reason

    def __str__(self) -> str:
        return str(self.reason)


TOO_LARGE: Final = _(
    "The file is larger than 20 MB; upload the Word document Casework exported, edited."
)
UNPACKS_TOO_LARGE: Final = _(
    "The file unpacks to more than 100 MB; it is not an edited document."
)
NOT_DOCX: Final = _(
    "This is not a Word document (.docx). Save it from Word as .docx and upload it again."
)
DAMAGED: Final = _(
    "The document inside the file is damaged; open it in Word, save it again as .docx "
    "and upload it."
)


class DraftChangedError(Exception):
    """The text changed after the Word copy was uploaded: its changes no longer apply."""


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
    """What turns `current` into `edited`, one change per paragraph: a paragraph
    rewritten is a "replace", one added an "insert" (before `position`), one taken out a
    "delete". Within a run of differing paragraphs, old and new ones are paired by
    how alike they are, so an edit and an insertion side by side stay two changes."""
    matcher = difflib.SequenceMatcher(a=current, b=edited, autojunk=False)
    found: list[Change] = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            found += _paired(current, edited, i1, i2, j1, j2)
    return found


SIMILAR: Final = 0.45  # below this, two paragraphs are a removal and an addition


def _paired(
    current: list[str], edited: list[str], i1: int, i2: int, j1: int, j2: int
) -> list[Change]:
    old, new = current[i1:i2], edited[j1:j2]
    # best[i][j]: the most likeness pairing old[i:] with new[j:] in order can reach.
    best = [[0.0] * (len(new) + 1) for _ in range(len(old) + 1)]
    alike = [
        [difflib.SequenceMatcher(a=o, b=n, autojunk=False).ratio() for n in new]
        for o in old
    ]
    for i in range(len(old) - 1, -1, -1):
        for j in range(len(new) - 1, -1, -1):
            pair = alike[i][j] + best[i + 1][j + 1] if alike[i][j] >= SIMILAR else 0.0
            best[i][j] = max(pair, best[i + 1][j], best[i][j + 1])
    out: list[Change] = []
    i = j = 0
    while i < len(old) or j < len(new):
        if (
            i < len(old)
            and j < len(new)
            and alike[i][j] >= SIMILAR
            and (best[i][j] == alike[i][j] + best[i + 1][j + 1])
        ):
            out.append(Change("replace", i1 + i, (old[i],), (new[j],)))
            i, j = i + 1, j + 1
        elif j < len(new) and (i == len(old) or best[i][j] == best[i][j + 1]):
            out.append(Change("insert", i1 + i, (), (new[j],)))
            j += 1
        else:
            out.append(Change("delete", i1 + i, (old[i],), ()))
            i += 1
    return out


def apply(current: list[str], accepted: list[Change]) -> list[str]:
    """`current` with the accepted changes made (the others left as they were)."""
    result = list(current)
    # From the end, so that positions stay true; at one position the paragraph's own
    # change comes before an insertion in front of it.
    order = sorted(
        accepted, key=lambda c: (c.position, c.kind != "insert"), reverse=True
    )
    for change in order:
        end = change.position + len(change.before)
        if tuple(result[change.position : end]) != change.before:
            raise ValueError("the draft changed since these changes were computed")
        result[change.position : end] = list(change.after)
    return result


def _document_xml(data: bytes) -> etree._Element:
    if len(data) > MAX_BYTES:
        raise WordFileError(TOO_LARGE)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            info = package.getinfo("word/document.xml")
            if sum(i.file_size for i in package.infolist()) > MAX_UNPACKED:
                raise WordFileError(UNPACKS_TOO_LARGE)
            xml = package.read(info)
    except (zipfile.BadZipFile, KeyError):
        raise WordFileError(NOT_DOCX) from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(xml, parser)
    except etree.XMLSyntaxError:
        raise WordFileError(DAMAGED) from None


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
