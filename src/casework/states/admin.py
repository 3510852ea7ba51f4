from django.contrib import admin

from casework.states.models import (
    Article5Event,
    Committee,
    CommitteeMembership,
    CommitteeRole,
    StateParty,
)


class Article5EventInline(admin.TabularInline[Article5Event, StateParty]):
    model = Article5Event
    extra = 0


@admin.register(StateParty)
class StatePartyAdmin(admin.ModelAdmin[StateParty]):
    list_display = [
        "iso3",
        "name_en",
        "date_entry_into_force",
        "withdrawal_effective",
        "article5_status",
        "article4_status",
    ]
    list_filter = ["article5_status", "article4_status"]
    search_fields = ["iso3", "name_en", "name_fr", "name_es"]
    inlines = [Article5EventInline]


class CommitteeRoleInline(admin.TabularInline[CommitteeRole, CommitteeMembership]):
    model = CommitteeRole
    extra = 0


@admin.register(CommitteeMembership)
class CommitteeMembershipAdmin(admin.ModelAdmin[CommitteeMembership]):
    list_display = ["state", "committee", "start", "end"]
    list_filter = ["committee"]
    autocomplete_fields = ["state"]
    inlines = [CommitteeRoleInline]


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin[Committee]):
    list_display = ["code"]
