"""Filters of the audit log page (all optional; a bad value is named, never a 500)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from casework.audit.models import Action, AuditEntry, Source


class AuditFilterForm(forms.Form):
    action = forms.ChoiceField(
        label=_("Action"),
        required=False,
        choices=[("", _("All actions")), *Action.choices],
    )
    source = forms.ChoiceField(
        label=_("Through"),
        required=False,
        choices=[("", _("Anywhere")), *Source.choices],
    )
    object_type = forms.CharField(
        label=_("Object type"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"list": "audit-object-types"}),
    )
    object_id = forms.CharField(label=_("Object id"), required=False, max_length=64)
    actor = forms.CharField(label=_("User name"), required=False, max_length=150)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error(
                "until", _("The end date is before the start date; swap them.")
            )
        return cleaned

    def apply(self, entries: QuerySet[AuditEntry]) -> QuerySet[AuditEntry]:
        """The entries matching every filter that was filled in and is valid."""
        values = getattr(self, "cleaned_data", {}) if self.is_bound else {}
        if values.get("action"):
            entries = entries.filter(action=values["action"])
        if values.get("source"):
            entries = entries.filter(source=values["source"])
        if values.get("object_type"):
            entries = entries.filter(
                object_type__icontains=values["object_type"].strip()
            )
        if values.get("object_id"):
            entries = entries.filter(object_id=values["object_id"].strip())
        if values.get("actor"):
            entries = entries.filter(actor_name__icontains=values["actor"].strip())
        if values.get("since"):
            entries = entries.filter(at__date__gte=values["since"])
        if values.get("until"):
            entries = entries.filter(at__date__lte=values["until"])
        return entries
