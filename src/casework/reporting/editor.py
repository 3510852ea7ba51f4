"""What the report editor and the read-only view show, built from the schema and answers."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from casework.reporting.answers import (
    date_or_none,
    input_name,
    is_filled,
    number_or_none,
    value_text,
)
from casework.reporting.layout import flag_text
from casework.reporting.models import Report
from casework.reporting.schema import (
    CHOICE,
    DATE,
    FORMS,
    NUMBER,
    TABLE,
    Column,
    Field,
    Form,
    choice_label,
)
from casework.reporting.validation import Issue, issues_by_name


@dataclass
class Cell:
    column: Column
    name: str
    value: str
    issues: list[str] = dataclasses.field(default_factory=list)
    # A number column's value as read in the report's language: the read-only view
    # writes it in the reader's language ({{ cell.number|number }}).
    number: Decimal | None = None

    @property
    def shown(self) -> str:
        if self.column.kind == CHOICE:
            return choice_label(self.column.choices, self.value)
        return self.value


@dataclass
class FieldView:
    field: Field
    name: str
    value: Any
    issues: list[str]
    rows: list[list[Cell]] = dataclasses.field(default_factory=list)
    # the <template> row (index __i__)
    blank_row: list[Cell] = dataclasses.field(default_factory=list)
    next_index: int = 0

    @property
    def is_table(self) -> bool:
        return self.field.kind == TABLE

    @property
    def shown(self) -> str:
        return value_text(self.field, self.value)

    @property
    def day(self) -> dt.date | None:
        """A date answer as a date, for {{ item.day|un_date }}."""
        return date_or_none(self.value) if self.field.kind == DATE else None

    @property
    def shown_rows(self) -> list[list[Cell]]:
        return [row for row in self.rows if any(c.value for c in row)]


@dataclass
class SectionView:
    form: Form
    flag: str
    flag_label: str
    fields: list[FieldView]
    issues: list[str]

    @property
    def carried(self) -> bool:
        return self.flag in {Report.Flag.UNCHANGED, Report.Flag.NOT_APPLICABLE}

    @property
    def has_content(self) -> bool:
        return any(is_filled(f.value) for f in self.fields)


def _cells(
    report: Report,
    form: Form,
    fld: Field,
    index: int | str,
    row: dict[str, str],
    issues: dict[str, list[str]],
) -> list[Cell]:
    cells = []
    for column in fld.columns:
        name = f"{form.code}.{fld.key}.{index}.{column.key}"
        value = row.get(column.key, "")
        number = (
            number_or_none(value, report.entry_language)
            if value and column.kind == NUMBER
            else None
        )
        cells.append(Cell(column, name, value, issues.get(name, []), number))
    return cells


def section_view(report: Report, form: Form, issues: list[Issue]) -> SectionView:
    by_name = issues_by_name([i for i in issues if i.form == form.code])
    values = report.form_answers(form.code)
    fields = []
    for fld in form.fields:
        name = input_name(form, fld)
        value = values.get(fld.key, [] if fld.kind == TABLE else "")
        view = FieldView(fld, name, value, by_name.get(name, []))
        if fld.kind == TABLE:
            rows = value or []
            view.rows = [
                _cells(report, form, fld, i, row, by_name) for i, row in enumerate(rows)
            ]
            # one empty row to type into, also without JavaScript
            view.rows.append(_cells(report, form, fld, len(rows), {}, by_name))
            view.blank_row = _cells(report, form, fld, "__i__", {}, {})
            view.next_index = len(rows) + 1
        fields.append(view)
    return SectionView(
        form=form,
        flag=report.flag(form.code),
        flag_label=flag_text(report, form.code),
        fields=fields,
        issues=by_name.get(form.code, []),
    )


def sections(report: Report, issues: list[Issue]) -> list[SectionView]:
    return [section_view(report, form, issues) for form in FORMS]
