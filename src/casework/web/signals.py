"""Which saves change which data version (`versions.stamp`): the maps redraw after them."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import post_delete, post_save

from casework.web import versions

# model label -> kind of data whose stamp a save or delete of it changes
WATCHED = {
    "states.StateParty": "states",
    "compliance.Submission": "submissions",  # for a compliance map or table cache
    "findings.Finding": "findings",  # for the cross-State coverage (findings/coverage.py)
    "documents.Document": "documents",  # idem: its denominators and years
    # for the funding dashboard's totals (funding/figures.py); the ledger's bulk writes
    # mark it in funding.models.LedgerQuerySet
    "funding.Contribution": "contributions",
    "funding.Donor": "contributions",
}


def _bump(sender: type[models.Model], **kwargs: Any) -> None:
    # Now (this transaction's own reads) and again on commit: a reader between the two
    # could otherwise keep a stamp made from the data as it was before the commit.
    versions.bump_on_commit(WATCHED[sender._meta.label])


def connect() -> None:
    from django.apps import apps

    for label in WATCHED:
        model = apps.get_model(label)
        post_save.connect(_bump, sender=model, dispatch_uid=f"web-version-{label}")
        post_delete.connect(
            _bump, sender=model, dispatch_uid=f"web-version-{label}-del"
        )
