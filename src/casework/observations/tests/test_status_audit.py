"""Agreeing, publishing and reopening an observation say who did it, in the audit log
(issue 15: publishing recorded no "who" anywhere)."""

import pytest
from django.urls import reverse

from casework.audit.models import Action, AuditEntry, Source
from casework.findings.models import Finding
from casework.observations import services
from casework.observations.models import Observation

pytestmark = pytest.mark.django_db


def _entries():
    return list(
        AuditEntry.objects.filter(object_type="observations.observation").order_by("pk")
    )


def _post(client, observation, action):
    return client.post(
        reverse("observations:status", args=[observation.pk]), {"action": action}
    )


def test_each_step_is_recorded_with_who_and_what_changed(client, support, reviewed):
    observation = services.generate(reviewed, 2025)
    client.force_login(support)
    _post(client, observation, "advance")  # agreed
    _post(client, observation, "advance")  # published
    _post(client, observation, "reopen")  # withdrawn, back to draft
    observation.refresh_from_db()
    assert observation.status == Observation.Status.DRAFT
    agreed, published, reopened = _entries()
    assert [e.action for e in (agreed, published, reopened)] == [
        Action.CHANGED,
        Action.PUBLISHED,
        Action.WITHDRAWN,
    ]
    for entry in (agreed, published, reopened):
        assert entry.actor == support and entry.actor_name == "support"
        assert entry.source == Source.APP
        assert entry.object_id == str(observation.pk)
    assert (agreed.before["status"], agreed.after["status"]) == ("draft", "agreed")
    assert agreed.message == "status: draft → agreed"
    assert published.before["published_at"] is None
    assert published.after["published_at"]  # when, next to who
    assert (reopened.before["status"], reopened.after["status"]) == (
        "published",
        "draft",
    )
    assert reopened.after["published_at"] is None


def test_reopening_an_agreed_draft_is_a_return_for_changes(
    client, committee_member, reviewed
):
    observation = services.generate(reviewed, 2025)
    services.advance(observation, by=committee_member)
    client.force_login(committee_member)
    _post(client, observation, "reopen")
    entry = _entries()[-1]
    assert entry.action == Action.RETURNED and entry.actor == committee_member
    assert entry.message == "status: agreed → draft"
    # A draft reopened again changes nothing and records nothing.
    _post(client, observation, "reopen")
    assert len(_entries()) == 2


def test_a_refused_agreement_or_an_outsider_records_nothing(
    client, support, outsider, reviewed
):
    observation = services.generate(reviewed, 2025)
    pending = reviewed.documents.get().findings.get(indicator="gender_diversity")
    Finding.objects.filter(pk=pending.pk).update(decision=Finding.Decision.PENDING)
    services.generate(reviewed, 2025)
    client.force_login(support)
    _post(client, observation, "advance")  # blocked: a finding waits for review
    client.force_login(outsider)
    assert _post(client, observation, "advance").status_code == 403
    observation.refresh_from_db()
    assert observation.status == Observation.Status.DRAFT
    assert _entries() == []


def test_a_command_records_its_steps_without_a_user(reviewed):
    observation = services.generate(reviewed, 2025)
    services.advance(observation, by=None)
    entry = _entries()[-1]
    assert entry.actor is None and entry.source == Source.COMMAND
