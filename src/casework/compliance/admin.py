from django.contrib import admin

from casework.compliance.models import Reminder, Submission


@admin.register(Submission)
class SubmissionAdmin(admin.ModelAdmin[Submission]):
    list_display = ["state", "year", "submitted_at", "source"]
    list_filter = ["year", "source"]
    search_fields = ["state__iso3", "state__name_en"]
    autocomplete_fields = ["state"]


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin[Reminder]):
    list_display = ["state", "year", "recipients", "created_at"]
    list_filter = ["year"]
