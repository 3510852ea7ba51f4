"""Reading a report filled in a template (XLSX) or in the DOCX layout back onto the forms.

What is recognised becomes proposed answers, shown on a review screen before anything is
saved; what is not recognised is listed so that nobody thinks it was taken over.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, TypeVar

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from casework.documents.safe_open import (
    Budget,
    FileRefused,
    open_docx,
    open_xlsx,
    xlsx_rows,
)
from casework.domain import locale
from casework.domain.languages import LANGUAGES, is_language, normalise
from casework.domain.locale import (
    DECIMAL_MARK,
    AmbiguousNumberError,
    NumberFormatError,
    parse_number,
)
from casework.exports.cells import FORMULA_LEADS
from casework.exports.tables import write_row
from casework.reporting.answers import MAX_TEXT, Answers, date_or_none, number_answer
from casework.reporting.schema import (
    DATE,
    FORMS,
    FORMS_BY_CODE,
    NUMBER,
    TABLE,
    Column,
    Field,
    Form,
)

ANSWERS_SHEET = "Report"
# Told how far the reading is, in percent (the worker's progress bar).
Progress = Callable[[int], None]
KEY_IN_HEADER = re.compile(r"\[(\w+)\]\s*$")
T = TypeVar("T")


class UnreadableFile(ValueError):
    """The file cannot be read as a report; the message (translated, a whole sentence
    naming the file) says why and what to do."""


@dataclass
class Proposal:
    answers: Answers = field(default_factory=dict)
    unrecognised: list[str] = field(default_factory=list)
    # Values that were left out, each with where it is and what to write instead.
    problems: list[str] = field(default_factory=list)

    def put(self, form: Form, fld: Field, value: Any) -> None:
        self.answers.setdefault(form.code, {})[fld.key] = value

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.answers.values())


@dataclass(frozen=True)
class Reading:
    """How to read the numbers of one file: its decimal mark when the file says so (or
    the language to take it from), and the language of the report they go into."""

    target: str  # numbers are kept as typed in this language ("823,4" in French)
    decimal: str | None = None
    language: str | None = None

    @classmethod
    def of(cls, declared: str | None, report_language: str | None) -> Reading:
        # a file names its language as "fr" or as a tag such as "fr-FR"
        base = (declared or "").replace("_", "-").split("-", 1)[0].lower()
        declared = base if is_language(base) else None
        target = normalise(report_language or declared)
        if declared:
            return cls(target, decimal=DECIMAL_MARK[declared])
        return cls(
            target, language=normalise(report_language) if report_language else None
        )

    def number(self, raw: object, where: str, problems: list[str]) -> str:
        """A number cell as the report keeps it; "" (and a problem) when it cannot be read."""
        if raw is None or raw == "":
            return ""
        if isinstance(raw, int | float | Decimal) and not isinstance(raw, bool):
            return number_answer(raw, self.target)
        text = _text(raw)
        try:
            number = parse_number(text, language=self.language, decimal=self.decimal)
        except AmbiguousNumberError:
            problems.append(_ambiguous(where, text))
            return ""
        except NumberFormatError:
            problems.append(_not_a_number(where, text, self.decimal or self._mark()))
            return ""
        return number_answer(number, self.target)

    def _mark(self) -> str:
        return DECIMAL_MARK[normalise(self.language or self.target)]


def _ambiguous(where: str, text: str) -> str:
    ui = normalise(translation.get_language())
    whole = parse_number(text, decimal="," if "." in text else ".")
    fraction = parse_number(text, decimal="." if "." in text else ",")
    return _(
        "%(where)s: “%(value)s” could be %(whole)s or %(fraction)s. Write whole numbers "
        "without a thousands separator, for example %(whole)s, and import the file "
        "again; this value was left out."
    ) % {
        "where": where,
        "value": text,
        "whole": number_answer(whole, ui),
        "fraction": number_answer(fraction, ui),
    }


def _not_a_number(where: str, text: str, mark: str) -> str:
    return _(
        "%(where)s: “%(value)s” is not a number. Write digits, with “%(mark)s” before "
        "any decimals (for example %(example)s), and import the file again; this value "
        "was left out."
    ) % {
        "where": where,
        "value": text,
        "mark": mark,
        "example": "823" + mark + "4",
    }


def _sheet_cell(sheet: str, column: int, row: int) -> str:
    return _("Sheet “%(sheet)s”, cell %(cell)s") % {
        "sheet": sheet,
        "cell": f"{get_column_letter(column)}{row}",
    }


def _cell_value(column: Column, value: str, target: str) -> object:
    """What the template writes for a cell: numbers as numbers when they can be read."""
    if column.kind == NUMBER and value:
        try:
            return parse_number(value, language=target)
        except NumberFormatError:
            return value
    return value


def template_xlsx(answers: Answers | None = None, *, language: str) -> bytes:
    """The XLSX template: one sheet of questions, one sheet per table (keys in brackets).

    Questions and headings are in `language`, which the workbook also records as its
    language, so that typed numbers are read back with that language's decimal mark.
    """
    language = normalise(language)
    answers = answers or {}
    workbook = Workbook()
    workbook.properties.language = language
    sheet = workbook.active
    assert sheet is not None  # a new workbook always has one sheet
    sheet.title = ANSWERS_SHEET
    # Every cell through the one exporter: a focal point's answer that starts with "="
    # is text in the template, never a formula (issue 15).
    write_row(sheet, ["form", "field", "question", "answer"], bold=True)
    with translation.override(language):
        for form in FORMS:
            for fld in form.fields:
                if fld.kind != TABLE:
                    value = answers.get(form.code, {}).get(fld.key, "")
                    write_row(sheet, [form.code, fld.key, str(fld.label), value])
        for form in FORMS:
            for fld in form.fields:
                if fld.kind == TABLE:
                    table = workbook.create_sheet(f"{form.code}.{fld.key}"[:31])
                    write_row(
                        table, [f"{c.label} [{c.key}]" for c in fld.columns], bold=True
                    )
                    for row in answers.get(form.code, {}).get(fld.key, []):
                        write_row(
                            table,
                            [
                                _cell_value(c, str(row.get(c.key, "") or ""), language)
                                for c in fld.columns
                            ],
                        )
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
    text = str(value)
    if text.startswith("'") and text[1:].startswith(FORMULA_LEADS):
        text = text[1:]  # the apostrophe the template put before a formula-like answer
    return text.strip()[:MAX_TEXT]


def _refused(error: FileRefused) -> UnreadableFile:
    return UnreadableFile(str(error))


def _field_of(form: Form | None, key: str) -> Field | None:
    if form is None:
        return None
    return next((f for f in form.fields if f.key == key), None)


def _column_of(fld: Field, key: str | None) -> Column | None:
    return next((c for c in fld.columns if c.key == key), None)


def _no_progress(percent: int) -> None:
    return None


def read_xlsx(
    data: bytes,
    *,
    language: str | None = None,
    filename: str = "report.xlsx",
    progress: Progress = _no_progress,
) -> Proposal:
    """The answers of a filled template, for a report entered in `language`. The
    workbook is opened within the safe-open limits (compressed and unpacked size, rows,
    cells) and streamed; a file over a limit is an `UnreadableFile` naming it."""
    try:
        workbook = open_xlsx(data, filename=filename)
    except FileRefused as error:
        raise _refused(error) from error
    try:
        return _read_workbook(workbook, Budget(filename), language, progress)
    except FileRefused as error:
        raise _refused(error) from error
    except (KeyError, ValueError, OSError, EOFError) as exc:  # a damaged sheet part
        raise UnreadableFile(
            _("%(name)s: a sheet cannot be read (%(error)s); save it again as .xlsx.")
            % {"name": filename, "error": type(exc).__name__}
        ) from exc
    finally:
        workbook.close()


def _read_workbook(
    workbook: Any,
    budget: Budget,
    language: str | None,
    progress: Progress = _no_progress,
) -> Proposal:
    reading = Reading.of(workbook.properties.language, language)
    proposal = Proposal()
    sheets = max(1, len(workbook.sheetnames))
    if ANSWERS_SHEET in workbook.sheetnames:
        for row in xlsx_rows(workbook[ANSWERS_SHEET], budget, min_row=2):
            code, key, *rest = [*row, None, None, None][:4]
            form = FORMS_BY_CODE.get(_text(code))
            answer = _text(rest[1] if len(rest) > 1 else None)
            if not answer:
                continue
            fld = _field_of(form, _text(key))
            if form is None or fld is None or fld.kind == TABLE:
                proposal.unrecognised.append(f"{code}.{key}: {answer[:60]}")
                continue
            proposal.put(form, fld, answer)
    for done, name in enumerate(workbook.sheetnames, start=1):
        progress(100 * done // sheets)
        if name == ANSWERS_SHEET:
            continue
        code, _dot, key = name.partition(".")
        form = FORMS_BY_CODE.get(code)
        fld = _field_of(form, key)
        if form is None or fld is None or fld.kind != TABLE:
            proposal.unrecognised.append(name)
            continue
        rows = xlsx_rows(workbook[name], budget)
        header = next(rows, None)
        if header is None:
            continue
        keys = _column_keys(fld, [_text(h) for h in header])
        table = []
        for number, values in enumerate(rows, start=2):
            item: dict[str, str] = {}
            for index, (k, v) in enumerate(zip(keys, values, strict=False), start=1):
                column = _column_of(fld, k)
                if column is None:
                    continue
                if column.kind == NUMBER:
                    where = _sheet_cell(name, index, number)
                    item[column.key] = reading.number(v, where, proposal.problems)
                else:
                    item[column.key] = _text(v)
            if any(item.values()):
                table.append({c.key: item.get(c.key, "") for c in fld.columns})
        proposal.put(form, fld, table)
    return proposal


def _labels(getter: Callable[[], Iterable[tuple[object, T]]]) -> dict[str, T]:
    """label text (in each language, lower case) -> whatever `getter` maps it to."""
    found: dict[str, T] = {}
    for language in LANGUAGES:
        with translation.override(language):
            for label, target in getter():
                found[str(label).strip().lower()] = target
    return found


def _column_keys(fld: Field, header: list[str]) -> list[str | None]:
    by_label = _labels(lambda: [(c.label, c.key) for c in fld.columns])
    keys: list[str | None] = []
    for text in header:
        match = KEY_IN_HEADER.search(text)
        keys.append(match.group(1) if match else by_label.get(text.strip().lower()))
    return keys


def _form_title(form: Form) -> str:
    from casework.reporting.layout import form_heading

    return form_heading(form)


def _choice_value(fld: Field, text: str) -> str:
    by_label = _labels(lambda: [(label, value) for value, label in fld.choices])
    return by_label.get(text.strip().lower(), "")


def iso_date(text: str, language: str) -> str:
    """A date written out by `domain.locale.format_date` ("2 avril 2026") as YYYY-MM-DD;
    the text itself when it is no such date."""
    text = text.strip()
    if date_or_none(text):
        return text
    match = re.match(r"^(\d{1,2})\D.*\b(\d{4})$", text)
    if not match:
        return text
    day, year = int(match[1]), int(match[2])
    for candidate_language in (language, *LANGUAGES):
        for month in range(1, 13):
            try:
                candidate = dt.date(year, month, day)
            except ValueError:
                continue
            if locale.format_date(candidate, candidate_language) == text:
                return candidate.isoformat()
    return text


def read_docx(
    data: bytes,
    *,
    language: str | None = None,
    filename: str = "report.docx",
    progress: Progress = _no_progress,
) -> Proposal:
    """A report in the layout this tool exports, in any of its languages: form headings,
    bold questions, tables. Numbers are read with the document's decimal mark and kept
    as a report entered in `language` keeps them (default: the document's language).
    The document is opened within the safe-open limits (a zip bomb is refused before
    anything is unpacked)."""
    try:
        document = open_docx(data, filename=filename)
    except FileRefused as error:
        raise _refused(error) from error
    declared = normalise(document.core_properties.language or None)
    reader = _DocxReader(
        Reading.of(document.core_properties.language, language), declared
    )
    tables = iter(document.tables)
    paragraphs = iter(document.paragraphs)
    children = list(document.element.body.iterchildren())
    for done, child in enumerate(children, start=1):
        progress(100 * done // len(children))
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "tbl":
            reader.table(next(tables))
        elif tag == "p":
            reader.paragraph(next(paragraphs))
    reader.flush()
    return reader.proposal


class _DocxReader:
    """Walks the document's paragraphs and tables in order, form by form."""

    def __init__(self, reading: Reading, language: str) -> None:
        self.reading = reading
        self.language = language  # the document's, for its dates
        self.proposal = Proposal()
        self.headings = _labels(lambda: [(_form_title(f), f) for f in FORMS])
        self.questions = {form.code: _questions(form) for form in FORMS}
        self.form: Form | None = None
        self.current: Field | None = None
        self.captioned: Field | None = (
            None  # the table field named by the caption just read
        )
        self.lines: list[str] = []

    def flush(self) -> None:
        if self.form is not None and self.current is not None and self.lines:
            value = "\n".join(self.lines)
            if self.current.choices:
                value = _choice_value(self.current, value)
            elif self.current.kind == DATE:
                value = iso_date(value, self.language)
            self.proposal.put(self.form, self.current, value)

    def paragraph(self, paragraph: Any) -> None:
        text = paragraph.text.strip()
        if not text:
            return
        style = paragraph.style.name if paragraph.style is not None else ""
        if style.startswith("Heading"):
            self.flush()
            self.current, self.lines = None, []
            heading = self.headings.get(text.lower())
            if heading is not None:
                self.form = heading
            return
        bold = bool(paragraph.runs) and all(
            r.bold for r in paragraph.runs if r.text.strip()
        )
        questions = self.questions[self.form.code] if self.form else {}
        if text.lower() in questions:
            self.flush()
            asked = questions[text.lower()]
            self.current, self.lines = (None if asked.kind == TABLE else asked), []
            self.captioned = asked if asked.kind == TABLE else None
        elif self.current is not None and not bold:
            self.lines.append(text)

    def table(self, table: Any) -> None:
        if self.form is not None:
            rows = [[cell.text.strip() for cell in row.cells] for row in table.rows]
            if len(rows) >= 2:
                self._read_table(self.form, rows)
        self.captioned = None

    def _read_table(self, form: Form, rows: list[list[str]]) -> None:
        questions = self.questions[form.code]
        if len(rows[0]) == 2:  # the cover page: question | answer
            for label, value in rows[1:]:
                asked = questions.get(label.lower())
                if asked is not None and asked.kind != TABLE and value not in {"", "—"}:
                    if asked.kind == DATE:
                        value = iso_date(value, self.language)
                    self.proposal.put(form, asked, value)
            return
        candidates = (
            [self.captioned]
            if self.captioned
            else [f for f in form.fields if f.kind == TABLE]
        )
        for fld in candidates:
            keys = _column_keys(fld, rows[0])
            if sum(1 for k in keys if k) < len(fld.columns):
                continue
            self.proposal.put(form, fld, self._rows(fld, keys, rows[1:]))
            return

    def _rows(
        self, fld: Field, keys: list[str | None], rows: list[list[str]]
    ) -> list[dict[str, str]]:
        result = []
        for number, values in enumerate(rows, start=1):
            item: dict[str, str] = {}
            for key, value in zip(keys, values, strict=False):
                column = _column_of(fld, key)
                if column is None:
                    continue
                if column.choices and value:
                    value = _choice_labels(column).get(value.lower(), value)
                elif column.kind == NUMBER:
                    where = _table_cell(fld, column, number)
                    value = self.reading.number(value, where, self.proposal.problems)
                item[column.key] = value
            if any(item.values()):
                result.append({c.key: item.get(c.key, "") for c in fld.columns})
        return result


def _choice_labels(column: Column) -> dict[str, str]:
    return _labels(lambda: [(label, value) for value, label in column.choices])


def _questions(form: Form) -> dict[str, Field]:
    return _labels(lambda: [(f.label, f) for f in form.fields])


def _table_cell(fld: Field, column: Column, row: int) -> str:
    return _("Table “%(table)s”, row %(row)d, column “%(column)s”") % {
        "table": fld.label,
        "row": row,
        "column": column.label,
    }


def read_upload(
    name: str,
    data: bytes,
    *,
    language: str | None = None,
    progress: Progress = _no_progress,
) -> Proposal:
    """A file for a report entered in `language` (whose decimal mark reads the numbers
    when the file does not say its own). The worker reads it (`reporting.import_jobs`),
    telling `progress` how far it got."""
    lower = name.lower()
    if lower.endswith(".xlsx"):
        return read_xlsx(data, language=language, filename=name, progress=progress)
    if lower.endswith(".docx"):
        return read_docx(data, language=language, filename=name, progress=progress)
    raise UnreadableFile(
        _(
            "%(name)s is neither a .xlsx nor a .docx file; upload the report as .xlsx "
            "(the template) or .docx."
        )
        % {"name": name}
    )
