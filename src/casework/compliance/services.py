"""The Article 7 compliance tracker: who reported, when, and reminders to those who did not."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from casework.compliance.models import Reminder, Submission
from casework.domain.languages import normalise
from casework.domain.locale import format_date, format_integer
from casework.domain.treaty import TREATY
from casework.states.models import StateParty

logger = logging.getLogger(__name__)

ON_TIME = "on_time"
LATE = "late"
MISSING = "missing"
NOT_YET_DUE = "not_yet_due"
INITIAL_DUE = "initial_due"
INITIAL_OVERDUE = "initial_overdue"

STATUS_LABELS = {
    ON_TIME: _("Submitted on time"),
    LATE: _("Submitted late"),
    MISSING: _("Missing"),
    NOT_YET_DUE: _("Not yet submitted (due 30 April)"),
    INITIAL_DUE: _("Initial report due"),
    INITIAL_OVERDUE: _("Initial report overdue"),
}
STATUS_ORDER = (ON_TIME, LATE, NOT_YET_DUE, MISSING, INITIAL_DUE, INITIAL_OVERDUE)


def deadline(year: int) -> dt.date:
    """Article 7.2: annual reports are due by 30 April of the reporting year."""
    return TREATY.report_deadline(year)


def record_submission(
    state: StateParty, year: int, *, submitted_at: dt.date, source: str
) -> Submission:
    """Record that a State's Article 7 report for `year` arrived; the earliest date counts.

    Called by uploads (documents) and by the online reporting tool (issue 5).
    """
    submission, created = Submission.objects.get_or_create(
        state=state,
        year=year,
        defaults={"submitted_at": submitted_at, "source": source},
    )
    if not created and submitted_at < submission.submitted_at:
        submission.submitted_at = submitted_at
        submission.source = source
        submission.save(update_fields=["submitted_at", "source", "updated_at"])
    logger.info(
        "Article 7 report of %s for %d: submitted %s", state.iso3, year, submitted_at
    )
    return submission


@dataclass(frozen=True)
class TrackerRow:
    state: StateParty
    status: str
    submitted_at: dt.date | None
    days_late: int
    initial_due: dt.date | None

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self.status])

    @property
    def detail(self) -> str:
        if self.status == LATE:
            language = normalise(get_language())
            return ngettext(
                "%(days)s day late", "%(days)s days late", self.days_late
            ) % {"days": format_integer(self.days_late, language)}
        if self.status in {INITIAL_DUE, INITIAL_OVERDUE} and self.initial_due:
            day = format_date(self.initial_due, normalise(get_language()))
            return str(_("due %(date)s")) % {"date": day}
        return ""


def status_for(
    state: StateParty,
    year: int,
    submission: Submission | None,
    *,
    today: dt.date,
    ever_submitted: bool,
) -> TrackerRow:
    """One State's status for a reporting year."""
    due = deadline(year)
    initial_due = state.initial_report_due()
    if submission is not None:
        late = (submission.submitted_at - due).days
        status = LATE if late > 0 else ON_TIME
        return TrackerRow(
            state, status, submission.submitted_at, max(late, 0), initial_due
        )
    # A State whose initial report falls due after the previous annual deadline owes
    # its initial report, not an annual one (Article 7.1 vs 7.2).
    if initial_due and initial_due > deadline(year - 1) and not ever_submitted:
        status = INITIAL_OVERDUE if today > initial_due else INITIAL_DUE
        return TrackerRow(state, status, None, 0, initial_due)
    status = MISSING if today > due else NOT_YET_DUE
    return TrackerRow(state, status, None, 0, initial_due)


def tracker(year: int, *, today: dt.date | None = None) -> list[TrackerRow]:
    """Every State not known to be a non-party on 30 April of `year`, with its status.

    Three queries whatever the number of States. States whose dates the sources do not
    give are kept (as on the home map): leaving them out would hide missing reports.
    """
    today = today or timezone.localdate()
    day = deadline(year)
    states = [s for s in StateParty.objects.all() if s.is_party_on(day) is not False]
    by_state = {s.state_id: s for s in Submission.objects.filter(year=year)}
    earlier = reported_as_party(
        states,
        Submission.objects.filter(year__lt=year).values_list(
            "state_id", "submitted_at"
        ),
    )
    rows = [
        status_for(
            state,
            year,
            by_state.get(state.pk),
            today=today,
            ever_submitted=state.pk in earlier,
        )
        for state in states
    ]
    rows.sort(key=lambda row: row.state.name)
    return rows


def reported_as_party(
    states: list[StateParty], submissions: Iterable[tuple[int, dt.date]]
) -> set[int]:
    """The ids of States with a report received on or after their entry into force.

    A report filed before a State was bound (demo data, a voluntary report) is not its
    initial report: the initial report is still owed.
    """
    in_force = {state.pk: state.entry_into_force for state in states}
    reported: set[int] = set()
    for state_id, submitted_at in submissions:
        if state_id not in in_force:
            continue
        since = in_force[state_id]
        if since is None or submitted_at >= since:
            reported.add(state_id)
    return reported


def state_status(
    state: StateParty, *, today: dt.date | None = None
) -> TrackerRow | None:
    """The State's Article 7 status for the current reporting year (the State page's
    line); None when it is not a party on that year's deadline."""
    today = today or timezone.localdate()
    year = today.year
    if (
        state.is_party_on(deadline(year)) is False
        and state.is_party_on(today) is not True
    ):
        return None
    submissions = Submission.objects.filter(state=state, year__lte=year)
    this_year = next((s for s in submissions if s.year == year), None)
    earlier = reported_as_party(
        [state], [(s.state_id, s.submitted_at) for s in submissions if s.year < year]
    )
    return status_for(
        state, year, this_year, today=today, ever_submitted=state.pk in earlier
    )


def summary(rows: list[TrackerRow]) -> list[tuple[str, str, int]]:
    counts = {status: 0 for status in STATUS_ORDER}
    for row in rows:
        counts[row.status] += 1
    return [
        (status, str(STATUS_LABELS[status]), counts[status]) for status in STATUS_ORDER
    ]


def tracker_table(
    rows: list[TrackerRow],
) -> tuple[tuple[str, ...], list[tuple[str, ...]]]:
    header: tuple[str, ...] = (
        "ISO3",
        "State",
        "Status",
        "Submitted on",
        "Days late",
        "Initial report due",
    )
    body: list[tuple[str, ...]] = [
        (
            row.state.iso3,
            row.state.name_en,
            row.status,
            row.submitted_at.isoformat() if row.submitted_at else "",
            str(row.days_late) if row.status == LATE else "",
            row.initial_due.isoformat() if row.initial_due else "",
        )
        for row in rows
    ]
    return header, body


def states_to_remind(year: int, *, today: dt.date | None = None) -> list[StateParty]:
    return [row.state for row in tracker(year, today=today) if row.submitted_at is None]


def send_reminders(year: int, *, today: dt.date | None = None) -> int:
    """E-mail the focal points of States that have not reported for `year`; returns e-mails sent.

    A State is reminded at most once a week.
    """
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    from casework.accounts.models import Role

    today = today or timezone.localdate()
    week_ago = timezone.now() - dt.timedelta(days=7)
    sent = 0
    for state in states_to_remind(year, today=today):
        if Reminder.objects.filter(
            state=state, year=year, created_at__gte=week_ago
        ).exists():
            continue
        emails = sorted(
            p.user.email
            for p in state.profiles.filter(role=Role.FOCAL_POINT).select_related("user")
            if p.user.email and p.user.is_active
        )
        if not emails:
            continue
        context = {"state": state, "year": year, "deadline": deadline(year)}
        body = render_to_string("compliance/reminder_email.txt", context)
        subject = f"Article 7 report {year}: {state.name_en}"
        sent += send_mail(subject, body, None, emails)
        Reminder.objects.create(state=state, year=year, recipients=", ".join(emails))
    logger.info("reminders for %d: %d e-mails sent", year, sent)
    return sent


def ensure_reminders_scheduled(*, every: dt.timedelta = dt.timedelta(days=1)) -> None:
    """Keep one future reminder run queued on the worker (it re-schedules itself)."""
    from casework.compliance.tasks import send_reporting_reminders
    from casework.documents.services import _has_pending

    if _has_pending(send_reporting_reminders.module_path):
        return
    send_reporting_reminders.using(run_after=timezone.now() + every).enqueue()
