from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib import admin

from casework.reporting.models import ClearanceRule, Report, ReportRevision, ReportStep

if TYPE_CHECKING:  # ModelAdmin is generic only in django-stubs (no runtime monkeypatch)
    ReportAdminBase = admin.ModelAdmin[Report]
    RevisionAdminBase = admin.ModelAdmin[ReportRevision]
    RuleAdminBase = admin.ModelAdmin[ClearanceRule]
    StepAdminBase = admin.ModelAdmin[ReportStep]
else:
    ReportAdminBase = RevisionAdminBase = RuleAdminBase = StepAdminBase = (
        admin.ModelAdmin
    )


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


@admin.register(ClearanceRule)
class ClearanceRuleAdmin(RuleAdminBase):
    list_display = ("state", "cleared_by", "updated_by", "updated_at")
    list_filter = ("cleared_by",)
    raw_id_fields = ("state", "updated_by")


@admin.register(ReportStep)
class ReportStepAdmin(StepAdminBase):
    list_display = ("report", "kind", "by", "at")
    list_filter = ("kind",)
    raw_id_fields = ("report", "by")
    readonly_fields = ("at",)
