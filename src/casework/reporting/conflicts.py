"""What a refused (stale) save would have changed, shown under the refusal so no text is lost.

A save from a page older than the draft's last save is refused (optimistic concurrency,
`services.save_draft`). The editor keeps the person's text in its fields, and the
refusal lists, field by field, each posted answer that differs from the draft as saved
now, to copy after reloading.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from casework.reporting.answers import Answers, value_text
from casework.reporting.layout import form_heading
from casework.reporting.models import Report
from casework.reporting.schema import FORMS, TABLE, Field


@dataclass(frozen=True, slots=True)
class UnsavedText:
    form: str  # the form's heading
    question: str
    text: str


def _shown(fld: Field, value: Any) -> str:
    if fld.kind == TABLE:
        return "\n".join(
            " · ".join(str(v) for v in row.values() if v) for row in value or []
        )
    return value_text(fld, value)


def unsaved_texts(report: Report, posted: Answers) -> list[UnsavedText]:
    """The posted answers that differ from the draft as it is saved now, in form order."""
    found = []
    for form in FORMS:
        values = posted.get(form.code)
        if values is None:
            continue
        saved = report.form_answers(form.code)
        for fld in form.fields:
            if fld.key not in values:
                continue
            mine, theirs = values[fld.key], saved.get(fld.key)
            if (mine or "") == (theirs or "") or not _shown(fld, mine):
                continue
            found.append(
                UnsavedText(form_heading(form), str(fld.label), _shown(fld, mine))
            )
    return found
