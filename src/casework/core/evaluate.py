"""Score the analyser on a labelled corpus (`labels.jsonl` with `file` and `indicators`)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casework.core.indicators import CODES
from casework.core.isolate import analyse_isolated
from casework.core.model import Analysis, PipelineConfig


@dataclass(slots=True)
class Counts:
    """True/false positives and false negatives of one indicator."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        """tp / (tp + fp), 0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """tp / (tp + fn), 0 when there is no gold positive."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass(slots=True)
class EvalResult:
    """Per-indicator counts, documents got wrong, and evidence checks."""

    counts: dict[str, Counts] = field(
        default_factory=lambda: {c: Counts() for c in CODES}
    )
    wrong: list[dict[str, Any]] = field(default_factory=list)
    evidence_total: int = 0
    evidence_verbatim: int = 0
    documents: int = 0

    @property
    def macro_f1(self) -> float:
        """Mean F1 over indicators with a gold positive or a prediction."""
        used = [c for c in self.counts.values() if c.tp + c.fn + c.fp > 0]
        return sum(c.f1 for c in used) / len(used) if used else 0.0

    @property
    def micro_f1(self) -> float:
        """F1 of the pooled counts."""
        tp = sum(c.tp for c in self.counts.values())
        fp = sum(c.fp for c in self.counts.values())
        fn = sum(c.fn for c in self.counts.values())
        return 2 * tp / (2 * tp + fp + fn) if tp else 0.0

    @property
    def verbatim_percent(self) -> float:
        """Share of evidence passages found verbatim in the extracted text."""
        return (
            100.0 * self.evidence_verbatim / self.evidence_total
            if self.evidence_total
            else 100.0
        )

    def summary_line(self) -> str:
        """The last line of `casework eval`."""
        return (
            f"macro-F1 {self.macro_f1:.3f} micro-F1 {self.micro_f1:.3f} "
            f"evidence-verbatim {self.verbatim_percent:.1f}%"
        )


def load_labels(corpus: Path) -> list[dict[str, Any]]:
    """Read labels.jsonl; raises ValueError with the line number on a bad line."""
    labels: list[dict[str, Any]] = []
    path = corpus / "labels.jsonl"
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ValueError(
                f"{path.name} line {number}: not JSON ({exc.msg})"
            ) from exc
        if "file" not in record or "indicators" not in record:
            raise ValueError(
                f"{path.name} line {number}: needs 'file' and 'indicators'"
            )
        labels.append(record)
    return labels


def score_document(
    result: EvalResult, record: dict[str, Any], analysis: Analysis
) -> None:
    """Add one document's verdicts to the counts."""
    gold = set(record["indicators"])
    predicted: set[str] = set()
    for finding in analysis.findings:
        if not finding.present:
            continue
        verbatim = True
        for evidence in finding.evidence:
            result.evidence_total += 1
            ok = (
                bool(evidence.text)
                and evidence.text in analysis.text
                and "\f" not in evidence.text
            )
            result.evidence_verbatim += ok
            verbatim = verbatim and ok
        if verbatim and finding.evidence:
            predicted.add(finding.code)
        else:
            result.counts[finding.code].fp += finding.code not in gold
    for code in CODES:
        counts = result.counts[code]
        if code in predicted and code in gold:
            counts.tp += 1
        elif code in predicted:
            counts.fp += 1
        elif code in gold:
            counts.fn += 1
    missed, extra = sorted(gold - predicted), sorted(predicted - gold)
    errors = [i.message for i in analysis.issues if i.severity == "error"]
    if missed or extra or errors:
        result.wrong.append(
            {"file": record["file"], "missed": missed, "extra": extra, "errors": errors}
        )
    result.documents += 1


def evaluate(
    corpus: Path,
    config: PipelineConfig | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> EvalResult:
    """Analyse every labelled file and score it; the label's `state` is passed as a hint."""
    result = EvalResult()
    for record in load_labels(corpus):
        if progress:
            progress(record["file"])
        state = (record.get("state") or "").upper() or None
        analysis = analyse_isolated(corpus / record["file"], config, state=state)
        score_document(result, record, analysis)
    return result
