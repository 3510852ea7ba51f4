"""The audit log: append-only entries, admin changes with before/after, the support page."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from casework.audit import services as audit
from casework.audit.models import Action, AppendOnlyError, AuditEntry, Source
from casework.funding.models import Contribution, Donor
from casework.funding.tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db


def test_record_keeps_who_when_what_and_before_after(support):
    donor = Donor.objects.create(name="Audit Test Donor", kind="state")
    before = audit.snapshot(donor)
    donor.iso3 = "NOR"
    donor.save()
    entry = audit.record(
        Action.CHANGED,
        actor=support,
        obj=donor,
        before=before,
        after=audit.snapshot(donor),
    )
    entry.refresh_from_db()
    assert entry.actor_id == support.pk and entry.actor_name == "support"
    assert entry.object_type == "funding.donor" and entry.object_id == str(donor.pk)
    assert entry.object_repr == str(donor) and entry.source == Source.APP
    assert entry.at is not None
    assert ("iso3", "", "NOR") in entry.changes()
    assert "updated_at" in entry.after  # dates are stored as ISO text


def test_an_unknown_action_is_refused():
    with pytest.raises(ValueError, match="unknown audit action"):
        audit.record("tampered", actor=None, object_type="x")


def test_entries_can_never_be_changed_or_deleted(support):
    entry = audit.record(Action.PUBLISHED, actor=support, object_type="observations.x")
    entry.message = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.filter(pk=entry.pk).update(message="rewritten")
    with pytest.raises(AppendOnlyError):
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get(pk=entry.pk).message == ""


def test_the_database_refuses_an_update_too(support):
    entry = audit.record(Action.CLEARED, actor=support, object_type="reporting.report")
    with (
        pytest.raises(DatabaseError),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(
            "UPDATE audit_auditentry SET actor_name = %s WHERE id = %s",
            ["someone else", entry.pk],
        )
    assert AuditEntry.objects.get(pk=entry.pk).actor_name == "support"


def test_a_change_in_the_admin_is_logged_with_before_and_after(client, support):
    item = ContributionFactory(description="first text", amount=Decimal("1000"))
    client.force_login(support)
    url = reverse("admin:funding_contribution_change", args=[item.pk])
    form = client.get(url).context["adminform"].form
    data = {
        name: ("" if value is None else value)
        for name, value in form.initial.items()
        if name in form.fields
    }
    data.update(description="second text", is_published="on")
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.get(object_type="funding.contribution")
    assert entry.action == Action.CHANGED and entry.source == Source.ADMIN
    assert entry.actor_name == "support" and entry.object_id == str(item.pk)
    assert entry.before["description"] == "first text"
    assert entry.after["description"] == "second text"


def test_a_deletion_in_the_admin_is_logged_with_what_was_deleted(client, support):
    donor = Donor.objects.create(name="Gone Donor", kind="state")
    client.force_login(support)
    response = client.post(
        reverse("admin:funding_donor_delete", args=[donor.pk]), {"post": "yes"}
    )
    assert (
        response.status_code == 302 and not Donor.objects.filter(pk=donor.pk).exists()
    )
    entry = AuditEntry.objects.get(action=Action.DELETED, object_type="funding.donor")
    assert entry.before["name"] == "Gone Donor" and entry.after is None


def test_saves_outside_the_admin_are_not_logged_by_the_hooks(support):
    ContributionFactory()
    Contribution.objects.update(description="bulk")
    assert not AuditEntry.objects.exists()


def test_the_admin_shows_the_log_read_only(client, support):
    entry = audit.record(
        Action.SUBMITTED, actor=support, object_type="reporting.report"
    )
    client.force_login(support)
    assert client.get(reverse("admin:audit_auditentry_changelist")).status_code == 200
    page = client.get(reverse("admin:audit_auditentry_change", args=[entry.pk]))
    assert page.status_code == 200 and b'name="_save"' not in page.content
    assert (
        client.post(
            reverse("admin:audit_auditentry_change", args=[entry.pk]), {"message": "x"}
        ).status_code
        == 403
    )
    assert (
        client.post(
            reverse("admin:audit_auditentry_delete", args=[entry.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    assert AuditEntry.objects.get(pk=entry.pk).message == ""


def test_the_support_unit_browses_and_filters_the_log(client, support):
    audit.record(
        Action.PUBLISHED,
        actor=support,
        object_type="observations.observation",
        object_id=7,
        object_repr="Observations on Senegal",
    )
    audit.record(
        Action.DECIDED,
        actor=support,
        object_type="findings.finding",
        object_id=9,
        before={"decision": "open"},
        after={"decision": "accepted"},
    )
    client.force_login(support)
    url = reverse("audit:log")
    body = client.get(url).content.decode()
    assert "Observations on Senegal" in body and "findings.finding" in body
    only = client.get(url, {"action": "decided"}).content.decode()
    assert "findings.finding" in only and "Observations on Senegal" not in only
    assert "accepted" in only  # the after value of the changed field
    french = client.get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Journal d&#x27;audit" in french or "Journal d'audit" in french


def test_bad_filters_are_named_not_a_500(client, support):
    client.force_login(support)
    url = reverse("audit:log")
    for query in (
        {"since": "99999999999999999999"},
        {"since": "2025-12-31", "until": "2025-01-01"},
        {"action": "tampered", "page": "-4"},
        {"object_id": "x" * 500},
    ):
        response = client.get(url, query)
        assert response.status_code == 200
        assert b"errorlist" in response.content


def test_the_log_downloads_neutralised(client, support):
    audit.record(
        Action.CHANGED, actor=support, object_type="funding.donor", object_repr="=cmd()"
    )
    client.force_login(support)
    text = client.get(reverse("audit:log"), {"format": "csv"}).content.decode(
        "utf-8-sig"
    )
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["object"] == "'=cmd()" and rows[0]["user"] == "support"


@pytest.mark.parametrize("who", ["anonymous", "owner", "committee_member"])
def test_only_the_support_unit_opens_the_log(client, request, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    response = client.get(reverse("audit:log"))
    assert response.status_code == (302 if who == "anonymous" else 403)
