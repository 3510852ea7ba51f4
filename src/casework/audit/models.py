"""The audit log: one append-only row per recorded action (who, when, what, before/after).

A row is written once and never changed or removed: `save()` on a stored row,
`delete()`, and the queryset's `update()`/`delete()` raise `AppendOnlyError`; the database
refuses an UPDATE as well (a trigger, migration 0002). The actor is kept by id and by
name, without a foreign-key constraint, so that removing a user account changes no row.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AppendOnlyError(RuntimeError):
    """An attempt to change or delete an audit entry."""


class Action(models.TextChoices):
    CREATED = "created", _("created")
    CHANGED = "changed", _("changed")
    DELETED = "deleted", _("deleted")
    SUBMITTED = "submitted", _("submitted")
    SENT_FOR_CLEARANCE = "sent_for_clearance", _("sent for clearance")
    CLEARED = "cleared", _("cleared")
    RETURNED = "returned", _("returned for changes")
    PUBLISHED = "published", _("published")
    WITHDRAWN = "withdrawn", _("withdrawn")
    DECIDED = "decided", _("reviewer decision")


class Source(models.TextChoices):
    APP = "app", _("Casework pages")
    ADMIN = "admin", _("administration")
    COMMAND = "command", _("command line")


class AuditQuerySet(models.QuerySet["AuditEntry"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("audit entries are never changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit entries are never deleted")

    def bulk_update(self, *args: Any, **kwargs: Any) -> int:
        raise AppendOnlyError("audit entries are never changed")


class AuditEntry(models.Model):
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(_("user name"), max_length=150, blank=True)
    action = models.CharField(
        _("action"), max_length=32, choices=Action.choices, db_index=True
    )
    source = models.CharField(
        _("through"), max_length=16, choices=Source.choices, default=Source.APP
    )
    object_type = models.CharField(_("object type"), max_length=100, db_index=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=200, blank=True)
    before = models.JSONField(
        _("before"), null=True, blank=True, encoder=DjangoJSONEncoder
    )
    after = models.JSONField(
        _("after"), null=True, blank=True, encoder=DjangoJSONEncoder
    )
    message = models.TextField(_("note"), blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["object_type", "object_id"])]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_type}#{self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise AppendOnlyError("audit entries are never changed")
        kwargs["force_insert"] = True
        kwargs.pop("force_update", None)
        kwargs.pop("update_fields", None)
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("audit entries are never deleted")

    def changes(self) -> list[tuple[str, Any, Any]]:
        """(field, before, after) for each field whose value differs."""
        before = self.before if isinstance(self.before, dict) else {}
        after = self.after if isinstance(self.after, dict) else {}
        return [
            (name, before.get(name), after.get(name))
            for name in sorted(set(before) | set(after))
            if before.get(name) != after.get(name)
        ]
