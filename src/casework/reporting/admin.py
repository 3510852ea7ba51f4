"""The reports in the Django admin. The record cannot be altered there: a submitted (or
published) report, every draft revision and every workflow step are read-only, and none
can be deleted; a correction is a new version made in the reporting pages. Who submitted,
cleared or published, and when, is never edited by hand."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.contrib import admin
from django.http import HttpRequest

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

# Set by the workflow (reporting.services), never in the admin.
WORKFLOW_FIELDS = (
    "status",
    "revision",
    "created_by",
    "clearance_requested_by",
    "clearance_by",
    "cleared_by",
    "cleared_at",
    "submitted_by",
    "submitted_at",
    "published_at",
    "corrects",
    "document",
)


def _is_record(report: Report | None) -> bool:
    return report is not None and report.status != Report.Status.DRAFT


@admin.register(Report)
class ReportAdmin(ReportAdminBase):
    list_display = ("state", "year", "version", "status", "language", "submitted_at")
    list_filter = ("status", "year", "language")
    search_fields = ("state__iso3", "state__name_en")
    raw_id_fields = ("state", "started_from", "corrects", "document")
    readonly_fields = WORKFLOW_FIELDS

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # reports are started in the reporting pages

    def has_change_permission(
        self, request: HttpRequest, obj: Report | None = None
    ) -> bool:
        # Beyond the draft (in clearance, cleared, submitted, published) it is a record.
        return not _is_record(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(
        self, request: HttpRequest, obj: Report | None = None
    ) -> bool:
        return not _is_record(obj) and super().has_delete_permission(request, obj)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # would delete records in bulk
        return actions


class ReadOnlyAdmin:
    """Viewable, never added, changed or deleted in the admin."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ReportRevision)
class ReportRevisionAdmin(ReadOnlyAdmin, RevisionAdminBase):
    list_display = ("report", "number", "saved_by", "updated_at")
    raw_id_fields = ("report",)


@admin.register(ClearanceRule)
class ClearanceRuleAdmin(RuleAdminBase):
    list_display = ("state", "cleared_by", "updated_by", "updated_at")
    list_filter = ("cleared_by",)
    raw_id_fields = ("state", "updated_by")


@admin.register(ReportStep)
class ReportStepAdmin(ReadOnlyAdmin, StepAdminBase):
    list_display = ("report", "kind", "by", "at")
    list_filter = ("kind",)
    raw_id_fields = ("report", "by")
    readonly_fields = ("at",)
