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
    LogEntry,
    Participant,
    Platform,
    Priority,
    Speaker,
)
from casework.engagement.services import sync_log
from casework.states.models import StateParty

logger = logging.getLogger(__name__)
DEMO = "Demo data: invented for illustration."
WORKSHOP_LINK = "https://www.apminebanconvention.org/"


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
            "en": "It agreed its workplan for the year",
            "fr": "Il a arrêté son plan de travail pour l'année",
            "es": "Aprobó su plan de trabajo para el año",
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
        link=WORKSHOP_LINK,
    )
    _event(
        Event.Kind.MASG_MEETING,
        dt.date(2025, 6, 11),
        {
            "en": "a meeting with the Group's chair",
            "fr": "une réunion avec la présidence du Groupe",
            "es": "una reunión con la presidencia del Grupo",
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


PRIORITIES: list[dict[str, str]] = [
    {
        "en": "Keep offering the individualised approach to affected States and follow up "
        "on the support pledged at the meetings held in 2025.",
        "fr": "Continuer d'offrir l'approche individualisée aux États touchés et assurer le "
        "suivi de l'appui annoncé lors des réunions tenues en 2025.",
        "es": "Seguir ofreciendo el enfoque individualizado a los Estados afectados y dar "
        "seguimiento al apoyo anunciado en las reuniones celebradas en 2025.",
    },
    {
        "en": "Encourage States Parties to report on cooperation and assistance by "
        "30 April each year, using the guide presented at the Committee's workshop.",
        "fr": "Encourager les États parties à rendre compte de la coopération et de "
        "l'assistance d'ici au 30 avril de chaque année, à l'aide du guide présenté lors "
        "de l'atelier du Comité.",
        "es": "Alentar a los Estados partes a informar sobre la cooperación y la asistencia "
        "a más tardar el 30 de abril de cada año, con ayuda de la guía presentada en el "
        "taller del Comité.",
    },
    {
        "en": "Promote national mine action platforms that bring national authorities, "
        "donors and operators around one table.",
        "fr": "Promouvoir les plateformes nationales de lutte antimines, qui réunissent "
        "autour d'une même table les autorités nationales, les donateurs et les "
        "opérateurs.",
        "es": "Promover las plataformas nacionales de acción contra las minas, que reúnen "
        "en una misma mesa a las autoridades nacionales, los donantes y los operadores.",
    },
    {
        "en": "Take gender and diverse needs into account in all of its work, with the "
        "help of its gender focal point.",
        "fr": "Tenir compte du genre et des besoins divers dans l'ensemble de ses travaux, "
        "avec l'aide de son point focal pour les questions de genre.",
        "es": "Tener en cuenta el género y las necesidades diversas en todos sus trabajos, "
        "con la ayuda de su coordinador para las cuestiones de género.",
    },
    {
        "en": "Work with the Article 5 Committee on the funding side of extension "
        "requests.",
        "fr": "Collaborer avec le Comité sur l'application de l'article 5 sur le volet "
        "financier des demandes de prolongation.",
        "es": "Colaborar con el Comité sobre la Aplicación del Artículo 5 en los aspectos "
        "financieros de las solicitudes de prórroga.",
    },
    {
        "en": "Make the exchange visits of the Cooperation and Assistance Fund better "
        "known and keep a record of what each one teaches.",
        "fr": "Mieux faire connaître les visites d'échange du Fonds de coopération et "
        "d'assistance et consigner les enseignements de chacune d'elles.",
        "es": "Dar a conocer mejor las visitas de intercambio del Fondo de Cooperación y "
        "Asistencia y dejar constancia de las enseñanzas de cada una.",
    },
    {
        "en": "Coordinate with the Mine Action Support Group and other partners on "
        "mobilising resources for the States that need them most.",
        "fr": "Se coordonner avec le Groupe de soutien à la lutte antimines et d'autres "
        "partenaires pour mobiliser des ressources en faveur des États qui en ont le plus "
        "besoin.",
        "es": "Coordinarse con el Grupo de Apoyo a la Acción contra las Minas y otros "
        "asociados para movilizar recursos en favor de los Estados que más los necesitan.",
    },
]


def _priorities() -> None:
    for order, texts in enumerate(PRIORITIES, start=1):
        Priority.objects.get_or_create(
            year=2025, order=order, defaults={"texts": texts}
        )


# The log as the secretariat would shape it for the report: some generated entries
# rewritten (the editor's text survives regeneration), some left out of the report
# (they stay in the log), and three entries with no record behind them written by hand.
HAND_ENTRIES: list[tuple[dt.date, dict[str, str]]] = [
    (
        dt.date(2025, 1, 27),
        {
            "en": "Cameroon served as the Committee's gender focal point, making sure "
            "that gender and diverse needs are considered in each of its tasks.",
            "fr": "Le Cameroun a assuré la fonction de point focal du Comité pour les "
            "questions de genre, veillant à ce que le genre et les besoins divers soient "
            "pris en compte dans chacune de ses tâches.",
            "es": "El Camerún desempeñó la función de coordinador del Comité para las "
            "cuestiones de género y veló por que el género y las necesidades diversas se "
            "tuvieran en cuenta en cada una de sus tareas.",
        },
    ),
    (
        dt.date(2025, 5, 15),
        {
            "en": "The Committee supported the Article 5 Committee by sharing its views on "
            "the funding plans and resource mobilisation set out in the extension "
            "requests under consideration.",
            "fr": "Le Comité a appuyé le Comité sur l'application de l'article 5 en lui "
            "faisant part de ses vues sur les plans de financement et la mobilisation des "
            "ressources présentés dans les demandes de prolongation à l'examen.",
            "es": "El Comité apoyó al Comité sobre la Aplicación del Artículo 5 "
            "transmitiéndole sus opiniones sobre los planes de financiación y la "
            "movilización de recursos expuestos en las solicitudes de prórroga "
            "examinadas.",
        },
    ),
    (
        dt.date(2025, 9, 1),
        {
            "en": "The Committee prepared preliminary observations on the information on "
            "cooperation and assistance given in the Article 7 reports of 40 States "
            "Parties.",
            "fr": "Le Comité a formulé des observations préliminaires sur les informations "
            "relatives à la coopération et à l'assistance communiquées par 40 États "
            "parties dans leurs rapports présentés au titre de l'article 7.",
            "es": "El Comité formuló observaciones preliminares sobre la información "
            "relativa a la cooperación y la asistencia proporcionada por 40 Estados partes "
            "en sus informes presentados en virtud del artículo 7.",
        },
    ),
]
EDITED: dict[str, dict[str, str]] = {
    "first_meeting": {
        "en": "On 27 January 2025, the Committee held its first meeting of the year in "
        "Geneva and agreed on its workplan and on how its members would share the work.",
        "fr": "Le 27 janvier 2025, le Comité a tenu à Genève sa première réunion de "
        "l'année et a arrêté son plan de travail ainsi que la répartition des tâches entre "
        "ses membres.",
        "es": "El 27 de enero de 2025, el Comité celebró en Ginebra su primera reunión del "
        "año y aprobó su plan de trabajo y el reparto de las tareas entre sus miembros.",
    },
    "workshop": {
        "en": "On 26 March 2025, the Committee held a workshop in Geneva on reporting on "
        "cooperation and assistance, to help States Parties submit this information in "
        "their Article 7 reports by the deadline of 30 April 2025.",
        "fr": "Le 26 mars 2025, le Comité a tenu à Genève un atelier sur l'établissement "
        "des rapports relatifs à la coopération et à l'assistance, afin d'aider les États "
        "parties à communiquer ces informations dans leurs rapports au titre de "
        "l'article 7 d'ici au 30 avril 2025, date limite de présentation.",
        "es": "El 26 de marzo de 2025, el Comité celebró en Ginebra un taller sobre la "
        "presentación de informes relativos a la cooperación y la asistencia, para ayudar "
        "a los Estados partes a incluir esa información en sus informes en virtud del "
        "artículo 7 a más tardar el 30 de abril de 2025, fecha límite de presentación.",
    },
    "masg": {
        "en": "On 11 June 2025, the Committee met the chair of the Mine Action Support "
        "Group to review the individualised approach and the needs of the States taking "
        "part in it.",
        "fr": "Le 11 juin 2025, le Comité a rencontré la présidence du Groupe de soutien à "
        "la lutte antimines pour faire le point sur l'approche individualisée et sur les "
        "besoins des États qui y participent.",
        "es": "El 11 de junio de 2025, el Comité se reunió con la presidencia del Grupo de "
        "Apoyo a la Acción contra las Minas para examinar el enfoque individualizado y las "
        "necesidades de los Estados que participan en él.",
    },
    "individualised": {
        "en": "On 18 June 2025, in the margins of the intersessional meetings in Geneva, "
        "the Committee held individualised-approach meetings with Guinea-Bissau and with "
        "South Sudan, which presented their needs to donors and partner organisations; "
        "the final reports of both meetings were published on 30 June 2025.",
        "fr": "Le 18 juin 2025, en marge des réunions intersessions tenues à Genève, le "
        "Comité a organisé des réunions au titre de l'approche individualisée avec la "
        "Guinée-Bissau et avec le Soudan du Sud, qui ont présenté leurs besoins aux "
        "donateurs et aux organisations partenaires ; les rapports finals de ces deux "
        "réunions ont été publiés le 30 juin 2025.",
        "es": "El 18 de junio de 2025, paralelamente a las reuniones entre períodos de "
        "sesiones celebradas en Ginebra, el Comité organizó reuniones en el marco del "
        "enfoque individualizado con Guinea-Bissau y con el Sudán del Sur, que presentaron "
        "sus necesidades a los donantes y a las organizaciones asociadas; los informes "
        "finales de ambas reuniones se publicaron el 30 de junio de 2025.",
    },
    "panel": {
        "en": "On 19 June 2025, the Committee organised a panel on funding for mine "
        "action, at which donors and operators discussed how to mobilise national and "
        "international resources.",
        "fr": "Le 19 juin 2025, le Comité a organisé une table ronde sur le financement de "
        "la lutte antimines, au cours de laquelle des donateurs et des opérateurs ont "
        "débattu des moyens de mobiliser des ressources nationales et internationales.",
        "es": "El 19 de junio de 2025, el Comité organizó una mesa redonda sobre la "
        "financiación de la acción contra las minas, en la que donantes y operadores "
        "debatieron sobre la manera de movilizar recursos nacionales e internacionales.",
    },
    "sudan": {
        "en": "On 21 July 2025, the Sudan asked to take part in the individualised "
        "approach; on 27 August 2025, the Committee held a preparatory call with the Sudan "
        "ahead of its meeting, planned for 2026.",
        "fr": "Le 21 juillet 2025, le Soudan a demandé à bénéficier de l'approche "
        "individualisée ; le 27 août 2025, le Comité a tenu un appel préparatoire avec le "
        "Soudan en vue de sa réunion, prévue en 2026.",
        "es": "El 21 de julio de 2025, el Sudán solicitó acogerse al enfoque "
        "individualizado; el 27 de agosto de 2025, el Comité mantuvo una llamada "
        "preparatoria con el Sudán con miras a su reunión, prevista para 2026.",
    },
}


def _entry(key: str) -> LogEntry | None:
    return LogEntry.objects.filter(source_key=key).first()


def _event_key(kind: str, day: dt.date) -> str:
    event = Event.objects.filter(kind=kind, start=day).first()
    return f"event:{event.pk}" if event else ""


def _curate_log() -> None:
    """Shape the 2025 log into the report's eleven paragraphs (safe to run again)."""
    sync_log(2025)
    edits = {
        _event_key(Event.Kind.COMMITTEE_MEETING, dt.date(2025, 1, 27)): "first_meeting",
        _event_key(Event.Kind.WORKSHOP, dt.date(2025, 3, 26)): "workshop",
        _event_key(Event.Kind.MASG_MEETING, dt.date(2025, 6, 11)): "masg",
        _event_key(Event.Kind.PANEL, dt.date(2025, 6, 19)): "panel",
    }
    cases = {c.state.iso3: c for c in Case.objects.select_related("state")}
    meeting = CaseStep.objects.filter(
        case=cases.get("GNB"), kind=CaseStep.Kind.MEETING
    ).first()
    if meeting:
        edits[f"step:{meeting.pk}"] = "individualised"
    if "SDN" in cases:
        edits[f"case:{cases['SDN'].pk}"] = "sudan"
    keep = {"chairs:2025", *edits}
    keep |= {
        f"visit:{pk}"
        for pk in ExchangeVisit.objects.filter(start__year=2025).values_list(
            "pk", flat=True
        )
    }
    for entry in LogEntry.objects.filter(year=2025).exclude(source_key=""):
        if entry.source_key in edits and not entry.is_edited:
            entry.edited = EDITED[edits[entry.source_key]]
        entry.in_report = entry.source_key in keep
        entry.save(update_fields=["edited", "in_report", "updated_at"])
    for day, texts in HAND_ENTRIES:
        LogEntry.objects.get_or_create(
            year=2025,
            date=day,
            source_key="",
            edited__en=texts["en"],
            defaults={"edited": texts},
        )


@transaction.atomic
def load_demo() -> None:
    """A year like 2025 for the engagement pages; safe to run again."""
    CommitteeYear.objects.get_or_create(
        year=2025,
        defaults={
            "symbol": "APLC/MSP.22/2025/DEMO.1",
            "issued_on": dt.date(2025, 10, 15),
            "meetings": {
                "en": "Twenty-second Meeting of the States Parties",
                "fr": "Vingt-deuxième Assemblée des États parties",
                "es": "Vigésima Segunda Reunión de los Estados Partes",
            },
            "places": {"en": "Geneva", "fr": "Genève", "es": "Ginebra"},
            "meeting_start": dt.date(2025, 12, 1),
            "meeting_end": dt.date(2025, 12, 5),
            "agenda_item": "10",
            "agenda_titles": {
                "en": "Cooperation and assistance",
                "fr": "Coopération et assistance",
                "es": "Cooperación y asistencia",
            },
            "submitted_late": True,
        },
    )
    intersessional = _calendar()["intersessional"]
    _events()
    _cases(intersessional)
    _visits()
    _platforms()
    _priorities()
    _curate_log()
    logger.info("engagement demo loaded")
