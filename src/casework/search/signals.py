"""Keep the index in step with the records it is built from (saves and deletions).

A bulk `QuerySet.update()` sends no signal: `casework manage search_rebuild` (or
`index.rebuild()`) catches up after one.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

logger = logging.getLogger(__name__)


def _later(kind: str, model: Any, pk: int) -> None:
    """Index in the same transaction (the index rolls back with the record), reading
    the record as it now is; a failure is logged and never breaks the save."""
    from casework.search.index import index, remove

    try:
        with transaction.atomic():
            record = model._default_manager.filter(pk=pk).first()
            if record is None:
                remove(kind, pk)
            else:
                index(kind, record)
    except Exception:  # the index must never break a save; a rebuild repairs it
        logger.exception("search index: %s %s not indexed", kind, pk)


def connect() -> None:
    from casework.documents.models import Document
    from casework.engagement.models import Case, CaseStep, Event
    from casework.findings.models import Finding
    from casework.observations.models import Observation, ObservationText
    from casework.search.models import SearchEntry

    Kind = SearchEntry.Kind
    direct = {
        Document: Kind.DOCUMENT,
        Finding: Kind.FINDING,
        Observation: Kind.OBSERVATION,
        Case: Kind.CASE,
        Event: Kind.EVENT,
    }
    for model, kind in direct.items():

        def changed(
            sender: Any, instance: Any, kind: str = kind, **kwargs: Any
        ) -> None:
            _later(kind, sender, instance.pk)

        post_save.connect(changed, sender=model, weak=False)
        post_delete.connect(changed, sender=model, weak=False)

    def text_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
        _later(Kind.OBSERVATION, Observation, instance.observation_id)

    def step_changed(sender: Any, instance: Any, **kwargs: Any) -> None:
        _later(Kind.CASE, Case, instance.case_id)

    post_save.connect(text_changed, sender=ObservationText, weak=False)
    post_save.connect(step_changed, sender=CaseStep, weak=False)
    post_delete.connect(step_changed, sender=CaseStep, weak=False)
