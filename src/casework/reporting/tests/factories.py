"""Reports for tests: a complete set of answers and reports in any status."""

from __future__ import annotations

import copy

from django.utils import timezone

from casework.reporting.models import Report
from casework.states.models import StateParty

ANSWERS = {
    "COVER": {
        "contact_name": "Awa Ndiaye",
        "contact_organisation": "Centre national d'action antimines",
        "contact_email": "awa.ndiaye@example.org",
        "contact_phone": "+221 00 000 00 00",
        "report_date": "2026-04-02",
    },
    "A": {"measures": "Loi 2001-05 portant interdiction des mines antipersonnel."},
    "B": {"stockpiles": [], "notes": "Aucun stock de mines antipersonnel."},
    "C": {
        "mined_areas": [
            {
                "area_name": "Zone de Bignona nord",
                "region": "Ziguinchor",
                "status": "confirmed",
                "size_m2": "125000",
                "mine_type": "PMN-2",
            }
        ],
        "notes": "",
    },
    "D": {
        "retained": [
            {
                "mine_type": "PMN-2",
                "quantity": "24",
                "institution": "Ecole de déminage",
                "intended_use": "formation des chiens",
                "actual_use": "formation",
            }
        ],
        "notes": "",
    },
    "E": {"status": "Aucune installation de production."},
    "F": {"programmes": "Déminage manuel par deux opérateurs nationaux."},
    "G": {"destroyed": [], "notes": "Douze mines détruites lors du déminage."},
    "H": {"characteristics": "PMN-2 : mine à effet de souffle, boîtier plastique."},
    "I": {
        "measures": "Marquage des zones et éducation aux risques dans vingt villages."
    },
    "J": {
        "victim_assistance": "Appui aux survivants par le ministère de la santé.",
        "challenges": "L'insécurité dans certains villages empêche l'accès aux zones.",
        "needs": [],
        "national_resources": [
            {
                "year": "2025",
                "amount": "300000",
                "currency": "XOF",
                "description": "Budget",
            }
        ],
        "assistance_received": [],
        "assistance_provided": [],
        "resource_mobilisation": "in_preparation",
        "resource_mobilisation_details": "Une stratégie de mobilisation est en préparation.",
        "innovative_financing": "",
        "platform_exists": "yes",
        "platform_last_meeting": "2025-11-20",
        "platform_frequency": "Deux fois par an",
        "platform_participants": "Autorité nationale, bailleurs, opérateurs",
        "individualised_approach": "yes",
        "individualised_approach_details": "",
        "disaggregated_data": "yes",
        "women_in_teams": "Trois équipes de déminage comptent des femmes.",
        "diverse_needs": "",
        "knowledge_exchange": "",
        "work_plan": "yes",
        "work_plan_details": "Plan de travail chiffré 2025-2027 avec jalons annuels.",
    },
}


def answers() -> dict:
    return copy.deepcopy(ANSWERS)


def make_report(
    iso3: str = "SEN",
    year: int = 2026,
    *,
    status: str = Report.Status.DRAFT,
    language: str = "fr",
    version: int = 1,
    **fields,
) -> Report:
    submitted = status in {Report.Status.SUBMITTED, Report.Status.PUBLISHED}
    return Report.objects.create(
        state=StateParty.objects.get(iso3=iso3),
        year=year,
        version=version,
        status=status,
        language=language,
        answers=fields.pop("answers", answers()),
        submitted_at=timezone.now() if submitted else None,
        **fields,
    )
