"""Background tasks of the search app (run by `casework worker`)."""

from __future__ import annotations

from django.apps import apps
from django.db import transaction
from django_tasks import task


@task()
def reindex(kind: str, model_label: str, pk: int) -> str:
    """Index one record as it now is, after its index write failed during the save
    (`signals._now`); "indexed", or "removed" when the record is gone."""
    from casework.search.index import index, remove

    model = apps.get_model(model_label)
    with transaction.atomic():
        record = model._default_manager.filter(pk=pk).first()
        if record is None:
            remove(kind, pk)
            return "removed"
        index(kind, record)
    return "indexed"
