"""The JSON shape of `casework analyse --json` (see schema/analysis.schema.json)."""

from __future__ import annotations

from typing import Any, NotRequired, TypedDict

from casework.core.model import Analysis, Evidence


class DocumentJSON(TypedDict):
    """One entry of the `documents` list."""

    path: str
    sha256: str | None
    language: str | None
    pages: int
    state: str | None
    indicators: dict[str, dict[str, Any]]
    money: list[dict[str, Any]]
    areas_m2: list[dict[str, Any]]
    states_mentioned: list[str]
    issues: list[dict[str, str]]
    by_state: NotRequired[dict[str, dict[str, dict[str, Any]]]]


def _evidence_json(evidence: Evidence) -> dict[str, Any]:
    item: dict[str, Any] = {
        "page": evidence.page,
        "text": evidence.text,
        "rule": evidence.rule,
        "found_by": "rule" if evidence.score is None else "model",
    }
    if evidence.score is not None:
        item["score"] = round(evidence.score, 3)
    return item


def to_json(analysis: Analysis) -> DocumentJSON:
    """Plain data for one analysed document; all twelve codes are always present."""
    from casework.core.indicators import CODES

    findings = {f.code: f for f in analysis.findings}
    indicators: dict[str, dict[str, Any]] = {}
    for code in CODES:
        finding = findings.get(code)
        indicators[code] = {
            "present": bool(finding and finding.present),
            "score": finding.score if finding else 0.0,
            "evidence": [_evidence_json(e) for e in finding.evidence]
            if finding
            else [],
        }
    figures = analysis.figures
    document: DocumentJSON = {
        "path": str(analysis.path),
        "sha256": analysis.sha256,
        "language": analysis.language,
        "pages": analysis.pages,
        "state": analysis.state,
        "indicators": indicators,
        "money": [
            {
                "amount": m.amount,
                "currency": m.currency,
                "role": m.role.value,
                "page": m.page,
                "text": m.text,
            }
            for m in figures.money
        ],
        "areas_m2": [
            {"value": a.value_m2, "page": a.page, "text": a.text} for a in figures.areas
        ],
        "states_mentioned": list(figures.states),
        "issues": [
            {"severity": i.severity, "message": i.message} for i in analysis.issues
        ],
    }
    if analysis.by_state:
        # Only what is present, per State: a Monitor chapter names dozens of States.
        document["by_state"] = {
            state: {
                f.code: {
                    "present": True,
                    "score": f.score,
                    "evidence": [_evidence_json(e) for e in f.evidence],
                }
                for f in state_findings
                if f.present
            }
            for state, state_findings in analysis.by_state
        }
    return document
