"""The bridge to the analyser: call casework.core and turn its plain data into rows.

Only `run_analyser` knows the core's Python API; everything else reads the JSON contract
of `casework analyse --json` (issue 3), so a change in the core touches one function.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.db import transaction

from casework.documents.models import AnalysisRun

logger = logging.getLogger(__name__)


def run_analyser(
    path: Path, *, state: str | None, heartbeat: Callable[[], None] | None = None
) -> dict[str, Any]:
    """One document's entry of the `--json` contract, plus `text` (pages split by \\f).

    `heartbeat` is called every few seconds while the analysis child works.
    """
    from casework.core.isolate import analyse_isolated
    from casework.core.model import PipelineConfig
    from casework.core.report import to_json

    analysis = analyse_isolated(
        path, PipelineConfig(), state=state, heartbeat=heartbeat
    )
    data: dict[str, Any] = dict(to_json(analysis))
    data["text"] = analysis.text
    return data


def _messages(
    data: dict[str, Any], severity: str, *, stored_name: str, filename: str
) -> list[str]:
    # The analyser names the stored file (its hash); people know the name they uploaded.
    return [
        issue["message"].replace(stored_name, filename)
        for issue in data.get("issues", [])
        if issue.get("severity") == severity
    ]


def apply_result(run: AnalysisRun, data: dict[str, Any]) -> AnalysisRun:
    """Record the analyser's output on the run, the document and its findings."""
    from casework.findings.services import sync_findings
    from casework.search.signals import batched

    document = run.document
    names = {"stored_name": document.original.path.name, "filename": document.filename}
    errors = _messages(data, "error", **names)
    warnings = _messages(data, "warning", **names)
    # The search index takes the document and its findings in one batch, in this
    # transaction (it rolls back with them).
    with transaction.atomic(), batched():
        run.warnings = warnings
        run.result = {k: v for k, v in data.items() if k != "text"}
        run.progress = 100
        if errors:
            run.status = AnalysisRun.Status.FAILED
            run.message = " ".join(errors)
        else:
            run.status = (
                AnalysisRun.Status.PARTIAL if warnings else AnalysisRun.Status.DONE
            )
            run.message = ""
            document.language = data.get("language") or ""
            document.pages = data.get("pages") or 0
            document.text = data.get("text") or ""
            document.save(update_fields=["language", "pages", "text", "updated_at"])
            sync_findings(document, run=run, indicators=data.get("indicators", {}))
        run.save()
    logger.info("run %s: %s (%d warnings)", run.pk, run.status, len(warnings))
    return run
