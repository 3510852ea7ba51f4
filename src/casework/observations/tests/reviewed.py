"""A State with reviewed findings, for the observation tests."""

from casework.documents.models import AnalysisRun, Document, StoredOriginal
from casework.findings import services as findings
from casework.states.models import StateParty


def reviewed_state(iso3: str, year: int, support, *, sha: str = "b") -> StateParty:
    """Senegal-like: national resources accepted, gender and diversity rejected."""
    state = StateParty.objects.get(iso3=iso3)
    original = StoredOriginal.objects.create(sha256=sha * 64, size=1, extension=".txt")
    document = Document.objects.create(
        state=state,
        kind="article7_report",
        year=year,
        filename="r.txt",
        original=original,
        text="Budget national. Des femmes.",
    )
    run = AnalysisRun.objects.create(document=document, status="done")
    evidence = {"present": True, "score": 1.0}
    findings.sync_findings(
        document,
        run=run,
        indicators={
            "national_resources": {
                **evidence,
                "evidence": [{"page": 1, "text": "Budget national."}],
            },
            "gender_diversity": {
                **evidence,
                "evidence": [{"page": 1, "text": "Des femmes."}],
            },
        },
    )
    findings.review(
        document.findings.get(indicator="national_resources"),
        support,
        decision="accepted",
    )
    findings.review(
        document.findings.get(indicator="gender_diversity"),
        support,
        decision="rejected",
    )
    return state
