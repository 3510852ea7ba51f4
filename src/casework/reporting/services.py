"""Online Article 7 reports: start, save, clear, submit, publish, correct."""

from __future__ import annotations

import copy
import datetime as dt
import logging
from typing import Any

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.audit import services as audit
from casework.domain.languages import LANGUAGES, normalise
from casework.exports.pdf import render_pdf
from casework.reporting import notices
from casework.reporting.answers import Answers
from casework.reporting.models import ClearanceRule, Report, ReportRevision, ReportStep
from casework.reporting.permissions import (
    can_change_language,
    can_clear,
    can_correct,
    can_edit,
    can_publish,
    can_return_to_draft,
    can_submit,
    clearance_route,
    clears_with_support_unit,
)
from casework.reporting.schema import FLAGGABLE
from casework.states.models import StateParty

logger = logging.getLogger(__name__)

# Saves by the same person within this window update one revision instead of adding one.
REVISION_WINDOW = dt.timedelta(minutes=2)


class ReportError(ValueError):
    """A workflow step that cannot be taken now; the message says why."""


class StaleDraft(ReportError):
    """Someone else saved the draft since this page was loaded."""


def previous_report(state: StateParty, year: int) -> Report | None:
    """The latest submitted (or published) report of an earlier year, latest version."""
    return (
        Report.objects.filter(
            state=state,
            year__lt=year,
            status__in=(Report.Status.SUBMITTED, Report.Status.PUBLISHED),
        )
        .order_by("-year", "-version")
        .first()
    )


def current_report(state: StateParty, year: int) -> Report | None:
    return Report.objects.filter(state=state, year=year).order_by("-version").first()


def _carried(previous: Report, code: str) -> tuple[dict[str, Any], int]:
    """The previous report's content of a form and the year it dates from."""
    since = previous.year
    if previous.flag(code) == Report.Flag.UNCHANGED:
        since = int(previous.unchanged_since.get(code) or previous.year)
    return copy.deepcopy(previous.form_answers(code)), since


@transaction.atomic
def start_report(
    state: StateParty, year: int, *, user: User, language: str, from_last_year: bool
) -> Report:
    """The State's draft for `year`; an existing report for that year is returned as is."""
    existing = current_report(state, year)
    if existing is not None:
        return existing
    report = Report(
        state=state, year=year, language=normalise(language), created_by=user
    )
    previous = previous_report(state, year) if from_last_year else None
    if previous is not None:
        report.started_from = previous
        report.answers = copy.deepcopy(previous.answers)
        report.answers.setdefault("COVER", {})["report_date"] = ""
        report.flags = dict(previous.flags)
        for code, flag in report.flags.items():
            if flag == Report.Flag.UNCHANGED:
                report.answers[code], report.unchanged_since[code] = _carried(
                    previous, code
                )
    report.save()
    _keep_revision(report, user)
    record_step(report, ReportStep.Kind.DRAFTED, user=user, detail=report.language)
    logger.info("report %s: started for %s %d", report.pk, state.iso3, year)
    return report


def record_step(
    report: Report, kind: str, *, user: User, detail: str = "", note: str = ""
) -> ReportStep:
    """Keep who took a workflow step and when (shown on the report page)."""
    return ReportStep.objects.create(
        report=report, kind=kind, by=user, detail=detail, note=note
    )


def _keep_revision(report: Report, user: User) -> None:
    latest = report.revisions.order_by("-number").first()
    now = timezone.now()
    if (
        latest
        and latest.saved_by_id == user.pk
        and now - latest.updated_at < REVISION_WINDOW
    ):
        latest.number = report.revision
        latest.answers, latest.flags = report.answers, report.flags
        latest.save()
        return
    ReportRevision.objects.create(
        report=report,
        number=report.revision,
        answers=report.answers,
        flags=report.flags,
        saved_by=user,
    )


@transaction.atomic
def save_draft(
    report: Report,
    *,
    user: User,
    answers: Answers,
    flags: dict[str, str],
    revision: int | None,
) -> Report:
    """Merge posted answers and flags into the draft and keep the result as a revision.

    A form flagged unchanged takes the previous report's content (whatever was posted).
    `revision` is the draft's revision the page was loaded with: the write is one
    UPDATE … WHERE revision = that number (optimistic concurrency), so a save from a
    page older than any other save — another person's, or the same person's other tab —
    changes nothing and raises StaleDraft, as does a save that names no revision.
    """
    if revision is None:
        raise StaleDraft(
            _("This save did not say which revision of the draft it was made on.")
        )
    report = Report.objects.get(pk=report.pk)
    if not can_edit(user, report):
        raise ReportError(_("This report is no longer a draft you can edit."))
    if revision != report.revision:
        raise StaleDraft(_("Another person saved this draft since you opened it."))
    for code, values in answers.items():
        report.answers[code] = values
    previous = None
    for code, flag in flags.items():
        if code not in FLAGGABLE:
            continue
        if flag:
            report.flags[code] = flag
        else:
            report.flags.pop(code, None)
            report.unchanged_since.pop(code, None)
        if flag == Report.Flag.UNCHANGED:
            previous = previous or previous_report(report.state, report.year)
            if previous is not None:
                report.answers[code], report.unchanged_since[code] = _carried(
                    previous, code
                )
    now = timezone.now()
    written = Report.objects.filter(
        pk=report.pk, revision=revision, status=Report.Status.DRAFT
    ).update(
        revision=revision + 1,
        answers=report.answers,
        flags=report.flags,
        unchanged_since=report.unchanged_since,
        updated_at=now,
    )
    if written != 1:  # saved by someone else between our read and our write
        raise StaleDraft(_("Another person saved this draft since you opened it."))
    report.revision, report.updated_at = revision + 1, now
    _keep_revision(report, user)
    return report


def _stored(report: Report) -> dict[str, Any] | None:
    """The report as stored now, for the audit log's "before"."""
    return audit.snapshot(Report.objects.filter(pk=report.pk).first())


def _audit(
    action: str, report: Report, *, user: User, before: dict[str, Any] | None
) -> None:
    """One audit entry for a workflow step, in the step's transaction."""
    audit.record(
        action, actor=user, obj=report, before=before, after=audit.snapshot(report)
    )


def _check(allowed: bool, message: object) -> None:
    if not allowed:
        raise ReportError(message)


@transaction.atomic
def request_clearance(report: Report, *, user: User) -> Report:
    from casework.reporting.validation import validate

    _check(
        can_edit(user, report),
        _("Only a draft of your own State can be sent for clearance."),
    )
    if validate(report):
        raise ReportError(
            _("Complete the fields marked as missing or inconsistent first.")
        )
    before = _stored(report)
    report.status = Report.Status.IN_CLEARANCE
    report.clearance_requested_by = user
    report.clearance_by = clearance_route(report, user)
    report.return_note = ""
    report.save()
    _audit(audit.Action.SENT_FOR_CLEARANCE, report, user=user, before=before)
    record_step(
        report,
        ReportStep.Kind.SENT_FOR_CLEARANCE,
        user=user,
        detail=report.clearance_by,
    )
    notices.clearance_requested(report, by=user)
    return report


@transaction.atomic
def return_to_draft(report: Report, *, user: User, note: str = "") -> Report:
    _check(
        can_return_to_draft(user, report),
        _("Only a report awaiting clearance or cleared can go back to draft."),
    )
    before = _stored(report)
    report.status = Report.Status.DRAFT
    report.cleared_by, report.cleared_at = None, None
    report.return_note = note.strip()
    report.save()
    _audit(audit.Action.RETURNED, report, user=user, before=before)
    record_step(report, ReportStep.Kind.RETURNED, user=user, note=report.return_note)
    notices.returned(report, by=user)
    return report


@transaction.atomic
def clear(report: Report, *, user: User) -> Report:
    _check(
        can_clear(user, report),
        _(
            "Clearance is given by a second focal point of the State, not by the "
            "author, or by the support unit when the State has no second focal point."
        ),
    )
    by_support_unit = clears_with_support_unit(report)
    before = _stored(report)
    report.status = Report.Status.CLEARED
    report.cleared_by = user
    report.cleared_at = timezone.now()
    report.save()
    _audit(audit.Action.CLEARED, report, user=user, before=before)
    record_step(
        report,
        ReportStep.Kind.CLEARED,
        user=user,
        detail="support_unit" if by_support_unit else "focal_point",
    )
    notices.cleared(report, by=user)
    return report


def submit(report: Report, *, user: User) -> Report:
    """Submit a cleared report: time-stamped, read-only, filed as a document with findings."""
    from casework.reporting.feed import feed_submission
    from casework.reporting.layout import report_spec

    _check(can_submit(user, report), _("Only a cleared report can be submitted."))
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        _check(
            report.status == Report.Status.CLEARED,
            _("Only a cleared report can be submitted."),
        )
        before = audit.snapshot(report)
        report.status = Report.Status.SUBMITTED
        report.submitted_by = user
        report.submitted_at = timezone.now()
        report.save()
        _audit(audit.Action.SUBMITTED, report, user=user, before=before)
        record_step(report, ReportStep.Kind.SUBMITTED, user=user)
        feed_submission(report, render_pdf(report_spec(report)), user=user)
        notices.submitted(report, by=user)
    return report


@transaction.atomic
def publish(report: Report, *, user: User) -> Report:
    _check(
        can_publish(user, report),
        _("Only the support unit publishes submitted reports."),
    )
    before = _stored(report)
    report.status = Report.Status.PUBLISHED
    report.published_at = timezone.now()
    report.save()
    _audit(audit.Action.PUBLISHED, report, user=user, before=before)
    record_step(report, ReportStep.Kind.PUBLISHED, user=user)
    return report


@transaction.atomic
def change_language(report: Report, *, user: User, language: str) -> Report:
    """The language of the report: its answers' language and its documents' labels."""
    _check(
        can_change_language(user, report),
        _("The language can be changed on a draft of your own State only."),
    )
    _check(
        language in LANGUAGES,
        _("Choose English, French or Spanish as the language of the report."),
    )
    if language != report.language:
        report.language = language
        report.save(update_fields=["language", "updated_at"])
        record_step(report, ReportStep.Kind.LANGUAGE, user=user, detail=language)
    return report


@transaction.atomic
def set_clearance_rule(state: StateParty, *, cleared_by: str, user: User) -> None:
    """The support unit records who clears the State's reports."""
    ClearanceRule.objects.update_or_create(
        state=state, defaults={"cleared_by": cleared_by, "updated_by": user}
    )


@transaction.atomic
def correct(report: Report, *, user: User) -> Report:
    """A new draft version copying the submitted one; the submitted version stays as it was."""
    _check(
        can_correct(user, report),
        _("Only the latest submitted version can be corrected."),
    )
    latest = report.state.online_reports.filter(year=report.year).aggregate(
        v=Max("version")
    )
    correction = Report.objects.create(
        state=report.state,
        year=report.year,
        version=(latest["v"] or report.version) + 1,
        language=report.language,
        answers=copy.deepcopy(report.answers),
        flags=dict(report.flags),
        unchanged_since=dict(report.unchanged_since),
        corrects=report,
        started_from=report.started_from,
        created_by=user,
    )
    _keep_revision(correction, user)
    record_step(correction, ReportStep.Kind.DRAFTED, user=user, detail=report.language)
    audit.record(
        audit.Action.CREATED,
        actor=user,
        obj=correction,
        after=audit.snapshot(correction),
        message=f"correction of report {report.pk} (version {report.version})",
    )
    return correction
