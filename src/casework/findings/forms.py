"""Review forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.findings.indicators import CHOICES
from casework.findings.models import Finding


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (Finding.Decision.ACCEPTED, _("Accept")),
            (Finding.Decision.REJECTED, _("Reject")),
            (Finding.Decision.CORRECTED, _("Correct")),
        ],
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    corrected_present = forms.TypedChoiceField(
        label=_("Corrected: the document gives this information"),
        required=False,
        choices=[("", "—"), ("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: {"yes": True, "no": False}.get(value),
        empty_value=None,
    )
    page = forms.IntegerField(label=_("Page"), required=False, min_value=1)
    passage = forms.CharField(
        label=_("Corrected passage (verbatim)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AddFindingForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"), choices=CHOICES)
    page = forms.IntegerField(label=_("Page"), min_value=1)
    passage = forms.CharField(
        label=_("Passage (copied verbatim from the text)"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
