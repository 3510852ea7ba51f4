"""Every document Casework generates, opened back: the UN layout holds for each of them.

The routes are found by walking the URLconf (every URL whose format is a
`<docformat:…>`), built from the same State A objects as the outsider walk, and fetched
as the support unit in DOCX and PDF. A new generator is checked without being listed.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pypdfium2
import pytest
from docx import Document
from docx.shared import Mm

from casework.exports.converters import DocumentFormatConverter
from casework.exports.readback import pdf_missing_glyphs
from tests.test_outsiders import (  # noqa: F401 (fixtures used by name)
    ask,
    checked_routes,
    quiet_request_log,
    url_for,
    world,
)

pytestmark = [pytest.mark.slow, pytest.mark.django_db]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def document_routes():
    return [
        r
        for r in checked_routes()
        if r.name
        and not r.is_admin
        and any(isinstance(c, DocumentFormatConverter) for c in r.keywords.values())
    ]


def check_docx(data: bytes) -> list[str]:
    problems = []
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    if abs(section.page_width - Mm(210)) > Mm(1) or abs(
        section.page_height - Mm(297)
    ) > Mm(1):
        problems.append("not A4")
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        footers = [
            package.read(n).decode()
            for n in package.namelist()
            if n.startswith("word/footer")
        ]
    if not any(" PAGE " in f for f in footers):
        problems.append("no page-number field")
    properties = document.core_properties
    if not properties.title or "python-docx" in (properties.author or ""):
        problems.append(
            f"core properties: title {properties.title!r}, author {properties.author!r}"
        )
    if (
        properties.created is None
        or properties.created.year != dt.datetime.now(dt.UTC).year
    ):
        problems.append(f"created {properties.created}")
    if (
        properties.subject
        and properties.subject not in section.header.paragraphs[0].text
    ):
        problems.append("the symbol is not the running header")
    typed = [
        p.text
        for p in document.paragraphs
        if p.text[:4].rstrip(".\t").isdigit() and "\t" in p.text[:5]
    ]
    numbered = [
        p for p in document.paragraphs if p._p.find(f"{W}pPr/{W}numPr") is not None
    ]
    if typed and not numbered:
        problems.append("numbered paragraphs typed as text, not Word numbering")
    return problems


def check_pdf(data: bytes) -> list[str]:
    problems = []
    if (missing := pdf_missing_glyphs(data)) != 0:
        problems.append(f"{missing} missing glyphs")
    pdf = pypdfium2.PdfDocument(data)
    try:
        for n in range(len(pdf)):
            lines = [
                x.strip() for x in pdf[n].get_textpage().get_text_range().splitlines()
            ]
            if str(n + 1) not in lines:
                problems.append(f"page {n + 1} has no page number")
    finally:
        pdf.close()
    return problems


def test_every_generated_document_is_in_un_layout(world):  # noqa: F811
    support = world.controls[0]
    checked: list[str] = []
    problems: list[str] = []
    for route in document_routes():
        url = url_for(world, route)
        if url is None:
            continue
        stem = url.rsplit(".", 1)[0]
        for fmt, check in (("docx", check_docx), ("pdf", check_pdf)):
            answer = ask(support, "get", f"{stem}.{fmt}", follow=False)
            if answer.status != 200:
                continue
            checked.append(f"{route.name}.{fmt}")
            problems += [f"{route.name} {stem}.{fmt}: {p}" for p in check(answer.body)]
    assert problems == [], "\n".join(problems)
    generators = {name.rsplit(".", 1)[0] for name in checked}
    # Observation, compilation, annual report, case report (draft and published),
    # extension comments, funding suggestions: the walk is not vacuous.
    assert len(generators) >= 7, sorted(checked)
