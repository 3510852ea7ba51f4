from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin

from casework.reporting.models import Report, ReportRevision

if TYPE_CHECKING:  # ModelAdmin is generic only in django-stubs (no runtime monkeypatch)
    ReportAdminBase = admin.ModelAdmin[Report]
    RevisionAdminBase = admin.ModelAdmin[ReportRevision]
else:
    ReportAdminBase = RevisionAdminBase = admin.ModelAdmin


@admin.register(Report)
class ReportAdmin(ReportAdminBase):
    list_display = ("state", "year", "version", "status", "language", "submitted_at")
    list_filter = ("status", "year", "language")
    search_fields = ("state__iso3", "state__name_en")
    raw_id_fields = ("state", "started_from", "corrects", "document")
    readonly_fields = ("revision", "submitted_at", "cleared_at", "published_at")


@admin.register(ReportRevision)
class ReportRevisionAdmin(RevisionAdminBase):
    list_display = ("report", "number", "saved_by", "updated_at")
    raw_id_fields = ("report",)
