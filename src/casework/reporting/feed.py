"""A submitted online report feeds what an uploaded one feeds.

The rendered PDF is stored as an original through the documents app, its structured
answers become findings (the form field is the evidence), the submission goes into the
compliance tracker and the State's observations draft is redrafted.

`_create_form_findings` is an adapter: the findings app exposes no function to record
findings that come from a form, so it writes Finding rows itself (see README).
"""

from __future__ import annotations

import logging
from typing import Any

from django.contrib.auth.models import User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from casework.compliance.services import record_submission
from casework.documents.models import Document
from casework.documents.storage import store_original
from casework.findings.models import AuditEntry, Finding
from casework.reporting.answers import filled_fields, row_text, value_text
from casework.reporting.models import Report
from casework.reporting.schema import FORMS, TABLE

logger = logging.getLogger(__name__)

FORM_SOURCE = getattr(Finding.Source, "FORM", "form")
RULE = "form"


def store_report_document(report: Report, pdf: bytes, *, user: User | None) -> Document:
    """Store the PDF once (named by SHA-256) and file it as the State's Article 7 report."""
    filename = (
        f"article7-{report.state.iso3}-{report.year}-v{report.version}-online.pdf"
    )
    original, _new = store_original(
        SimpleUploadedFile(filename, pdf, content_type="application/pdf")
    )
    pages = [" ".join(page.split()) for page in _pdf_pages(pdf)]
    document, _created = Document.objects.get_or_create(
        state=report.state,
        year=report.year,
        kind=Document.Kind.ARTICLE7_REPORT,
        original=original,
        defaults={
            "filename": filename,
            "uploaded_by": user,
            "language": report.language,
            "pages": len(pages),
            "text": "\f".join(pages),
        },
    )
    return document


def _pdf_pages(pdf: bytes) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    try:
        return [
            document[i].get_textpage().get_text_range() for i in range(len(document))
        ]
    finally:
        document.close()


def form_evidence(report: Report, pages: list[str]) -> dict[str, list[dict[str, Any]]]:
    """Indicator code -> evidence items, one per filled answer (one per table row)."""
    normalised = [" ".join(page.split()) for page in pages]
    evidence: dict[str, list[dict[str, Any]]] = {}
    for form in FORMS:
        if report.flag(form.code) == Report.Flag.NOT_APPLICABLE:
            continue
        for field, value in filled_fields(report.answers, form):
            if not field.indicator:
                continue
            name = f"{form.slug}.{field.key}"
            if field.kind == TABLE:
                items = [
                    (f"{name}[{i}]", row_text(field, row))
                    for i, row in enumerate(value)
                ]
            else:
                items = [(name, value_text(field, value))]
            for field_name, text in items:
                evidence.setdefault(field.indicator, []).append(
                    {
                        "page": _page_of(text, normalised),
                        "text": text,
                        "field": field_name,
                        "rule": RULE,
                    }
                )
    return evidence


def _page_of(text: str, pages: list[str]) -> int:
    wanted = " ".join(text.split())
    for number, page in enumerate(pages, start=1):
        if wanted and wanted in page:
            return number
    return 1


def _create_form_findings(
    document: Document, evidence: dict[str, list[dict[str, Any]]], *, user: User | None
) -> list[Finding]:
    """The State declared these answers itself: they are recorded as accepted findings."""
    now = timezone.now()
    findings = []
    for code, items in evidence.items():
        finding, _created = Finding.objects.update_or_create(
            document=document,
            indicator=code,
            source=FORM_SOURCE,
            defaults={
                "present": True,
                "score": 1.0,
                "evidence": items,
                "decision": Finding.Decision.ACCEPTED,
                "comment": "Structured answer of the online Article 7 report.",
                "reviewed_by": None,
                "reviewed_at": now,
            },
        )
        AuditEntry.objects.create(
            finding=finding,
            user=user,
            action=AuditEntry.Action.ADDED,
            after={"present": True, "evidence": items, "decision": finding.decision},
        )
        findings.append(finding)
    return findings


def _refresh_observations(report: Report) -> None:
    """Redraft the State's observations unless the Committee has moved past drafting."""
    from casework.observations.models import Observation
    from casework.observations.services import generate

    existing = Observation.objects.filter(state=report.state, year=report.year).first()
    if existing is None or existing.status == Observation.Status.DRAFT:
        generate(report.state, report.year)


def feed_submission(report: Report, pdf: bytes, *, user: User | None) -> list[Finding]:
    """Document, findings, compliance, observations — in that order, in the caller's
    transaction."""
    document = store_report_document(report, pdf, user=user)
    report.document = document
    report.save(update_fields=["document", "updated_at"])
    findings = _create_form_findings(
        document, form_evidence(report, document.page_texts()), user=user
    )
    submitted_on = timezone.localdate(report.submitted_at)
    record_submission(
        report.state, report.year, submitted_at=submitted_on, source="online"
    )
    _record_in_the_ledger(report)
    _refresh_observations(report)
    logger.info(
        "report %s: submitted as document %s with %d form findings",
        report.pk,
        document.pk,
        len(findings),
    )
    return findings


def _record_in_the_ledger(report: Report) -> None:
    """Form J's needs and support received, in the funding ledger as the State said them."""
    from casework.funding.needs_sources import record_online_report

    answers = report.form_answers("J")

    def rows(key: str) -> list[dict[str, str]]:
        value = answers.get(key) or []
        return [row for row in value if isinstance(row, dict)]

    needs, received = record_online_report(
        report_pk=report.pk,
        iso3=report.state.iso3,
        year=report.year,
        language=report.entry_language,
        needs=rows("needs"),
        received=rows("assistance_received"),
    )
    logger.info(
        "report %s: %d needs and %d lines of support received in the ledger",
        report.pk,
        needs,
        received,
    )
