from django.contrib import admin

from casework.engagement.models import (
    Attachment,
    Case,
    CaseStep,
    CommitteeYear,
    Event,
    ExchangeVisit,
    LogEntry,
    Participant,
    Platform,
    Priority,
    Speaker,
)


class CaseStepInline(admin.TabularInline[CaseStep, Case]):
    model = CaseStep
    extra = 0
    fields = ["kind", "date", "due_on", "done", "place"]


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin[Case]):
    list_display = ["state", "requested_on", "published_on"]
    inlines = [CaseStepInline]


class SpeakerInline(admin.TabularInline[Speaker, Event]):
    model = Speaker
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin[Event]):
    list_display = ["start", "kind", "display_title", "is_public", "in_report"]
    list_filter = ["kind", "is_public"]
    inlines = [SpeakerInline]


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin[LogEntry]):
    list_display = ["date", "year", "source_key", "display_text", "in_report"]
    list_filter = ["year"]


for model in (
    CaseStep,
    Participant,
    Platform,
    ExchangeVisit,
    Attachment,
    CommitteeYear,
    Priority,
):
    admin.site.register(model)
