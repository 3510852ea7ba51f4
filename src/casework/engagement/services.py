"""Services of the engagement app: the log, the coverage figure, look-ups for other apps."""

from __future__ import annotations

import datetime as dt
import logging

from django.apps import apps
from django.db import transaction
from django.db.models import Q, QuerySet

from casework.domain import state_names
from casework.domain.languages import LANGUAGES
from casework.engagement import phrases
from casework.engagement.models import (
    NEXT_STATUS,
    Case,
    CaseStep,
    Event,
    ExchangeVisit,
    LogEntry,
    Platform,
)
from casework.states.models import (
    Committee,
    CommitteeMembership,
    CommitteeRole,
    StateParty,
)

logger = logging.getLogger(__name__)

# Calendar items only: they are not the Committee's own activities.
NOT_IN_LOG = (Event.Kind.DEADLINE, Event.Kind.INTERSESSIONAL, Event.Kind.MSP)
VISITS_IN_LOG = (ExchangeVisit.Status.DONE, ExchangeVisit.Status.LESSONS_RECORDED)


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def members_of_year(year: int) -> list[StateParty]:
    """States sitting on the cooperation committee at any time in `year`, by English name."""
    first, last = _year_bounds(year)
    terms = CommitteeMembership.objects.filter(
        committee__code=Committee.Code.COOPERATION, start__lte=last, end__gte=first
    ).select_related("state")
    states = {term.state.pk: term.state for term in terms}
    return sorted(states.values(), key=lambda state: state.name_en)


def chairs_of_year(year: int) -> list[tuple[StateParty, dt.date, dt.date]]:
    """(State, from, until) for each chair of the cooperation committee in `year`."""
    first, last = _year_bounds(year)
    roles = CommitteeRole.objects.filter(
        kind=CommitteeRole.Kind.CHAIR,
        membership__committee__code=Committee.Code.COOPERATION,
        start__lte=last,
        end__gte=first,
    ).select_related("membership__state")
    return [
        (role.membership.state, role.start, role.end)
        for role in roles.order_by("start")
    ]


Source = tuple[dt.date, dict[str, str], str]  # (date, {language: text}, link)


def _add(
    found: dict[str, Source],
    key: str,
    day: dt.date | None,
    texts: dict[str, str],
    link: str = "",
) -> None:
    """Record a source; one without its date or without any text is not a log entry yet."""
    if day is not None and texts:
        found[key] = (day, texts, link)


def _sources(year: int) -> dict[str, Source]:
    """Every log-worthy fact of `year` as source key -> (date, texts, link)."""
    first, last = _year_bounds(year)
    found: dict[str, Source] = {}
    chairs = chairs_of_year(year)
    if chairs:
        _add(
            found,
            f"chairs:{year}",
            max(first, chairs[0][1]),
            phrases.chairs_texts(chairs),
        )
    events = (
        Event.objects.filter(start__range=(first, last), in_report=True)
        .exclude(kind__in=NOT_IN_LOG)
        .prefetch_related("speakers")
    )
    for event in events:
        _add(
            found,
            f"event:{event.pk}",
            event.start,
            phrases.event_texts(event),
            event.link,
        )
    requested = Case.objects.filter(requested_on__range=(first, last)).select_related(
        "state"
    )
    for case in requested:
        _add(
            found,
            f"case:{case.pk}",
            case.requested_on,
            phrases.case_request_texts(case),
        )
    published = Case.objects.filter(published_on__range=(first, last)).select_related(
        "state"
    )
    for case in published:
        _add(
            found,
            f"case-published:{case.pk}",
            case.published_on,
            phrases.case_published_texts(case),
        )
    steps = (
        CaseStep.objects.filter(date__range=(first, last), done=True)
        .select_related("case__state", "in_margins_of")
        .prefetch_related("participants__state")
    )
    for step in steps:
        _add(found, f"step:{step.pk}", step.date, phrases.step_texts(step))
    visits = ExchangeVisit.objects.filter(
        start__range=(first, last), status__in=VISITS_IN_LOG
    ).select_related("requesting_state", "host_state")
    for visit in visits:
        _add(found, f"visit:{visit.pk}", visit.start, phrases.visit_texts(visit))
    return found


@transaction.atomic
def sync_log(year: int) -> int:
    """Bring the year's generated log entries up to date; editors' texts are kept.

    Returns the number of entries created, changed or removed.
    """
    sources = _sources(year)
    # An entry whose source moved here from another year is taken over, not duplicated.
    existing = {
        entry.source_key: entry
        for entry in LogEntry.objects.filter(
            Q(year=year) | Q(source_key__in=list(sources))
        ).exclude(source_key="")
    }
    created, changed = [], []
    for key, (day, texts, link) in sources.items():
        entry = existing.pop(key, None)
        if entry is None:
            created.append(
                LogEntry(
                    year=year, date=day, source_key=key, generated=texts, link=link
                )
            )
            continue
        new = (year, day, texts, link)
        if (entry.year, entry.date, entry.generated, entry.link) != new:
            entry.year, entry.date, entry.generated, entry.link = new
            changed.append(entry)
    # An entry whose source is gone (deleted, moved to another year, no longer done) goes,
    # unless an editor wrote its text: that text is theirs, so it stays as a hand entry.
    gone = [entry for entry in existing.values() if not entry.is_edited]
    kept = [entry for entry in existing.values() if entry.is_edited]
    for entry in kept:
        entry.source_key = ""
    LogEntry.objects.bulk_create(created)
    fields = ["year", "date", "generated", "link", "source_key", "updated_at"]
    now = dt.datetime.now(tz=dt.UTC)
    for entry in changed + kept:
        entry.updated_at = now
    LogEntry.objects.bulk_update(changed + kept, fields)
    LogEntry.objects.filter(pk__in=[entry.pk for entry in gone]).delete()
    touched = len(created) + len(changed) + len(gone) + len(kept)
    if touched:
        logger.info(
            "log %s: %d created, %d changed, %d removed",
            year,
            len(created),
            len(changed),
            len(gone),
        )
    return touched


def log_for_year(year: int) -> QuerySet[LogEntry]:
    return LogEntry.objects.filter(year=year).order_by("date", "pk")


def advance_visit(visit: ExchangeVisit) -> ExchangeVisit:
    """Move an exchange visit to its next status (requested → approved → done → lessons)."""
    following = NEXT_STATUS.get(ExchangeVisit.Status(visit.status))
    if following is None:
        raise ValueError(f"visit {visit.pk}: {visit.status} is the last status")
    if following == ExchangeVisit.Status.LESSONS_RECORDED and not visit.lessons.strip():
        raise ValueError(
            f"visit {visit.pk}: write the lessons learned before recording them"
        )
    visit.status = following
    visit.save(update_fields=["status", "updated_at"])
    return visit


def search_lessons(query: str) -> QuerySet[ExchangeVisit]:
    """Visits between the States the query names (in English, French or Spanish, former
    names too: "Cambodge", "Soudan du Sud", "Turkey") whose lessons, feedback or topic
    mention every other word of `query`."""
    visits = ExchangeVisit.objects.exclude(lessons="").select_related(
        "requesting_state", "host_state"
    )
    states, words = state_names.states_in_query(query)
    for iso3 in states:
        visits = visits.filter(
            Q(requesting_state__iso3=iso3) | Q(host_state__iso3=iso3)
        )
    for word in words:
        in_topic = Q()
        for code in LANGUAGES:
            in_topic |= Q(**{f"topics__{code}__icontains": word})
            # a part of a name ("Camb"): whole names were taken out above
            in_topic |= Q(**{f"requesting_state__name_{code}__icontains": word})
            in_topic |= Q(**{f"host_state__name_{code}__icontains": word})
        visits = visits.filter(
            Q(lessons__icontains=word)
            | in_topic
            | Q(feedback_requesting__icontains=word)
            | Q(feedback_host__icontains=word)
        )
    return visits.order_by("-start", "pk")


def platform_coverage() -> tuple[int, int]:
    """(n, m): n of the m affected States that have not withdrawn report a platform."""
    affected = StateParty.objects.filter(
        article5_status="yes", withdrawal_effective__isnull=True
    )
    with_platform = affected.filter(platform__exists=Platform.Exists.YES)
    return with_platform.count(), affected.count()


def national_platform(state: StateParty) -> Platform | None:
    """The platform register's entry for a State (the observations' `national_platform`)."""
    return Platform.objects.filter(state=state).first()


def published_for_state(state: StateParty) -> list[Case]:
    """The State's published individualised-approach cases, newest first (public)."""
    return list(
        Case.objects.filter(state=state, published_on__isnull=False).order_by(
            "-published_on"
        )
    )


def structured_needs(state: StateParty) -> list[object]:
    """The State's needs as the funding app records them (read-only; [] without it)."""
    # Read through the app registry so the case page still works while funding changes.
    try:
        need = apps.get_model("funding", "Need")
    except LookupError:
        return []
    return list(need.objects.filter(state=state).order_by("-year")[:20])
