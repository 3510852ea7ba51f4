"""Demo content for the engagement pages: a year like 2025.

Facts taken from issue 6: the reporting workshop of 26 March 2025, the Sudan preparatory call
of 27 August 2025, the Guinea-Bissau and South Sudan final reports of June 2025, a Nigerian
exchange visit to Türkiye's mine action centre, a funding panel, MASG meetings and
EU-supported dialogues. Everything else (exact days, places, speakers, amounts, texts) is
invented for the demo and says so.
"""

from __future__ import annotations

import datetime as dt
import logging
from decimal import Decimal

from django.db import transaction

from casework.domain.languages import LANGUAGES
from casework.engagement.documents import draft_case_report
from casework.engagement.models import (
    Case,
    CaseStep,
    CommitteeYear,
    Event,
    ExchangeVisit,
    Participant,
    Platform,
    Priority,
    Speaker,
)
from casework.engagement.services import sync_log
from casework.states.models import StateParty

logger = logging.getLogger(__name__)
DEMO = "Demo data: invented for illustration."


def _event(kind: str, start: dt.date, titles: dict[str, str], **extra: object) -> Event:
    found = Event.objects.filter(
        kind=kind, start=start, titles__en=titles["en"]
    ).first()
    return found or Event.objects.create(kind=kind, start=start, titles=titles, **extra)


def _case(iso3: str, requested_on: dt.date, **extra: object) -> Case:
    state = StateParty.objects.get(iso3=iso3)
    case, _ = Case.objects.get_or_create(
        state=state, requested_on=requested_on, defaults={"summary": DEMO, **extra}
    )
    return case


def _step(case: Case, kind: str, **fields: object) -> CaseStep:
    key = {"date": fields.pop("date", None), "due_on": fields.pop("due_on", None)}
    step, _ = CaseStep.objects.get_or_create(
        case=case, kind=kind, **key, defaults=fields
    )
    return step


def _meeting_with(step: CaseStep, organisations: list[str], states: list[str]) -> None:
    if step.participants.exists():
        return
    for organisation in organisations:
        Participant.objects.create(step=step, organisation=organisation)
    for iso3 in states:
        Participant.objects.create(step=step, state=StateParty.objects.get(iso3=iso3))


def _calendar() -> dict[str, Event]:
    intersessional = _event(
        Event.Kind.INTERSESSIONAL,
        dt.date(2025, 6, 17),
        {
            "en": "intersessional meetings",
            "fr": "réunions intersessions",
            "es": "reuniones entre períodos de sesiones",
        },
        end=dt.date(2025, 6, 20),
        place="Geneva",
        is_public=True,
        in_report=False,
    )
    _event(
        Event.Kind.MSP,
        dt.date(2025, 12, 1),
        {
            "en": "Meeting of the States Parties (demo dates)",
            "fr": "Assemblée des États parties (dates de démonstration)",
            "es": "Reunión de los Estados partes (fechas de demostración)",
        },
        end=dt.date(2025, 12, 5),
        place="Geneva",
        is_public=True,
        in_report=False,
    )
    _event(
        Event.Kind.INTERSESSIONAL,
        dt.date(2026, 6, 16),
        {
            "en": "intersessional meetings (demo dates)",
            "fr": "réunions intersessions (dates de démonstration)",
            "es": "reuniones entre períodos de sesiones (fechas de demostración)",
        },
        end=dt.date(2026, 6, 19),
        place="Geneva",
        is_public=True,
        in_report=False,
    )
    return {"intersessional": intersessional}


def _events() -> None:
    _event(
        Event.Kind.COMMITTEE_MEETING,
        dt.date(2025, 1, 27),
        {
            "en": "its first meeting of the year",
            "fr": "sa première réunion de l'année",
            "es": "su primera reunión del año",
        },
        place="Geneva",
        outcomes={
            "en": "It agreed its workplan for the year (demo text)",
            "fr": "Il a arrêté son plan de travail pour l'année (texte de démonstration)",
            "es": "Aprobó su plan de trabajo para el año (texto de demostración)",
        },
    )
    _event(
        Event.Kind.WORKSHOP,
        dt.date(2025, 3, 26),
        {
            "en": "reporting on cooperation and assistance",
            "fr": "l'établissement des rapports sur la coopération et l'assistance",
            "es": "la presentación de informes sobre cooperación y asistencia",
        },
        place="Geneva",
        is_public=True,
        participants=DEMO,
    )
    _event(
        Event.Kind.MASG_MEETING,
        dt.date(2025, 4, 8),
        {
            "en": "exchange on the individualised approach, demo date",
            "fr": "échange sur l'approche individualisée, date de démonstration",
            "es": "intercambio sobre el enfoque individualizado, fecha de demostración",
        },
        place="Geneva",
    )
    _event(
        Event.Kind.DIALOGUE,
        dt.date(2025, 9, 16),
        {
            "en": "an EU-supported national dialogue (demo date and place)",
            "fr": "un dialogue national appuyé par l'UE (date et lieu de démonstration)",
            "es": "un diálogo nacional con el apoyo de la UE (fecha y lugar de "
            "demostración)",
        },
        place="Dakar",
    )
    panel = _event(
        Event.Kind.PANEL,
        dt.date(2025, 6, 19),
        {
            "en": "funding for mine action",
            "fr": "le financement de la lutte antimines",
            "es": "la financiación de la acción contra las minas",
        },
        place="Geneva",
        is_public=True,
    )
    if not panel.speakers.exists():
        Speaker.objects.create(
            event=panel, name="Demo Speaker One", organisation="A donor agency"
        )
        Speaker.objects.create(
            event=panel, name="Demo Speaker Two", organisation="An operator"
        )


def _cases(intersessional: Event) -> None:
    for iso3, requested in (
        ("GNB", dt.date(2025, 2, 3)),
        ("SSD", dt.date(2025, 2, 10)),
    ):
        case = _case(iso3, requested)
        _step(
            case, CaseStep.Kind.PREPARATORY_CALL, date=requested + dt.timedelta(days=45)
        )
        meeting = _step(
            case,
            CaseStep.Kind.MEETING,
            date=dt.date(2025, 6, 18),
            place="Geneva",
            in_margins_of=intersessional,
            needs_presented="Survey and clearance capacity; information management (demo)",
        )
        _meeting_with(meeting, ["UNDP", "GICHD"], ["NOR", "CHE"])
        _step(
            case,
            CaseStep.Kind.PLEDGE,
            date=dt.date(2025, 6, 25),
            pledged_by="A demo donor",
        )
        _step(
            case,
            CaseStep.Kind.FOLLOW_UP,
            due_on=dt.date(2026, 2, 2),
            done=False,
            notes="Ask for news of the pledged support (demo).",
        )
        if not case.published_on:
            case.final_reports = {
                language: draft_case_report(case, language) for language in LANGUAGES
            }
            case.published_on = dt.date(2025, 6, 30)
            case.save()
    sudan = _case("SDN", dt.date(2025, 7, 21))
    _step(sudan, CaseStep.Kind.PREPARATORY_CALL, date=dt.date(2025, 8, 27))
    _step(sudan, CaseStep.Kind.MEETING, due_on=dt.date(2026, 6, 17), done=False)


def _visits() -> None:
    nga, tur = StateParty.objects.get(iso3="NGA"), StateParty.objects.get(iso3="TUR")
    topics = {
        "en": "setting up a mine action centre",
        "fr": "la création d'un centre de lutte antimines",
        "es": "la creación de un centro de acción contra las minas",
    }
    ExchangeVisit.objects.get_or_create(
        requesting_state=nga,
        host_state=tur,
        topics__en=topics["en"],
        defaults={
            "topics": topics,
            "start": dt.date(2025, 10, 6),
            "end": dt.date(2025, 10, 9),
            "budget": Decimal("25000"),
            "funding_source": "Cooperation and Assistance Fund (demo amount)",
            "status": ExchangeVisit.Status.LESSONS_RECORDED,
            "feedback_requesting": "Demo: the visit showed how the centre is organised.",
            "feedback_host": "Demo: hosting helped us document our own procedures.",
            "lessons": "Demo: agree the visit programme with the host a month ahead; "
            "bring the future centre's information officer.",
        },
    )


def _platforms() -> None:
    for iso3, exists in (("GNB", "yes"), ("SSD", "yes"), ("SDN", "unknown")):
        Platform.objects.get_or_create(
            state=StateParty.objects.get(iso3=iso3),
            defaults={
                "exists": exists,
                "notes": DEMO,
                "frequency": "demo: twice a year",
            },
        )


def _priorities() -> None:
    priorities = [
        {
            "en": "Demo: keep offering the individualised approach and follow up on the "
            "pledges made.",
            "fr": "Démonstration : continuer d'offrir l'approche individualisée et assurer "
            "le suivi des annonces de contributions.",
            "es": "Demostración: seguir ofreciendo el enfoque individualizado y dar "
            "seguimiento a los compromisos de apoyo anunciados.",
        },
        {
            "en": "Demo: use the lessons library to improve the Fund's working methods.",
            "fr": "Démonstration : utiliser la bibliothèque des enseignements pour améliorer "
            "les méthodes de travail du Fonds.",
            "es": "Demostración: utilizar la biblioteca de enseñanzas para mejorar los "
            "métodos de trabajo del Fondo.",
        },
    ]
    for order, texts in enumerate(priorities, start=1):
        Priority.objects.get_or_create(
            year=2025, order=order, defaults={"texts": texts}
        )


@transaction.atomic
def load_demo() -> None:
    """A year like 2025 for the engagement pages; safe to run again."""
    CommitteeYear.objects.get_or_create(
        year=2025,
        defaults={
            "symbol": "APLC/MSP/2025/DEMO",
            "issued_on": dt.date(2025, 10, 15),
            "meetings": {
                "en": "Meeting of the States Parties (demo)",
                "fr": "Assemblée des États parties (démonstration)",
                "es": "Reunión de los Estados partes (demostración)",
            },
        },
    )
    intersessional = _calendar()["intersessional"]
    _events()
    _cases(intersessional)
    _visits()
    _platforms()
    _priorities()
    sync_log(2025)
    logger.info("engagement demo loaded")
