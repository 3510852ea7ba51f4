"""Forms of the funding app: uploads, a rate, a need."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.funding.models import ExchangeRate, Need
from casework.states.models import StateParty


class IatiUploadForm(forms.Form):
    file = forms.FileField(label=_("IATI activity file (XML)"))
    publish = forms.BooleanField(
        label=_("Publish the imported contributions"), required=False
    )


class TableUploadForm(forms.Form):
    file = forms.FileField(label=_("Contributions (CSV or XLSX from the template)"))
    publish = forms.BooleanField(
        label=_("Publish the imported contributions"), required=False
    )


class RatesUploadForm(forms.Form):
    file = forms.FileField(label=_("Exchange rates (CSV or XLSX from the template)"))


class RateForm(forms.ModelForm):
    class Meta:
        model = ExchangeRate
        fields = ["currency", "year", "units_per_usd", "source"]

    def clean_currency(self) -> str:
        currency = self.cleaned_data["currency"].strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            raise forms.ValidationError(_("Give a three-letter ISO 4217 code."))
        return currency

    def clean_units_per_usd(self):
        value = self.cleaned_data["units_per_usd"]
        if value <= 0:
            raise forms.ValidationError(_("A rate must be more than 0."))
        return value


class NeedForm(forms.ModelForm):
    state = forms.ModelChoiceField(
        queryset=StateParty.objects.all(), label=_("State"), to_field_name="iso3"
    )

    class Meta:
        model = Need
        fields = [
            "state",
            "year",
            "amount",
            "currency",
            "sector",
            "source",
            "source_reference",
            "is_published",
        ]

    def clean_currency(self) -> str:
        currency = self.cleaned_data["currency"].strip().upper()
        if len(currency) != 3 or not currency.isalpha():
            raise forms.ValidationError(_("Give a three-letter ISO 4217 code."))
        return currency
