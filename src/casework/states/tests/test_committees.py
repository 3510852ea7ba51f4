import datetime as dt

import pytest

from casework.states.models import (
    Committee,
    CommitteeMembership,
    CommitteeRole,
    StateParty,
)

pytestmark = pytest.mark.django_db


def test_five_committees_are_loaded():
    assert set(Committee.objects.values_list("code", flat=True)) == {
        "article5",
        "victim_assistance",
        "cooperation",
        "compliance",
        "coordinating",
    }


def test_a_split_chair_is_two_roles_in_two_memberships():
    committee = Committee.objects.get(code="cooperation")
    term = {
        "committee": committee,
        "start": dt.date(2024, 11, 29),
        "end": dt.date(2026, 12, 4),
    }
    denmark = CommitteeMembership.objects.create(
        state=StateParty.objects.get(iso3="DNK"), **term
    )
    turkiye = CommitteeMembership.objects.create(
        state=StateParty.objects.get(iso3="TUR"), **term
    )
    CommitteeRole.objects.create(
        membership=denmark,
        kind="chair",
        start=dt.date(2024, 11, 29),
        end=dt.date(2025, 6, 30),
    )
    CommitteeRole.objects.create(
        membership=turkiye,
        kind="chair",
        start=dt.date(2025, 7, 1),
        end=dt.date(2025, 12, 31),
    )

    def chair_on(day):
        return CommitteeRole.objects.get(
            membership__committee=committee, kind="chair", start__lte=day, end__gte=day
        ).membership.state.iso3

    assert chair_on(dt.date(2025, 3, 1)) == "DNK"
    assert chair_on(dt.date(2025, 9, 1)) == "TUR"
    assert {m.state.iso3 for m in committee.members_on(dt.date(2025, 9, 1))} == {
        "DNK",
        "TUR",
    }
    assert not committee.members_on(dt.date(2027, 1, 1)).exists()
