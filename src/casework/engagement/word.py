"""The Word round trip of the annual report and of a case's final report.

A copy exported by Casework and edited in Word comes back: its content paragraphs are
read (tracked changes accepted, comments ignored, `exports.word_edits`), lined up with
the document as it stands, and the changes a person accepts are made where the text
lives: a log entry's or a priority's text in that language for the annual report (a
paragraph added becomes a log entry written by hand or a priority, one removed leaves
the report), the final report's text for a case. Each application is a `Revision`
that records who uploaded the copy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from casework.engagement import documents
from casework.engagement.models import (
    Case,
    Document,
    LogEntry,
    Priority,
    Revision,
    WordUpload,
    written,
)
from casework.engagement.services import log_for_year
from casework.exports.word_edits import (
    Change,
    DraftChangedError,
    apply,
    body_paragraphs,
    changes,
)

FIXED = "fixed"  # a paragraph Casework writes itself ("Submitted by …"): not editable


@dataclass(frozen=True, slots=True)
class Current:
    paragraphs: list[str]
    keys: list[str]


def _flat(text: str) -> str:
    """A paragraph as the Word read-back gives it (every run of white space one space)."""
    return " ".join(text.split())


def report_now(year: int, language: str) -> Current:
    """The annual report's content paragraphs in `language`, each with what it is."""
    section_one, section_two = documents.report_sections(year, language)
    paragraphs = [_flat(documents.submitted_by(year, language))]
    keys = [FIXED]
    for p in section_one:
        paragraphs.append(_flat(p.text))
        keys.append(f"entry:{p.entry_id}")
    priorities = list(Priority.objects.filter(year=year))
    for p, priority in zip(section_two, priorities, strict=True):
        paragraphs.append(_flat(p.text))
        keys.append(f"priority:{priority.pk}")
    return Current(paragraphs, keys)


def case_now(case: Case, language: str) -> Current:
    text = case.final_report(language) or documents.draft_case_report(case, language)
    paragraphs = documents.report_paragraphs(text)
    return Current(paragraphs, [""] * len(paragraphs))


def current(upload: WordUpload) -> Current:
    if upload.document == Document.CASE_REPORT:
        assert upload.case is not None
        return case_now(upload.case, upload.language)
    assert upload.year is not None
    return report_now(upload.year, upload.language)


def read_word(
    data: bytes,
    *,
    language: str,
    filename: str,
    user: User,
    year: int | None = None,
    case: Case | None = None,
) -> WordUpload:
    """Keep an edited copy's paragraphs beside the document's (WordFileError when the
    file cannot be read; nothing is stored then)."""
    edited = body_paragraphs(data)
    if case is not None:
        now, document = case_now(case, language), Document.CASE_REPORT
    else:
        assert year is not None
        now, document = report_now(year, language), Document.REPORT
    return WordUpload.objects.create(
        document=document,
        year=year,
        case=case,
        language=language,
        filename=filename[:255],
        uploaded_by=user,
        base=now.paragraphs,
        keys=now.keys,
        edited=edited,
    )


def word_changes(upload: WordUpload) -> list[Change]:
    """The changes a person may accept: none to the paragraphs Casework writes itself
    (a rewording of one reads as its removal and an addition in its place: both go)."""
    keys = list(upload.keys)
    found = changes(list(upload.base), list(upload.edited))
    fixed = {
        change.position
        for change in found
        if change.kind != "insert"
        and any(keys[change.position + i] == FIXED for i in range(len(change.before)))
    }
    return [
        change
        for change in found
        if change.position not in fixed
        and not (change.kind == "insert" and change.position - 1 in fixed)
    ]


@transaction.atomic
def apply_word(upload: WordUpload, accepted: set[int], *, user: User) -> Revision:
    """Make the accepted changes (indexes into `word_changes`) and record a revision."""
    locked = WordUpload.objects.select_for_update().get(pk=upload.pk)
    if locked.applied_at is not None:  # applied meanwhile, from another tab
        raise DraftChangedError
    now = current(upload)
    if now.paragraphs != list(upload.base) or now.keys != list(upload.keys):
        raise DraftChangedError
    found = word_changes(upload)
    chosen = [change for n, change in enumerate(found) if n in accepted]
    if upload.document == Document.CASE_REPORT:
        assert upload.case is not None
        paragraphs = _apply_to_case(upload.case, upload.language, now, chosen)
    else:
        assert upload.year is not None
        _apply_to_report(upload.year, upload.language, now, chosen)
        paragraphs = report_now(upload.year, upload.language).paragraphs
    upload.applied_at = timezone.now()
    upload.applied = len(chosen)
    upload.save(update_fields=["applied_at", "applied", "updated_at"])
    return Revision.objects.create(
        document=upload.document,
        year=upload.year,
        case=upload.case,
        language=upload.language,
        paragraphs=paragraphs,
        source=Revision.Source.WORD,
        author=user,
        note=f"{upload.filename}: {len(chosen)}/{len(found)}"[:300],
    )


def record_browser_edit(case: Case, language: str, *, user: User) -> Revision:
    """A revision for a final report saved from its page."""
    return Revision.objects.create(
        document=Document.CASE_REPORT,
        case=case,
        language=language,
        paragraphs=case_now(case, language).paragraphs,
        source=Revision.Source.BROWSER,
        author=user,
    )


def _apply_to_case(
    case: Case, language: str, now: Current, chosen: list[Change]
) -> list[str]:
    paragraphs = apply(now.paragraphs, chosen)
    case.final_reports = {
        **written(case.final_reports),
        language: "\n\n".join(paragraphs),
    }
    case.save(update_fields=["final_reports", "updated_at"])
    return paragraphs


def _apply_to_report(
    year: int, language: str, now: Current, chosen: list[Change]
) -> None:
    entries = {f"entry:{e.pk}": e for e in log_for_year(year)}
    priorities = {f"priority:{p.pk}": p for p in Priority.objects.filter(year=year)}
    # The priorities in their new order: the kept ones, with the new ones in place.
    order: list[Priority] = [priorities[key] for key in now.keys if key in priorities]
    for change in sorted(chosen, key=lambda c: c.position, reverse=True):
        keys = now.keys[change.position : change.position + len(change.before)]
        if change.kind == "replace":
            _rewrite(entries, priorities, keys[0], change.after[0], language)
        elif change.kind == "delete":
            for key in keys:
                if key in entries:
                    entries[key].in_report = False
                    entries[key].save(update_fields=["in_report", "updated_at"])
                elif key in priorities:
                    order.remove(priorities[key])
                    priorities[key].delete()
        else:
            _insert(year, language, now, change, entries, priorities, order)
    for number, item in enumerate(order, start=1):
        if item.order != number:
            item.order = number
            item.save(update_fields=["order", "updated_at"])


def _rewrite(
    entries: dict[str, LogEntry],
    priorities: dict[str, Priority],
    key: str,
    text: str,
    language: str,
) -> None:
    if key in entries:
        entry = entries[key]
        entry.edited = {**written(entry.edited), language: text}
        entry.save(update_fields=["edited", "updated_at"])
    elif key in priorities:
        priority = priorities[key]
        priority.texts = {**written(priority.texts), language: text}
        priority.save(update_fields=["texts", "updated_at"])


def _insert(
    year: int,
    language: str,
    now: Current,
    change: Change,
    entries: dict[str, LogEntry],
    priorities: dict[str, Priority],
    order: list[Priority],
) -> None:
    """A paragraph added goes with the paragraph before it: after an activity (or the
    opening paragraph) it is a log entry written by hand, of that activity's date;
    after a priority, a priority. Added before the first paragraph, it opens section I."""
    before = now.keys[change.position - 1] if change.position > 0 else FIXED
    if before in priorities:
        at = order.index(priorities[before]) + 1
        for text in reversed(change.after):
            order.insert(at, Priority.objects.create(year=year, texts={language: text}))
        return
    day = entries[before].date if before in entries else _first_day(year, entries)
    for text in change.after:
        LogEntry.objects.create(year=year, date=day, edited={language: text})


def _first_day(year: int, entries: dict[str, LogEntry]) -> dt.date:
    days = [entry.date for entry in entries.values() if entry.in_report]
    return min(days) if days else dt.date(year, 1, 1)
