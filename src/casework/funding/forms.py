"""Forms of the funding app: uploads, a rate, a need."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from casework.funding.decimal_mark import COMMA, POINT
from casework.funding.models import Donor, ExchangeRate, Need
from casework.states.models import StateParty


class IatiUploadForm(forms.Form):
    file = forms.FileField(label=_("IATI activity file (XML)"))
    publish = forms.BooleanField(
        label=_("Publish the imported contributions"), required=False
    )


def decimal_mark_field() -> forms.ChoiceField:
    """How the table writes decimals: chosen, or found in the file (`decimal_mark.py`)."""
    return forms.ChoiceField(
        label=_("Decimal mark in the file"),
        choices=[
            ("", _("Find it in the file")),
            (POINT, _("Point: 1234.5 or 1,234.5")),
            (COMMA, _("Comma: 1234,5, 1 234,5 or 1.234,5")),
        ],
        required=False,
        help_text=_(
            "Left to the file, a CSV with “;” between columns is read with a decimal "
            "comma; a number that could be read both ways, such as 1,234, is refused "
            "with its row until the mark is chosen here."
        ),
    )


class TableUploadForm(forms.Form):
    file = forms.FileField(label=_("Contributions (CSV or XLSX from the template)"))
    decimal_mark = decimal_mark_field()
    publish = forms.BooleanField(
        label=_("Publish the imported contributions"), required=False
    )


class RatesUploadForm(forms.Form):
    file = forms.FileField(label=_("Exchange rates (CSV or XLSX from the template)"))
    decimal_mark = decimal_mark_field()


def _currency_code(value: str) -> str:
    currency = value.strip().upper()
    if len(currency) != 3 or not currency.isalpha():
        raise forms.ValidationError(_("Give a three-letter ISO 4217 code."))
    return currency


class RateForm(forms.ModelForm[ExchangeRate]):
    class Meta:
        model = ExchangeRate
        fields = ["currency", "year", "units_per_usd", "source"]

    def clean_currency(self) -> str:
        return _currency_code(str(self.cleaned_data["currency"]))

    def clean_units_per_usd(self) -> Decimal:
        value: Decimal = self.cleaned_data["units_per_usd"]
        if value <= 0:
            raise forms.ValidationError(_("A rate must be more than 0."))
        return value


class NeedForm(forms.ModelForm[Need]):
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
        return _currency_code(str(self.cleaned_data["currency"]))


class MergeForm(forms.Form):
    """Two organisations that are one: the first is folded into the second."""

    source = forms.ModelChoiceField(
        queryset=Donor.objects.all(),
        label=_("Organisation to merge (it disappears; its names become aliases)"),
    )
    into = forms.ModelChoiceField(
        queryset=Donor.objects.all(), label=_("Organisation to keep")
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("source") and data.get("source") == data.get("into"):
            raise forms.ValidationError(
                _("Choose two different organisations: one to merge, one to keep.")
            )
        return data
