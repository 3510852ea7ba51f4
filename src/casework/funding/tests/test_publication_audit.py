"""Publishing or withdrawing contributions says who did it, in the audit log."""

import pytest
from django.urls import reverse

from casework.audit.models import Action, AuditEntry
from casework.funding.tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db


def test_publishing_and_withdrawing_are_recorded_with_who(client, support):
    hidden = ContributionFactory(is_published=False)
    shown = ContributionFactory(is_published=True)
    client.force_login(support)
    url = reverse("funding:publish")
    client.post(url, {"ids": [hidden.pk, shown.pk], "action": "publish"})
    entry = AuditEntry.objects.get(object_type="funding.contribution")
    assert entry.action == Action.PUBLISHED and entry.object_id == str(hidden.pk)
    assert entry.actor_name == "support"
    assert (entry.before, entry.after) == (
        {"is_published": False},
        {"is_published": True},
    )

    client.post(url, {"ids": [hidden.pk], "action": "withdraw"})
    withdrawn = AuditEntry.objects.filter(action=Action.WITHDRAWN).get()
    assert withdrawn.object_id == str(hidden.pk) and withdrawn.actor_name == "support"
    hidden.refresh_from_db()
    assert not hidden.is_published


def test_a_refused_publication_records_nothing(client, outsider):
    entry = ContributionFactory(is_published=False)
    client.force_login(outsider)
    client.post(reverse("funding:publish"), {"ids": [entry.pk], "action": "publish"})
    assert not AuditEntry.objects.exists()
