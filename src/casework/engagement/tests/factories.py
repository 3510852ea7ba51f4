import datetime as dt

import factory

from casework.engagement.models import Case, CaseStep, Event, ExchangeVisit, Priority
from casework.states.models import StateParty


def state(iso3: str) -> StateParty:
    return StateParty.objects.get(iso3=iso3)


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Event

    kind = Event.Kind.WORKSHOP
    titles = factory.LazyFunction(
        lambda: {
            "en": "reporting under Article 7",
            "fr": "l'établissement des rapports au titre de l'article 7",
            "es": "la presentación de informes en virtud del artículo 7",
        }
    )
    start = dt.date(2025, 3, 26)
    place = "Geneva"


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    state = factory.LazyFunction(lambda: state("GNB"))
    requested_on = dt.date(2025, 1, 15)


class StepFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseStep

    case = factory.SubFactory(CaseFactory)
    kind = CaseStep.Kind.PREPARATORY_CALL
    date = dt.date(2025, 2, 10)


class VisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ExchangeVisit

    requesting_state = factory.LazyFunction(lambda: state("NGA"))
    host_state = factory.LazyFunction(lambda: state("TUR"))
    topics = factory.LazyFunction(
        lambda: {
            "en": "setting up a mine action centre",
            "fr": "la création d'un centre de lutte antimines",
            "es": "la creación de un centro de acción contra las minas",
        }
    )
    start = dt.date(2025, 5, 12)
    end = dt.date(2025, 5, 15)


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    year = 2025
    texts = factory.LazyFunction(
        lambda: {
            "en": "Keep the individualised approach open to every State.",
            "fr": "Maintenir l'approche individualisée ouverte à tous les États.",
            "es": "Mantener el enfoque individualizado abierto a todos los Estados.",
        }
    )
