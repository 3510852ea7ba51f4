"""Keep the index in step with the records it is built from (saves and deletions).

A bulk `QuerySet.update()` sends no signal: `casework manage search_rebuild` (or
`index.rebuild()`) catches up after one. An index write that fails (a locked database, a
lost connection) never breaks the save: it is logged, and once the save commits the worker
indexes the record again (`tasks.reindex`).

Inside `batched()` (the worker writing one document's results: the document and each of
its findings) the records are indexed together when the block ends, in a few queries
instead of a handful per record, with the same entries as one by one.
"""

from __future__ import annotations

import contextlib
import functools
import logging
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save

logger = logging.getLogger(__name__)

# (kind, pk) -> model of the records saved or deleted inside `batched()`, in order.
_batch: ContextVar[dict[tuple[str, int], Any] | None] = ContextVar(
    "search_batch", default=None
)


@contextlib.contextmanager
def batched() -> Iterator[None]:
    """Within: the records saved or deleted are indexed when the block ends (run it
    inside the transaction that writes them, so the index rolls back with them)."""
    from casework.audit.middleware import admin_actor

    if _batch.get() is not None or admin_actor.get() is not None:
        # Nested, or an admin request (whose audit records each index write): as is.
        yield
        return
    pending: dict[tuple[str, int], Any] = {}
    token = _batch.set(pending)
    try:
        yield
    finally:
        _batch.reset(token)
    _flush(pending)


def _flush(pending: dict[tuple[str, int], Any]) -> None:
    """Index the batch's records as they now are; a failure is logged, never raised
    (each record is then indexed on its own, as without a batch)."""
    from casework.search.index import index_records

    if not pending:
        return
    try:
        with transaction.atomic():
            index_records([(kind, model, pk) for (kind, pk), model in pending.items()])
    except Exception:  # the index must never break a save; a rebuild repairs it
        logger.warning("search index: batch not indexed; one by one", exc_info=True)
        for (kind, pk), model in pending.items():
            _now(kind, model, pk)


def _later(kind: str, model: Any, pk: int) -> None:
    pending = _batch.get()
    if pending is None:
        _now(kind, model, pk)
    else:
        pending.pop((kind, pk), None)  # keeps the order of the last change
        pending[(kind, pk)] = model


def _now(kind: str, model: Any, pk: int) -> None:
    """Index in the same transaction (the index rolls back with the record), reading
    the record as it now is; a failure is logged, never breaks the save, and is
    retried by the worker once the save commits."""
    from casework.search.index import index, remove

    try:
        with transaction.atomic():
            record = model._default_manager.filter(pk=pk).first()
            if record is None:
                remove(kind, pk)
            else:
                index(kind, record)
    except Exception:  # the index must never break a save
        logger.exception("search index: %s %s not indexed; retried later", kind, pk)
        transaction.on_commit(
            functools.partial(_retry_later, kind, model._meta.label, pk)
        )


def _retry_later(kind: str, model_label: str, pk: int) -> None:
    from casework.search.tasks import reindex

    try:
        reindex.enqueue(kind, model_label, pk)
    except Exception:  # no queue either: `casework manage search_rebuild` repairs it
        logger.exception("search index: %s %s not queued for a retry", kind, pk)


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
