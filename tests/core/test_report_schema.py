"""`casework analyse --json` (core/report.py) and its JSON schema agree with the domain."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from casework.core.model import Analysis, Finding
from casework.core.report import to_json
from casework.domain.indicators import CODES

SCHEMA = json.loads(
    (
        Path(__file__).resolve().parents[2]
        / "src/casework/core/schema/analysis.schema.json"
    ).read_text(encoding="utf-8")
)


def test_report_writes_every_domain_code_in_order_and_validates():
    analysis = Analysis(
        path=Path("r.txt"),
        sha256=None,
        language="fr",
        pages=1,
        state="TCD",
        findings=(Finding(code="costed_plan", present=True, score=1.0),),
    )
    document = to_json(analysis)
    assert list(document["indicators"]) == list(CODES)
    assert document["indicators"]["costed_plan"]["present"] is True
    jsonschema.validate({"documents": [document]}, SCHEMA)


def test_schema_requires_exactly_the_domain_codes():
    indicators = SCHEMA["$defs"]["document"]["properties"]["indicators"]
    assert indicators["required"] == list(CODES)
    assert list(indicators["properties"]) == list(CODES)
    assert indicators["additionalProperties"] is False
