from django.contrib import admin

from casework.documents.models import AnalysisRun, Document, StoredOriginal


@admin.register(Document)
class DocumentAdmin(admin.ModelAdmin[Document]):
    list_display = ["filename", "state", "year", "kind", "language", "pages"]
    list_filter = ["year", "kind"]
    search_fields = ["filename", "state__iso3"]
    readonly_fields = ["original", "text"]


@admin.register(AnalysisRun)
class AnalysisRunAdmin(admin.ModelAdmin[AnalysisRun]):
    list_display = ["pk", "document", "status", "attempts", "progress", "created_at"]
    list_filter = ["status"]


@admin.register(StoredOriginal)
class StoredOriginalAdmin(admin.ModelAdmin[StoredOriginal]):
    list_display = ["sha256", "size", "extension", "created_at"]
    readonly_fields = ["sha256", "size", "extension"]
