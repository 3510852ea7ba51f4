"""The twelve indicators of shared/INDICATORS.md: rules that always give evidence."""

from __future__ import annotations

CODES: tuple[str, ...] = (
    "challenges",
    "assistance_needs",
    "national_resources",
    "assistance_received",
    "assistance_provided",
    "resource_mobilisation",
    "innovative_financing",
    "national_platform",
    "individualised_approach",
    "gender_diversity",
    "knowledge_exchange",
    "costed_plan",
)
