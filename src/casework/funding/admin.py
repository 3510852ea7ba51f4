from django.contrib import admin

from casework.funding.models import (
    Contribution,
    Donor,
    DonorPriority,
    ExchangeRate,
    ImportBatch,
    Need,
)


class DonorPriorityInline(admin.TabularInline[DonorPriority, Donor]):
    model = DonorPriority
    extra = 1


@admin.register(Donor)
class DonorAdmin(admin.ModelAdmin[Donor]):
    list_display = ["name", "kind", "iso3", "iati_ref"]
    search_fields = ["name", "iati_ref"]
    inlines = [DonorPriorityInline]


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin[Contribution]):
    list_display = [
        "year",
        "donor",
        "recipient_iso3",
        "amount",
        "currency",
        "amount_usd",
        "status",
        "source",
        "duplicate_of",
        "is_published",
    ]
    list_filter = ["source", "status", "sector", "is_published", "year"]
    search_fields = ["donor__name", "recipient_iso3", "source_reference"]
    raw_id_fields = ["duplicate_of", "batch"]
    list_select_related = ["donor", "duplicate_of"]


@admin.register(ExchangeRate)
class ExchangeRateAdmin(admin.ModelAdmin[ExchangeRate]):
    list_display = ["currency", "year", "units_per_usd", "source"]


@admin.register(Need)
class NeedAdmin(admin.ModelAdmin[Need]):
    list_display = ["state", "year", "amount", "currency", "amount_usd", "source"]
    list_select_related = ["state"]


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin[ImportBatch]):
    list_display = ["created_at", "kind", "filename", "created_count", "skipped_count"]
