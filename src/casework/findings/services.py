"""Findings: sync with each analysis (keeping reviews), review, and reviewed aggregates."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.models import User
from django.db import connections, transaction
from django.db.models.signals import post_save, pre_save
from django.utils import timezone

from casework.documents.models import AnalysisRun, Document
from casework.findings.indicators import CODES
from casework.findings.models import AuditEntry, Finding


class ReviewError(ValueError):
    """A review that cannot be recorded; the message says why."""


def _snapshot(finding: Finding) -> dict[str, Any]:
    return {
        "present": finding.present,
        "evidence": finding.evidence,
        "decision": finding.decision,
        "comment": finding.comment,
        "corrected_present": finding.corrected_present,
        "corrected_evidence": finding.corrected_evidence,
    }


def sync_findings(
    document: Document, *, run: AnalysisRun, indicators: dict[str, Any]
) -> int:
    """Write the analyser's findings for a document; reviewer fields are never touched.

    `indicators` is the `indicators` object of the analyser's JSON contract. Returns the
    number of findings the analyser reports. New findings and the audit entries are
    inserted in bulk (with the save signals each finding would send, so the search
    index and the data versions follow), except in an admin request, whose audit
    trail records every save.
    """
    from casework.audit.middleware import admin_actor

    bulk = (
        admin_actor.get() is None
        and connections[Finding.objects.db].features.can_return_rows_from_bulk_insert
    )
    existing = {
        f.indicator: f for f in document.findings.filter(source=Finding.Source.ANALYSER)
    }
    reported = 0
    fresh: list[Finding] = []
    audited: list[tuple[Finding, dict[str, Any]]] = []
    for code, verdict in indicators.items():
        if code not in CODES:
            continue
        finding = existing.pop(code, None)
        if not verdict.get("present"):
            if finding is not None:
                existing[code] = finding  # marked below as no longer in the latest run
            continue
        reported += 1
        evidence = [
            {"page": e["page"], "text": e["text"], "rule": e.get("rule", "")}
            | ({"score": e["score"]} if e.get("score") is not None else {})
            for e in verdict.get("evidence", [])
        ]
        if finding is None:
            finding = Finding(
                document=document, indicator=code, source=Finding.Source.ANALYSER
            )
            before: dict[str, Any] = {}
        else:
            before = _snapshot(finding)
        finding.run = run
        finding.present = True
        finding.score = float(verdict.get("score", 0.0))
        finding.evidence = evidence
        finding.in_latest_run = True
        if bulk and finding._state.adding:
            fresh.append(finding)
        else:
            finding.save()
        if before.get("evidence") != evidence:
            audited.append((finding, before))
    if fresh:
        _insert_with_signals(fresh)
    entries = [
        AuditEntry(
            finding=finding,
            action=AuditEntry.Action.ANALYSED,
            before=before,
            after=_snapshot(finding),
        )
        for finding, before in audited
    ]
    if bulk:
        AuditEntry.objects.bulk_create(entries)
    else:
        for entry in entries:
            entry.save()
    for finding in existing.values():
        if finding.in_latest_run:
            finding.in_latest_run = False
            finding.save(update_fields=["in_latest_run", "updated_at"])
    return reported


def _insert_with_signals(findings: list[Finding]) -> None:
    """bulk_create, sending the pre_save and post_save signals of each save()."""
    using = Finding.objects.db
    for finding in findings:
        pre_save.send(
            sender=Finding, instance=finding, raw=False, using=using, update_fields=None
        )
    Finding.objects.bulk_create(findings)
    for finding in findings:
        post_save.send(
            sender=Finding,
            instance=finding,
            created=True,
            update_fields=None,
            raw=False,
            using=using,
        )


@transaction.atomic
def review(
    finding: Finding,
    user: User,
    *,
    decision: str,
    comment: str = "",
    corrected_present: bool | None = None,
    corrected_evidence: list[dict[str, Any]] | None = None,
) -> Finding:
    """Accept, reject or correct a finding; the change goes into the audit trail."""
    if decision not in Finding.Decision.values or decision == Finding.Decision.PENDING:
        raise ReviewError(f"unknown decision {decision!r}")
    if decision == Finding.Decision.CORRECTED and corrected_present is None:
        raise ReviewError(
            "a correction says whether the document gives the information"
        )
    before = _snapshot(finding)
    finding.decision = decision
    finding.comment = comment
    if decision == Finding.Decision.CORRECTED:
        finding.corrected_present = corrected_present
        if corrected_evidence:
            check_passages(finding.document, corrected_evidence)
            finding.corrected_evidence = corrected_evidence
    finding.reviewed_by = user
    finding.reviewed_at = timezone.now()
    finding.save()
    AuditEntry.objects.create(
        finding=finding,
        user=user,
        action=AuditEntry.Action.REVIEWED,
        before=before,
        after=_snapshot(finding),
    )
    return finding


BULK_DECISIONS = (Finding.Decision.ACCEPTED, Finding.Decision.REJECTED)


@transaction.atomic
def bulk_review(
    findings: list[Finding], user: User, *, decision: str, comment: str = ""
) -> list[Finding]:
    """Accept or reject several findings at once: each one is reviewed (and audited)
    on its own, with the same reviewer and time; all of them or none."""
    if decision not in BULK_DECISIONS:
        raise ReviewError(f"unknown decision {decision!r}")
    return [
        review(finding, user, decision=decision, comment=comment or finding.comment)
        for finding in findings
    ]


def check_passages(document: Document, evidence: list[dict[str, Any]]) -> None:
    """Every evidence passage must be verbatim text of its page."""
    pages = document.page_texts()
    for item in evidence:
        page, text = item.get("page"), " ".join(str(item.get("text", "")).split())
        if not isinstance(page, int) or not 1 <= page <= len(pages):
            raise ReviewError(
                f"page {page} is not a page of the document (1–{len(pages)})"
            )
        if not text or text not in " ".join(pages[page - 1].split()):
            raise ReviewError(
                f"the passage was not found on page {page}; copy it from the text"
            )


@transaction.atomic
def add_finding(
    document: Document,
    user: User,
    *,
    indicator: str,
    page: int,
    passage: str,
    comment: str,
) -> Finding:
    """A reviewer records an indicator the analyser missed, pointing at a passage."""
    if indicator not in CODES:
        raise ReviewError(f"unknown indicator {indicator!r}")
    evidence = [{"page": page, "text": passage.strip(), "rule": "reviewer"}]
    check_passages(document, evidence)
    finding, _created = Finding.objects.update_or_create(
        document=document,
        indicator=indicator,
        source=Finding.Source.REVIEWER,
        defaults={
            "present": True,
            "score": 1.0,
            "evidence": evidence,
            "decision": Finding.Decision.ACCEPTED,
            "comment": comment,
            "reviewed_by": user,
            "reviewed_at": timezone.now(),
        },
    )
    AuditEntry.objects.create(
        finding=finding,
        user=user,
        action=AuditEntry.Action.ADDED,
        after=_snapshot(finding),
    )
    return finding


@dataclass
class StateCoverage:
    """What the reviewed findings say for one State and year."""

    reported: dict[str, list[dict[str, Any]]] = field(
        default_factory=dict
    )  # code -> evidence
    documents: list[Document] = field(default_factory=list)

    @property
    def codes(self) -> set[str]:
        return set(self.reported)


def reviewed_coverage(
    state_ids: list[int] | None, year: int
) -> dict[int, StateCoverage]:
    """Per State id: indicators the reviewers confirmed (accepted, corrected or added).

    Findings not yet reviewed are left out: observations rest on reviewed findings only.
    """
    findings = (
        Finding.objects.filter(document__year=year)
        .exclude(decision=Finding.Decision.PENDING)
        .select_related("document")
    )
    if state_ids is not None:
        findings = findings.filter(document__state_id__in=state_ids)
    coverage: dict[int, StateCoverage] = defaultdict(StateCoverage)
    verdicts: dict[tuple[int, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        verdicts[(finding.document.state_id, finding.indicator)].append(finding)
        entry = coverage[finding.document.state_id]
        if finding.document not in entry.documents:
            entry.documents.append(finding.document)
    for (state_id, code), items in verdicts.items():
        positive = [f for f in items if f.reported]
        if positive:
            coverage[state_id].reported[code] = [
                {**e, "document": f.document.filename}
                for f in positive
                for e in f.shown_evidence
            ]
    return dict(coverage)
