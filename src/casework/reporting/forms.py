"""Forms of the reporting app that are not the report itself."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.reporting.models import ClearedBy
from casework.states.models import StateParty


class ClearanceRuleForm(forms.Form):
    state = forms.ModelChoiceField(
        label=_("State"),
        queryset=StateParty.objects.order_by("name_en"),
        to_field_name="iso3",
        error_messages={
            "required": _("Choose the State whose rule you set."),
            "invalid_choice": _(
                "This State is not in the registry; choose one from the list."
            ),
        },
    )
    cleared_by = forms.ChoiceField(
        label=_("Who clears its reports"),
        choices=ClearedBy.choices,
        error_messages={
            "required": _("Choose who clears the State's reports."),
            "invalid_choice": _("Choose a second focal point or the support unit."),
        },
    )
