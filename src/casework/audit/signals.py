"""Every change made in the Django admin becomes an audit entry, with before and after.

While `middleware.admin_actor` is set (an admin request), each model instance saved or
deleted — the object of the form and its inlines — and each many-to-many change is
recorded: the stored values before (read from the database just before the save) and
after. Housekeeping models (sessions, the admin's own LogEntry, log-in attempts, the task
queue, the audit log itself) are left out.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.signals import m2m_changed, post_save, pre_delete, pre_save

from casework.audit.middleware import admin_actor
from casework.audit.models import Action, Source
from casework.audit.services import record, snapshot

SKIPPED_APPS = frozenset(
    {
        "audit",
        "admin",
        "sessions",
        "contenttypes",
        "axes",
        "django_tasks_db",
        "django_rq",
    }
)
_BEFORE = "_audit_before"
_M2M_BEFORE = "_audit_m2m_before"


def _watched(sender: Any) -> bool:
    return (
        admin_actor.get() is not None
        and isinstance(sender, type)
        and issubclass(sender, models.Model)
        and sender._meta.app_label not in SKIPPED_APPS
    )


def _before_save(
    sender: type[models.Model], instance: models.Model, **kwargs: Any
) -> None:
    if not _watched(sender) or kwargs.get("raw") or instance._state.adding:
        return
    stored = sender._base_manager.filter(pk=instance.pk).first()
    setattr(instance, _BEFORE, snapshot(stored))


def _after_save(
    sender: type[models.Model], instance: models.Model, created: bool, **kwargs: Any
) -> None:
    if not _watched(sender) or kwargs.get("raw"):
        return
    before = None if created else getattr(instance, _BEFORE, None)
    after = snapshot(instance)
    if not created and before == after:
        return  # saved without a change
    record(
        Action.CREATED if created else Action.CHANGED,
        actor=admin_actor.get(),
        obj=instance,
        before=before,
        after=after,
        source=Source.ADMIN,
    )


def _before_delete(
    sender: type[models.Model], instance: models.Model, **kwargs: Any
) -> None:
    if not _watched(sender):
        return
    record(
        Action.DELETED,
        actor=admin_actor.get(),
        obj=instance,
        before=snapshot(instance),
        source=Source.ADMIN,
    )


def _m2m_field(instance: models.Model, through: type[models.Model]) -> str | None:
    for field in instance._meta.many_to_many:
        if field.remote_field.through is through:
            return field.name
    return None


def _m2m(
    sender: type[models.Model],
    instance: models.Model,
    action: str,
    reverse: bool,
    **kwargs: Any,
) -> None:
    if admin_actor.get() is None or reverse:
        return
    if type(instance)._meta.app_label in SKIPPED_APPS:
        return
    name = _m2m_field(instance, sender)
    if name is None:
        return
    ids = sorted(getattr(instance, name).values_list("pk", flat=True))
    if action.startswith("pre_"):
        setattr(
            instance, _M2M_BEFORE, {**getattr(instance, _M2M_BEFORE, {}), name: ids}
        )
        return
    before = getattr(instance, _M2M_BEFORE, {}).get(name)
    if before == ids:
        return
    record(
        Action.CHANGED,
        actor=admin_actor.get(),
        obj=instance,
        before={name: before},
        after={name: ids},
        source=Source.ADMIN,
    )


def connect() -> None:
    """Saves are watched for every model. Deletions only for the models the admin can
    delete (a pre_delete receiver turns off Django's fast delete for its models, which
    would slow every bulk deletion of the others)."""
    from django.apps import apps
    from django.contrib import admin

    pre_save.connect(_before_save, dispatch_uid="audit_before_save")
    post_save.connect(_after_save, dispatch_uid="audit_after_save")
    m2m_changed.connect(_m2m, dispatch_uid="audit_m2m")
    for model in apps.get_models():
        if model._meta.app_label in SKIPPED_APPS:
            continue
        if admin.site.is_registered(model) or _inline_of_admin(model):
            pre_delete.connect(
                _before_delete,
                sender=model,
                dispatch_uid=f"audit_delete_{model._meta.label}",
            )


def _inline_of_admin(model: type[models.Model]) -> bool:
    """Whether an admin page edits (and so may delete) the model as an inline."""
    from django.contrib import admin

    return any(
        getattr(inline, "model", None) is model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    )
