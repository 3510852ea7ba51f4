"""Bulk accept/reject of findings: one confirmation, one audited decision per finding."""

import pytest
from django.urls import reverse

from casework.documents.models import AnalysisRun, Document, StoredOriginal
from casework.findings import services
from casework.findings.models import AuditEntry, Finding
from casework.states.models import StateParty

pytestmark = pytest.mark.django_db


def _document(iso3: str, sha: str) -> Document:
    original = StoredOriginal.objects.create(sha256=sha * 64, size=1, extension=".txt")
    document = Document.objects.create(
        state=StateParty.objects.get(iso3=iso3),
        kind="article7_report",
        year=2025,
        filename=f"{iso3}.txt",
        original=original,
        text="Budget national. Plateforme nationale.",
        pages=1,
    )
    run = AnalysisRun.objects.create(document=document, status="done")
    services.sync_findings(
        document,
        run=run,
        indicators={
            code: {
                "present": True,
                "score": 0.8,
                "evidence": [{"page": 1, "text": text}],
            }
            for code, text in (
                ("national_resources", "Budget national."),
                ("national_platform", "Plateforme nationale."),
            )
        },
    )
    return document


@pytest.fixture
def senegal():
    return _document("SEN", "a")


def test_bulk_accept_asks_for_confirmation_then_records_each(client, support, senegal):
    ids = list(senegal.findings.values_list("pk", flat=True))
    client.force_login(support)
    url = reverse("findings:bulk")
    page = client.post(url, {"finding": ids, "decision": "accepted"})
    assert page.status_code == 200
    assert b"Confirm" in page.content
    assert not Finding.objects.exclude(decision="pending").exists()
    done = client.post(
        url,
        {
            "finding": ids,
            "decision": "accepted",
            "confirmed": "1",
            "next": reverse("findings:document", args=[senegal.pk]),
        },
    )
    assert done.status_code == 302
    assert done["Location"] == reverse("findings:document", args=[senegal.pk])
    for finding in Finding.objects.filter(pk__in=ids):
        assert finding.decision == "accepted"
        assert finding.reviewed_by == support and finding.reviewed_at is not None
        entry = finding.audit.get(action=AuditEntry.Action.REVIEWED)
        assert entry.user == support and entry.after["decision"] == "accepted"


def test_bulk_reject_from_the_pending_queue(client, support, senegal):
    client.force_login(support)
    queue = client.get(reverse("findings:pending"))
    assert queue.status_code == 200
    assert b'form="bulk-review"' in queue.content
    one = senegal.findings.get(indicator="national_platform")
    client.post(
        reverse("findings:bulk"),
        {"finding": [one.pk], "decision": "rejected", "confirmed": "1"},
    )
    one.refresh_from_db()
    assert one.decision == "rejected" and one.reported is False
    assert senegal.findings.get(indicator="national_resources").decision == "pending"
    assert (
        b"Plateforme nationale." not in client.get(reverse("findings:pending")).content
    )


def test_bulk_needs_a_decision_and_a_finding(client, support, senegal):
    client.force_login(support)
    url = reverse("findings:bulk")
    response = client.post(url, {"decision": "accepted"}, follow=True)
    assert b"Tick at least one finding" in response.content
    ids = list(senegal.findings.values_list("pk", flat=True))
    response = client.post(url, {"finding": ids, "decision": "corrected"}, follow=True)
    assert b"accept or reject" in response.content
    assert not Finding.objects.exclude(decision="pending").exists()


def test_bulk_never_touches_findings_the_user_cannot_see(client, owner, senegal):
    peru = _document("PER", "p")
    client.force_login(owner)  # a focal point does not review
    response = client.post(
        reverse("findings:bulk"),
        {
            "finding": list(peru.findings.values_list("pk", flat=True)),
            "decision": "accepted",
            "confirmed": "1",
        },
    )
    assert response.status_code == 403
    assert not Finding.objects.exclude(decision="pending").exists()


def test_review_page_has_checkboxes_for_the_bulk_form(client, support, senegal):
    client.force_login(support)
    page = client.get(reverse("findings:document", args=[senegal.pk]))
    assert page.content.count(b'form="bulk-review"') == 2
    assert b"Accept selected" in page.content
