"""Demo online reports (invented text): Colombia in Spanish, Cambodia in English."""

from __future__ import annotations

import copy
import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from casework.exports.pdf import render_pdf
from casework.reporting.answers import Answers
from casework.reporting.feed import feed_submission
from casework.reporting.layout import report_spec
from casework.reporting.models import Report
from casework.states.models import StateParty

COL: Answers = {
    "COVER": {
        "contact_name": "Laura Demo Ríos",
        "contact_organisation": "Autoridad nacional de acción contra minas (demo)",
        "contact_email": "focal.point@example.org",
        "contact_phone": "",
        "report_date": "2025-04-11",
    },
    "A": {
        "measures": "Ley de demostración 100 de 1999 sobre la prohibición de las minas."
    },
    "B": {"stockpiles": [], "notes": "No hay existencias de minas antipersonal."},
    "C": {
        "mined_areas": [
            {
                "area_name": "Vereda El Ejemplo",
                "region": "Departamento de Prueba",
                "status": "suspected",
                "size_m2": "42000",
                "mine_type": "artesanal",
            },
            {
                "area_name": "Cerro Ficticio",
                "region": "Departamento de Prueba",
                "status": "confirmed",
                "size_m2": "8500",
                "mine_type": "artesanal",
            },
        ],
        "notes": "",
    },
    "D": {"retained": [], "notes": "No se conservan minas."},
    "E": {"status": "No existen instalaciones de producción."},
    "F": {"programmes": "Despeje humanitario por tres organizaciones acreditadas."},
    "G": {
        "destroyed": [
            {"mine_type": "artesanal", "quantity": "37", "origin": "mined_area"}
        ],
        "notes": "",
    },
    "H": {"characteristics": "Artefactos artesanales de activación por presión."},
    "I": {
        "measures": "Educación en el riesgo en escuelas rurales de la región de prueba."
    },
    "J": {
        "victim_assistance": "Rutas de atención a sobrevivientes en dos departamentos.",
        "challenges": "La presencia de grupos armados limita el acceso a varias veredas.",
        "needs": [
            {
                "kind": "Financiación",
                "amount": "2500000",
                "currency": "USD",
                "period": "2025-2026",
                "purpose": "Estudio no técnico en zonas de difícil acceso",
            }
        ],
        "national_resources": [
            {
                "year": "2024",
                "amount": "1800000",
                "currency": "USD",
                "description": "Presupuesto nacional de la autoridad",
            }
        ],
        "assistance_received": [
            {
                "donor": "Donante de demostración",
                "amount": "600000",
                "currency": "USD",
                "year": "2024",
                "purpose": "Despeje en la región de prueba",
            }
        ],
        "assistance_provided": [],
        "resource_mobilisation": "yes",
        "resource_mobilisation_details": "Estrategia de movilización de recursos 2024-2026.",
        "innovative_financing": "",
        "platform_exists": "yes",
        "platform_last_meeting": "2024-10-03",
        "platform_frequency": "Anual",
        "platform_participants": "Autoridad nacional, donantes y operadores",
        "individualised_approach": "held",
        "individualised_approach_details": "",
        "disaggregated_data": "yes",
        "women_in_teams": "El 30 % del personal de despeje son mujeres.",
        "diverse_needs": "",
        "knowledge_exchange": "Visita de intercambio con una autoridad vecina.",
        "work_plan": "yes",
        "work_plan_details": "Plan de trabajo con metas anuales de liberación de tierras.",
    },
}

KHM: Answers = {
    "COVER": {
        "contact_name": "Demo Focal Point",
        "contact_organisation": "National mine action authority (demo)",
        "contact_email": "demo.authority@example.org",
        "contact_phone": "",
        "report_date": "2025-03-28",
    },
    "A": {
        "measures": "Demonstration Act on the ban of anti-personnel mines, in force."
    },
    "B": {"stockpiles": [], "notes": "No stockpile."},
    "C": {
        "mined_areas": [
            {
                "area_name": "Sample village field",
                "region": "Example province",
                "status": "confirmed",
                "size_m2": "15400",
                "mine_type": "PMN",
            }
        ],
        "notes": "",
    },
    "D": {"retained": [], "notes": "None retained."},
    "E": {"status": "Not applicable: no production ever took place."},
    "F": {"programmes": "Clearance by national teams and two operators."},
    "G": {
        "destroyed": [{"mine_type": "PMN", "quantity": "112", "origin": "mined_area"}]
    },
    "H": {"characteristics": "PMN: blast mine, bakelite body."},
    "I": {"measures": "Marking and community liaison in example province."},
    "J": {
        "challenges": "Funding for clearance fell short of the plan in the sample year.",
        "needs": [
            {
                "kind": "Funding",
                "amount": "4000000",
                "currency": "USD",
                "period": "2025",
                "purpose": "Clearance of confirmed areas",
            }
        ],
        "assistance_received": [
            {
                "donor": "Example donor",
                "amount": "900000",
                "currency": "USD",
                "year": "2024",
                "purpose": "Clearance",
            }
        ],
        "assistance_provided": [
            {
                "recipient": "A neighbouring State (demo)",
                "amount": "",
                "currency": "",
                "year": "2024",
                "sector": "Training of deminers",
            }
        ],
        "knowledge_exchange": "Trained deminers of a neighbouring State (demo).",
    },
}


def _submitted(
    iso3: str, year: int, language: str, answers: Answers, **extra: Any
) -> Report | None:
    state = StateParty.objects.filter(iso3=iso3).first()
    if state is None or Report.objects.filter(state=state, year=year).exists():
        return None
    with transaction.atomic():
        report = Report.objects.create(
            state=state,
            year=year,
            language=language,
            status=Report.Status.SUBMITTED,
            answers=copy.deepcopy(answers),
            submitted_at=timezone.make_aware(dt.datetime(year, 4, 12, 10, 0)),
            **extra,
        )
        feed_submission(report, render_pdf(report_spec(report)), user=None)
    return report


def load_demo() -> None:
    colombia = _submitted(
        "COL",
        2025,
        "es",
        COL,
        published_at=timezone.make_aware(dt.datetime(2025, 5, 2)),
    )
    if colombia is not None:
        colombia.status = Report.Status.PUBLISHED
        colombia.save(update_fields=["status", "updated_at"])
    _submitted("KHM", 2025, "en", KHM, flags={"E": "not_applicable"})
    state = StateParty.objects.filter(iso3="COL").first()
    previous = Report.objects.filter(state__iso3="COL", year=2025).first()
    if (
        state
        and previous
        and not Report.objects.filter(state=state, year=2026).exists()
    ):
        draft = copy.deepcopy(previous.answers)
        draft["COVER"]["report_date"] = ""
        Report.objects.create(
            state=state,
            year=2026,
            language="es",
            answers=draft,
            started_from=previous,
            flags={
                "B": "unchanged",
                "D": "unchanged",
                "E": "unchanged",
                "H": "unchanged",
            },
            unchanged_since={"B": 2025, "D": 2025, "E": 2025, "H": 2025},
        )
