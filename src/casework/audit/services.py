"""`record(...)`: what other apps call to write the audit log, and `snapshot(obj)`.

Call it inside the transaction that makes the change, so that the entry and the change
are kept (or rolled back) together:

    from casework.audit import services as audit
    audit.record(audit.Action.SUBMITTED, actor=request.user, obj=report,
                 before=before, after=audit.snapshot(report))
"""

from __future__ import annotations

import datetime as dt
import uuid
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.db import models
from django.db.models.fields.files import FieldFile

from casework.audit.models import Action, AuditEntry, Source

__all__ = ["Action", "Source", "object_type_of", "record", "snapshot"]

# Fields never copied into the log (secrets, and values that change on every save).
SECRET_FIELDS = frozenset(
    {"password", "session_key", "session_data", "token", "secret"}
)


def object_type_of(obj: models.Model | type[models.Model]) -> str:
    """ "app_label.model", e.g. "reporting.report"."""
    return obj._meta.label_lower


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, uuid.UUID | FieldFile):
        return str(value) if value else ""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_plain(v) for v in value]
    if isinstance(value, bytes | memoryview):
        return f"<{len(value)} bytes>"
    return str(value)


def snapshot(obj: models.Model | None) -> dict[str, Any] | None:
    """The object's stored values as plain JSON: concrete fields (a foreign key as its
    id), many-to-many fields as sorted ids; secrets are left out."""
    if obj is None:
        return None
    values: dict[str, Any] = {}
    for field in obj._meta.concrete_fields:
        if field.name in SECRET_FIELDS:
            continue
        key = field.attname if field.is_relation else field.name
        values[key] = _plain(field.value_from_object(obj))
    if obj.pk is not None:
        for m2m in obj._meta.many_to_many:
            manager = getattr(obj, m2m.name)
            values[m2m.name] = sorted(manager.values_list("pk", flat=True))
    return values


def record(
    action: str,
    *,
    actor: User | AnonymousUser | None,
    obj: models.Model | None = None,
    object_type: str = "",
    object_id: str | int = "",
    object_repr: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    message: str = "",
    source: str = Source.APP,
) -> AuditEntry:
    """Write one audit entry. `obj` fills the type, id and name unless they are given."""
    if action not in Action.values:
        raise ValueError(f"unknown audit action {action!r}; use one of {Action.values}")
    user = actor if isinstance(actor, User) else None
    if obj is not None:
        object_type = object_type or object_type_of(obj)
        object_id = object_id or (obj.pk if obj.pk is not None else "")
        object_repr = object_repr or str(obj)
    return AuditEntry.objects.create(
        actor=user,
        actor_name=user.get_username() if user is not None else "",
        action=action,
        source=source,
        object_type=object_type,
        object_id=str(object_id),
        object_repr=object_repr[:200],
        before=_plain(before) if before is not None else None,
        after=_plain(after) if after is not None else None,
        message=message,
    )
