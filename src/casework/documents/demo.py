"""Demo documents: reports written for the demo, stored and analysed (idempotent)."""

from __future__ import annotations

import logging

from django.core.files.uploadedfile import SimpleUploadedFile

from casework.documents import services
from casework.documents.demo_texts import REPORTS
from casework.documents.models import AnalysisRun, Document
from casework.documents.sample_files import make_docx, make_pdf
from casework.states.models import StateParty

logger = logging.getLogger(__name__)


def load_demo() -> None:
    """Store each demo report once and analyse it right away (no worker needed)."""
    for iso3, year, kind, language, fmt, title, paragraphs in REPORTS:
        state = StateParty.objects.get(iso3=iso3)
        filename = f"{iso3.lower()}-{year}-{kind.replace('_', '-')}-{language}.{fmt}"
        document = Document.objects.filter(
            state=state, year=year, filename=filename
        ).first()
        if document is None:
            data = (make_pdf if fmt == "pdf" else make_docx)(paragraphs, title=title)
            upload = SimpleUploadedFile(filename, data)
            outcome = services.upload_documents(
                [upload], state=state, kind=kind, year=year, user=None
            )
            document = outcome[0].document
        for run in document.runs.filter(status=AnalysisRun.Status.QUEUED):
            claimed = services.claim_run(run.pk)
            if claimed is not None:
                services.execute_run(claimed)
    logger.info("demo documents: %d", Document.objects.count())
