"""Demo reviews: most demo findings reviewed, one document left for the reviewer."""

from __future__ import annotations

from django.contrib.auth.models import User

from casework.findings import services
from casework.findings.models import Finding

# Left unreviewed so the demo shows pending work.
PENDING_FILE_PREFIX = "khm-2025"
# A few rejections so the observations show what a rejection does.
REJECT = {("tcd-2025", "knowledge_exchange"), ("per-2024", "assistance_received")}


def load_demo() -> None:
    reviewer = User.objects.filter(username="support").first()
    if reviewer is None:
        return
    pending = Finding.objects.filter(
        decision=Finding.Decision.PENDING, document__uploaded_by__isnull=True
    ).select_related("document")
    for finding in pending:
        prefix = finding.document.filename[:8]
        if prefix == PENDING_FILE_PREFIX:
            continue
        decision = "rejected" if (prefix, finding.indicator) in REJECT else "accepted"
        services.review(finding, reviewer, decision=decision, comment="Demo review.")
