import datetime as dt

import pytest

from casework.engagement.models import CaseStep, Event, Participant
from casework.engagement.tests import factories
from casework.states.models import Committee, CommitteeMembership, CommitteeRole


@pytest.fixture
def committee_2025(db):
    """Denmark and Türkiye on the cooperation committee, the chair split between them."""
    cooperation = Committee.objects.get(code="cooperation")
    term = {
        "committee": cooperation,
        "start": dt.date(2024, 11, 29),
        "end": dt.date(2026, 12, 4),
    }
    denmark = CommitteeMembership.objects.create(state=factories.state("DNK"), **term)
    turkiye = CommitteeMembership.objects.create(state=factories.state("TUR"), **term)
    CommitteeRole.objects.create(
        membership=denmark,
        kind="chair",
        start=dt.date(2025, 1, 1),
        end=dt.date(2025, 6, 30),
    )
    CommitteeRole.objects.create(
        membership=turkiye,
        kind="chair",
        start=dt.date(2025, 7, 1),
        end=dt.date(2025, 12, 31),
    )


@pytest.fixture
def year_2025(committee_2025):
    """A small year: first meeting, a workshop, a case with a meeting, a visit, priorities."""
    factories.EventFactory(
        kind=Event.Kind.COMMITTEE_MEETING,
        titles={
            "en": "its first meeting of the year",
            "fr": "sa première réunion de l'année",
            "es": "su primera reunión del año",
        },
        start=dt.date(2025, 1, 27),
    )
    factories.EventFactory(link="https://example.org/workshop")
    intersessional = factories.EventFactory(
        kind=Event.Kind.INTERSESSIONAL,
        titles={
            "en": "intersessional meetings",
            "fr": "réunions intersessions",
            "es": "reuniones entre períodos de sesiones",
        },
        start=dt.date(2025, 6, 17),
        end=dt.date(2025, 6, 20),
        is_public=True,
    )
    case = factories.CaseFactory()
    meeting = factories.StepFactory(
        case=case,
        kind=CaseStep.Kind.MEETING,
        date=dt.date(2025, 6, 18),
        place="Geneva",
        in_margins_of=intersessional,
        needs_presented="Survey equipment",
    )
    Participant.objects.create(step=meeting, organisation="UNDP")
    Participant.objects.create(step=meeting, state=factories.state("DNK"))
    factories.StepFactory(
        case=case, kind=CaseStep.Kind.PREPARATORY_CALL, date=dt.date(2025, 3, 1)
    )
    factories.StepFactory(
        case=case,
        kind=CaseStep.Kind.FOLLOW_UP,
        date=None,
        due_on=dt.date(2025, 11, 1),
        done=False,
    )
    case.final_reports = {"en": "Final report."}
    case.published_on = dt.date(2025, 6, 30)
    case.save()
    factories.VisitFactory(
        status="lessons_recorded", lessons="Start with a small team."
    )
    factories.PriorityFactory(order=1)
    factories.PriorityFactory(
        order=2,
        texts={
            "en": "Second priority.",
            "fr": "Deuxième priorité.",
            "es": "Segunda prioridad.",
        },
    )
    return case
