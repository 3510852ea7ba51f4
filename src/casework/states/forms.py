"""The State page's question "was this State a party on …?" as a GET form."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class PartyOnForm(forms.Form):
    on = forms.DateField(
        label=_("Was it a State Party on"),
        input_formats=["%Y-%m-%d"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={
            "invalid": _(
                "This is not a date. Choose a day in the calendar or type it as "
                "YYYY-MM-DD, for example 2025-12-26."
            ),
            "required": _("Choose a day to ask about."),
        },
    )
