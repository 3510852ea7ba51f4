from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin

from casework.notifications.models import Notification

if TYPE_CHECKING:  # ModelAdmin is generic only in django-stubs (no runtime monkeypatch)
    NotificationAdminBase = admin.ModelAdmin[Notification]
else:
    NotificationAdminBase = admin.ModelAdmin


@admin.register(Notification)
class NotificationAdmin(NotificationAdminBase):
    list_display = ("recipient", "kind", "created_at", "read_at", "emailed_at")
    list_filter = ("kind",)
    raw_id_fields = ("recipient",)
    readonly_fields = ("created_at", "emailed_at")
