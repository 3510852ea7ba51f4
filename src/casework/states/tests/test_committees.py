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


def _term(iso3="DNK"):
    return CommitteeMembership.objects.create(
        state=StateParty.objects.get(iso3=iso3),
        committee=Committee.objects.get(code="cooperation"),
        start=dt.date(2024, 11, 29),
        end=dt.date(2025, 12, 5),
    )


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        (dt.date(2024, 11, 1), dt.date(2025, 6, 18), "start"),
        (dt.date(2025, 1, 1), dt.date(2026, 1, 31), "end"),
        (dt.date(2025, 6, 1), dt.date(2025, 5, 1), "end"),
    ],
)
def test_a_role_outside_its_term_is_refused(start, end, field):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    role = CommitteeRole(membership=_term(), kind="chair", start=start, end=end)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        role.full_clean()
    assert field in refused.value.message_dict
    with pytest.raises(ValidationError):
        role.save()  # imports and demo loaders are held to the same rule
    assert not CommitteeRole.objects.exists()


def test_the_admin_refuses_a_role_outside_the_term_with_a_message(client, support):
    support.is_staff = support.is_superuser = True
    support.save()
    client.force_login(support)
    membership = _term()
    url = f"/admin/states/committeemembership/{membership.pk}/change/"
    data = {
        "state": membership.state.pk,
        "committee": membership.committee.pk,
        "start": "2024-11-29",
        "end": "2025-12-05",
        "source": "",
        "roles-TOTAL_FORMS": "1",
        "roles-INITIAL_FORMS": "0",
        "roles-MIN_NUM_FORMS": "0",
        "roles-MAX_NUM_FORMS": "1000",
        "roles-0-kind": "chair",
        "roles-0-start": "2025-01-01",
        "roles-0-end": "2026-03-01",
        "roles-0-membership": membership.pk,
    }
    response = client.post(url, data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200  # the form again, not a redirect
    assert "The role ends after Denmark" in response.content.decode()
    assert not CommitteeRole.objects.exists()


def test_the_demo_carries_the_2025_cooperation_committee(client):
    from casework.states import demo

    demo.load_demo()
    demo.load_demo()  # safe to run again
    committee = Committee.objects.get(code="cooperation")
    members = {m.state.iso3 for m in committee.members_on(dt.date(2025, 6, 1))}
    assert members == {"CMR", "DNK", "CHE", "TUR"}

    def chair_on(day):
        return CommitteeRole.objects.get(
            membership__committee=committee, kind="chair", start__lte=day, end__gte=day
        ).membership.state.iso3

    assert chair_on(dt.date(2025, 1, 15)) == "DNK"
    assert chair_on(dt.date(2025, 6, 18)) == "DNK"
    assert chair_on(dt.date(2025, 6, 19)) == "TUR"
    assert chair_on(dt.date(2025, 12, 5)) == "TUR"
    assert CommitteeRole.objects.get(
        kind="gender_focal_point"
    ).membership.state.iso3 == ("CMR")
    body = client.get("/states/TUR/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Chair" in body
