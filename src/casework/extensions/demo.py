"""Two invented extension requests for the demo: one complete, one with gaps.

Both go through the XLSX template import, so their values are cited by cell like a real
import. The figures are invented for the demo and describe no real request.
"""

from __future__ import annotations

import logging

from casework.extensions.models import ExtensionRequest
from casework.extensions.services import import_template
from casework.extensions.template_io import filled_template_xlsx

logger = logging.getLogger(__name__)

# The Request sheet's fields, then each table's rows.
Demo = tuple[dict[str, object], dict[str, list[tuple[object, ...]]]]

COMPLETE: Demo = (
    {
        "state": "SEN",
        "reference": "DEMO-EXT-A",
        "submitted_on": "2026-03-31",
        "current_deadline": "2026-03-01",
        "requested_deadline": "2031-03-01",
        "currency": "USD",
        "total_cost": 10_000_000,
        "remaining_area_m2": 1_500_000,
        "resource_mobilisation_plan": "yes",
        "risk_education": "Risk education sessions in every affected district (demo text).",
        "gender_diversity": "Mixed survey teams and consultation of women's groups (demo text).",
        "survey_of_remaining_areas": "yes",
    },
    {
        "Contamination": [
            ("North district", 600_000, 300_000),
            ("East district", 400_000, 200_000),
        ],
        "WorkPlan": [
            (2027, 100_000, 100_000, 100_000, 6, "North: survey completed"),
            (2028, 100_000, 100_000, 100_000, 6, "North: clearance halfway"),
            (2029, 100_000, 100_000, 100_000, 7, "North district released"),
            (2030, 100_000, 100_000, 100_000, 7, "East: clearance halfway"),
            (2031, 50_000, 50_000, 200_000, 7, "All known areas released"),
        ],
        "Budget": [
            (2027, 2_000_000, 600_000, 800_000, 600_000, "USD"),
            (2028, 2_000_000, 600_000, 800_000, 600_000, "USD"),
            (2029, 2_000_000, 600_000, 700_000, 700_000, "USD"),
            (2030, 2_000_000, 600_000, 600_000, 800_000, "USD"),
            (2031, 2_000_000, 600_000, 500_000, 900_000, "USD"),
        ],
        "PastRelease": [
            (2023, 250_000, 1_600_000),
            (2024, 280_000, 1_800_000),
            (2025, 300_000, 1_900_000),
        ],
        "Documents": [
            ("Extension request (demo)", "DEMO/EXT/A"),
            ("Annex: work plan (demo)", "DEMO/EXT/A/1"),
        ],
    },
)

WITH_GAPS: Demo = (
    {
        "state": "TJK",
        "reference": "DEMO-EXT-B",
        "submitted_on": "2026-04-15",
        "current_deadline": "2025-12-31",
        "requested_deadline": "2030-12-31",
        "currency": "USD",
        "total_cost": 30_000_000,
        "remaining_area_m2": 9_000_000,
        "resource_mobilisation_plan": "no",
        "survey_of_remaining_areas": "no",
    },
    {
        "Contamination": [
            ("Border areas", 5_000_000, 2_500_000),
            ("Central valley", 500_000, 0),
        ],
        "WorkPlan": [
            (2026, 0, 0, 900_000, 10, "Border areas: first sector"),
            (2027, 0, 0, 1_200_000, 12, ""),
            (2028, 0, 0, 1_500_000, 14, ""),
            (2029, 0, 0, 1_500_000, 14, "Border areas: second sector"),
            (2031, 0, 0, 1_000_000, 14, ""),
        ],
        "Budget": [
            (2026, 5_000_000, 0, 1_000_000, 4_000_000, "USD"),
            (2027, 6_000_000, 0, 800_000, 5_200_000, "USD"),
            (2028, 6_000_000, 0, 500_000, 5_000_000, "USD"),
            (2029, 6_000_000, 0, None, None, "EUR"),
            (2031, 4_000_000, 0, None, None, "USD"),
        ],
        "PastRelease": [
            (2023, 600_000, None),
            (2024, 700_000, None),
            (2025, 650_000, None),
        ],
        "Documents": [("Extension request (demo)", "DEMO/EXT/B")],
    },
)


def load_demo() -> None:
    """Import the two demo requests unless they are already there (safe to run twice)."""
    for fields, tables in (COMPLETE, WITH_GAPS):
        if ExtensionRequest.objects.filter(reference=fields["reference"]).exists():
            continue
        data = filled_template_xlsx(fields, tables)
        result = import_template(data, f"{str(fields['reference']).lower()}.xlsx")
        if result.request is None:
            raise RuntimeError(f"demo request {fields['reference']}: {result.errors}")
        logger.info("demo extension request %s loaded", result.request.pk)
