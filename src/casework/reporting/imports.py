"""Reading a report filled in a template (XLSX) or in the DOCX layout back onto the forms.

What is recognised becomes proposed answers, shown on a review screen before anything is
saved; what is not recognised is listed so that nobody thinks it was taken over.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from casework.reporting.answers import MAX_TEXT
from casework.reporting.schema import FORMS, FORMS_BY_CODE, TABLE, Field, Form

ANSWERS_SHEET = "Report"
KEY_IN_HEADER = re.compile(r"\[(\w+)\]\s*$")
LANGUAGES = ("en", "fr", "es")


class UnreadableFile(ValueError):
    """The file cannot be read as a report; the message says why."""


@dataclass
class Proposal:
    answers: dict[str, dict[str, Any]] = field(default_factory=dict)
    unrecognised: list[str] = field(default_factory=list)

    def put(self, form: Form, fld: Field, value: Any) -> None:
        self.answers.setdefault(form.code, {})[fld.key] = value

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.answers.values())


def template_xlsx(answers: dict | None = None) -> bytes:
    """The XLSX template: one sheet of questions, one sheet per table (keys in brackets)."""
    answers = answers or {}
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = ANSWERS_SHEET
    sheet.append(["form", "field", "question", "answer"])
    for form in FORMS:
        for fld in form.fields:
            if fld.kind != TABLE:
                value = answers.get(form.code, {}).get(fld.key, "")
                sheet.append([form.code, fld.key, str(fld.label), value])
    for form in FORMS:
        for fld in form.fields:
            if fld.kind == TABLE:
                table = workbook.create_sheet(f"{form.code}.{fld.key}"[:31])
                table.append([f"{c.label} [{c.key}]" for c in fld.columns])
                for row in answers.get(form.code, {}).get(fld.key, []):
                    table.append([row.get(c.key, "") for c in fld.columns])
    for ws in workbook.worksheets:
        for cell in ws[1]:
            cell.font = Font(bold=True)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if hasattr(value, "isoformat"):
        value = value.isoformat()[:10]
    return str(value).strip()[:MAX_TEXT]


def read_xlsx(data: bytes) -> Proposal:
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        raise UnreadableFile(
            f"not a readable XLSX file ({type(exc).__name__})"
        ) from exc
    proposal = Proposal()
    if ANSWERS_SHEET in workbook.sheetnames:
        for row in workbook[ANSWERS_SHEET].iter_rows(min_row=2, values_only=True):
            code, key, *rest = [*row, None, None, None][:4]
            form = FORMS_BY_CODE.get(_text(code))
            answer = _text(rest[1] if len(rest) > 1 else None)
            if not answer:
                continue
            fld = (
                next((f for f in form.fields if f.key == _text(key)), None)
                if form
                else None
            )
            if fld is None or fld.kind == TABLE:
                proposal.unrecognised.append(f"{code}.{key}: {answer[:60]}")
                continue
            proposal.put(form, fld, answer)
    for name in workbook.sheetnames:
        if name == ANSWERS_SHEET:
            continue
        code, _dot, key = name.partition(".")
        form = FORMS_BY_CODE.get(code)
        fld = next((f for f in form.fields if f.key == key), None) if form else None
        if fld is None or fld.kind != TABLE:
            proposal.unrecognised.append(name)
            continue
        rows = list(workbook[name].iter_rows(values_only=True))
        if not rows:
            continue
        keys = _column_keys(fld, [_text(h) for h in rows[0]])
        table = []
        for values in rows[1:]:
            item = {k: _text(v) for k, v in zip(keys, values, strict=False) if k}
            if any(item.values()):
                table.append({c.key: item.get(c.key, "") for c in fld.columns})
        proposal.put(form, fld, table)
    return proposal


def _labels(getter) -> dict[str, Any]:
    """label text (in each language, lower case) -> whatever `getter` maps it to."""
    found = {}
    for language in LANGUAGES:
        with translation.override(language):
            for label, target in getter():
                found[str(label).strip().lower()] = target
    return found


def _column_keys(fld: Field, header: list[str]) -> list[str | None]:
    by_label = _labels(lambda: [(c.label, c.key) for c in fld.columns])
    keys = []
    for text in header:
        match = KEY_IN_HEADER.search(text)
        keys.append(match.group(1) if match else by_label.get(text.strip().lower()))
    return keys


def read_docx(data: bytes) -> Proposal:
    """A report in the layout this tool exports: form headings, bold questions, tables."""
    from docx import Document

    try:
        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many kinds on a damaged file
        raise UnreadableFile(
            f"not a readable DOCX file ({type(exc).__name__})"
        ) from exc
    headings = _labels(lambda: [(f"{_form_title(f)}", f) for f in FORMS])
    questions: dict[str, dict[str, Any]] = {}
    for form in FORMS:
        questions[form.code] = _labels(
            lambda form=form: [(f.label, f) for f in form.fields]
        )
    proposal = Proposal()
    form: Form | None = None
    current: Field | None = None
    captioned: Field | None = None  # the table field named by the caption just read
    lines: list[str] = []

    def flush() -> None:
        if form is not None and current is not None and lines:
            value = "\n".join(lines)
            if current.choices:
                value = _choice_value(current, value)
            proposal.put(form, current, value)

    body = document.element.body
    tables = iter(document.tables)
    paragraphs = iter(document.paragraphs)
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            table = next(tables)
            if form is not None:
                _read_table(proposal, form, table, questions[form.code], captioned)
            captioned = None
            continue
        if tag != "p":
            continue
        paragraph = next(paragraphs)
        text = paragraph.text.strip()
        if not text:
            continue
        style = paragraph.style.name if paragraph.style is not None else ""
        if style.startswith("Heading"):
            flush()
            current, lines = None, []
            heading = headings.get(text.lower())
            if heading is not None:
                form = heading
            continue
        bold = bool(paragraph.runs) and all(
            r.bold for r in paragraph.runs if r.text.strip()
        )
        if form is not None and text.lower() in questions[form.code]:
            flush()
            asked = questions[form.code][text.lower()]
            current, lines = (None if asked.kind == TABLE else asked), []
            captioned = asked if asked.kind == TABLE else None
        elif current is not None and not bold:
            lines.append(text)
    flush()
    return proposal


def _form_title(form: Form) -> str:
    from casework.reporting.layout import form_heading

    return form_heading(form)


def _choice_value(fld: Field, text: str) -> str:
    by_label = _labels(lambda: [(label, value) for value, label in fld.choices])
    return by_label.get(text.strip().lower(), "")


def _read_table(
    proposal: Proposal,
    form: Form,
    table,
    questions: dict[str, Any],
    captioned: Field | None,
) -> None:
    rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
    if len(rows) < 2:
        return
    if len(rows[0]) == 2:  # the cover page: question | answer
        for label, value in rows[1:]:
            asked = questions.get(label.lower())
            if asked is not None and asked.kind != TABLE and value not in {"", "—"}:
                proposal.put(form, asked, value)
        return
    candidates = (
        [captioned] if captioned else [f for f in form.fields if f.kind == TABLE]
    )
    for fld in candidates:
        keys = _column_keys(fld, rows[0])
        if sum(1 for k in keys if k) < len(fld.columns):
            continue
        choice_columns = {c.key: c for c in fld.columns if c.choices}
        result = []
        for values in rows[1:]:
            item = {k: v for k, v in zip(keys, values, strict=False) if k}
            for key, column in choice_columns.items():
                if item.get(key):
                    labels = _labels(
                        lambda column=column: [(lb, v) for v, lb in column.choices]
                    )
                    item[key] = labels.get(item[key].lower(), item[key])
            if any(item.values()):
                result.append({c.key: item.get(c.key, "") for c in fld.columns})
        proposal.put(form, fld, result)
        return


def read_upload(name: str, data: bytes) -> Proposal:
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return read_xlsx(data)
    if lower.endswith(".docx"):
        return read_docx(data)
    raise UnreadableFile("upload the report as .xlsx (the template) or .docx")
