"""The twelve indicator codes (shared/INDICATORS.md) with their labels and themes.

The codes are a public contract shared with the analyser; the themes group them into the
paragraphs of the preliminary observations.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

LABELS = {
    "challenges": _("Challenges"),
    "assistance_needs": _("Assistance needs"),
    "national_resources": _("National resources"),
    "assistance_received": _("Assistance received"),
    "assistance_provided": _("Assistance provided"),
    "resource_mobilisation": _("Resource mobilisation"),
    "innovative_financing": _("Innovative financing"),
    "national_platform": _("National platform"),
    "individualised_approach": _("Individualised approach"),
    "gender_diversity": _("Gender and diversity"),
    "knowledge_exchange": _("Knowledge exchange"),
    "costed_plan": _("Costed plan"),
}
CODES: tuple[str, ...] = tuple(LABELS)
CHOICES = [(code, label) for code, label in LABELS.items()]


def label(code: str) -> str:
    return str(LABELS.get(code, code))
