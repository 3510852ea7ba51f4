"""Everything the Committee knows about one State and year, for its observations.

Reviewed findings (of uploaded documents and of the submitted online report), the
online report itself, the platform register, exchange visits, individualised-approach
cases and the events of those cases. Each piece of information is a `Source` that the
drafting cites; `stamp` is a cheap fingerprint of all of them, stored on the observation
when it is drafted, so a later change in any source marks the draft stale.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Q

from casework.domain.languages import LANGUAGES, pick
from casework.domain.locale import format_date, format_date_range
from casework.domain.state_names import short_name
from casework.observations.register import PlatformRecord
from casework.states.models import StateParty

if TYPE_CHECKING:
    from casework.reporting.models import Report

# The kinds of source a sentence can cite.
DOCUMENT = "document"
ONLINE_REPORT = "online_report"
PLATFORM = "platform"
VISIT = "visit"
CASE = "case"
EVENT = "event"

# How a source is cited, per language. {name}: file name, {route}: "Nigeria → Türkiye".
CITE: dict[str, dict[str, str]] = {
    DOCUMENT: {
        "en": "Article 7 report, {name}",
        "fr": "rapport au titre de l'article 7, {name}",
        "es": "informe presentado en virtud del artículo 7, {name}",
    },
    ONLINE_REPORT: {
        "en": "online Article 7 report for {year}",
        "fr": "rapport en ligne au titre de l'article 7 pour {year}",
        "es": "informe en línea en virtud del artículo 7 correspondiente a {year}",
    },
    PLATFORM: {
        "en": "register of national platforms",
        "fr": "registre des plateformes nationales",
        "es": "registro de plataformas nacionales",
    },
    VISIT: {
        "en": "exchange visit {route}{when}",
        "fr": "visite d'échange {route}{when}",
        "es": "visita de intercambio {route}{when}",
    },
    CASE: {
        "en": "individualised-approach case requested on {when}",
        "fr": "demande d'approche individualisée du {when}",
        "es": "solicitud de enfoque individualizado del {when}",
    },
    EVENT: {
        "en": "{name}{when}",
        "fr": "{name}{when}",
        "es": "{name}{when}",
    },
}


@dataclass(frozen=True, slots=True)
class Source:
    """One record the Committee holds, as a citation needs it."""

    kind: str
    name: str = ""  # a file name; an event's title in English
    titles: tuple[tuple[str, str], ...] = ()  # an event's title per language
    year: int | None = None
    start: dt.date | None = None
    end: dt.date | None = None
    route: tuple[str, str] = ("", "")  # ISO3 of the requesting and the host State

    def cite(self, language: str) -> str:
        """ "exchange visit Nigeria → Türkiye, 6–9 October 2025"."""
        when = ""
        if self.start and self.end and self.end != self.start:
            when = ", " + format_date_range(self.start, self.end, language)
        elif self.start:
            when = ", " + format_date(self.start, language)
        route = ""
        if self.route[0]:
            route = (
                f"{short_name(self.route[0], language)} → "
                f"{short_name(self.route[1], language)}"
            )
        name = self.name
        if self.titles:
            name = pick(dict(self.titles), language)
        if self.kind == CASE and self.start:
            when = format_date(self.start, language)
        return pick(CITE[self.kind], language).format(
            name=name, year=self.year, route=route, when=when
        )


@dataclass
class Knowledge:
    """What the drafting of one State-year rests on."""

    # indicator code -> what the State reported on it (reviewed findings)
    reported: dict[str, list[Source]] = field(default_factory=dict)
    # indicator code -> what the Committee's own records hold on it
    recorded: dict[str, list[Source]] = field(default_factory=dict)
    # codes with a finding still awaiting review (and nothing reviewed yet)
    pending: set[str] = field(default_factory=set)
    has_documents: bool = False
    platform: PlatformRecord | None = None
    stamp: str = ""

    @property
    def informed(self) -> set[str]:
        """Codes on which the Committee holds information from any source."""
        codes = set(self.reported) | set(self.recorded)
        if self.platform is not None and self.platform.exists in {"yes", "no"}:
            codes.add("national_platform")
        return codes


def window(year: int) -> tuple[dt.date, dt.date]:
    """The period whose records count for a reporting year: the calendar year the
    report covers (Article 7.2: the previous one) and the year it is considered in."""
    return dt.date(year - 1, 1, 1), dt.date(year, 12, 31)


def submitted_reports(state: StateParty, year: int) -> list[Report]:
    """The State's submitted or published online reports of the year (read-only)."""
    from casework.reporting.models import Report

    return list(
        Report.objects.filter(
            state=state,
            year=year,
            status__in=[Report.Status.SUBMITTED, Report.Status.PUBLISHED],
        ).order_by("version")
    )


def _add(into: dict[str, list[Source]], code: str, source: Source) -> None:
    if source not in into.setdefault(code, []):
        into[code].append(source)


def gather(state: StateParty, year: int) -> Knowledge:
    """Collect every source on the State and year, and their fingerprint."""
    from casework.engagement.models import Case, CaseStep, ExchangeVisit, Platform
    from casework.findings.models import Finding

    knowledge = Knowledge()
    marks: list[str] = []
    reports = submitted_reports(state, year)
    online_documents = {
        getattr(r, "document_id", None) for r in reports if r.document_id
    }
    for report in reports:
        marks.append(f"r{report.pk}:{getattr(report, 'status', '')}")
    findings = Finding.objects.filter(
        document__state=state, document__year=year
    ).select_related("document")
    per_code: dict[str, list[Finding]] = defaultdict(list)
    for finding in findings:
        knowledge.has_documents = True
        marks.append(f"f{finding.pk}:{finding.decision}:{finding.updated_at}")
        per_code[finding.indicator].append(finding)
    for code, items in per_code.items():
        reviewed = [f for f in items if f.decision != Finding.Decision.PENDING]
        for finding in reviewed:
            if not finding.reported:
                continue
            if (
                finding.source == Finding.Source.FORM
                or finding.document_id in online_documents
            ):
                source = Source(ONLINE_REPORT, year=year)
            else:
                source = Source(DOCUMENT, name=finding.document.filename)
            _add(knowledge.reported, code, source)
        waiting = [
            f
            for f in items
            if f.decision == Finding.Decision.PENDING and f.present and f.in_latest_run
        ]
        if waiting and code not in knowledge.reported:
            knowledge.pending.add(code)

    platform = Platform.objects.filter(state=state).first()
    if platform is not None:
        marks.append(
            f"p{platform.pk}:{platform.updated_at}:{platform.exists}:"
            f"{platform.established_on}:{platform.last_meeting_on}"
        )
        knowledge.platform = PlatformRecord(
            exists=platform.exists,
            established_on=platform.established_on,
            last_meeting_on=platform.last_meeting_on,
        )

    first, last = window(year)
    visits = (
        ExchangeVisit.objects.filter(Q(requesting_state=state) | Q(host_state=state))
        .exclude(status=ExchangeVisit.Status.REQUESTED)
        .filter(start__gte=first, start__lte=last)
        .order_by("start", "pk")
    )
    for visit in visits:
        marks.append(f"v{visit.pk}:{visit.updated_at}:{visit.start}:{visit.end}")
        _add(
            knowledge.recorded,
            "knowledge_exchange",
            Source(
                VISIT,
                start=visit.start,
                end=visit.end,
                route=(
                    visit.requesting_state.iso3,
                    visit.host_state.iso3,
                ),
            ),
        )
    cases = Case.objects.filter(state=state, requested_on__lte=last).order_by(
        "requested_on", "pk"
    )
    for case in cases:
        marks.append(f"c{case.pk}:{case.updated_at}")
        _add(
            knowledge.recorded,
            "individualised_approach",
            Source(CASE, start=case.requested_on),
        )
    steps = (
        CaseStep.objects.filter(case__state=state, in_margins_of__isnull=False)
        .filter(in_margins_of__start__gte=first, in_margins_of__start__lte=last)
        .select_related("in_margins_of")
    )
    for step in steps:
        event = step.in_margins_of
        assert event is not None
        marks.append(f"s{step.pk}:{step.updated_at}:e{event.pk}:{event.updated_at}")
        titles = tuple((code, event.title(code)) for code in LANGUAGES)
        _add(
            knowledge.recorded,
            "individualised_approach",
            Source(
                EVENT,
                name=event.title("en"),
                titles=titles,
                start=event.start,
                end=event.end,
            ),
        )
    for code in knowledge.reported:
        knowledge.pending.discard(code)
    knowledge.stamp = hashlib.sha256("|".join(sorted(marks)).encode()).hexdigest()[:32]
    return knowledge
