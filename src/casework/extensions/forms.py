"""Forms to create a request, correct its values, import a template and edit comments."""

from __future__ import annotations

from typing import Any, TypeAlias

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from casework.extensions.models import (
    BudgetYear,
    ContaminatedArea,
    ExtensionRequest,
    PastRelease,
    RequestDocument,
    WorkPlanYear,
)

MAX_UPLOAD_BYTES = 5 * 1024 * 1024
# The formset class of one of a request's tables.
RowsOf: TypeAlias = type[BaseInlineFormSet[Any, ExtensionRequest, Any]]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class TemplateUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Filled template (.xlsx or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith((".xlsx", ".csv")):
            raise forms.ValidationError(_("Upload the template as .xlsx or .csv."))
        if (upload.size or 0) > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than 5 MB; is it the template?")
            )
        return upload


class DocumentUploadForm(forms.Form):
    file = forms.FileField(label=_("The request document (PDF, DOCX, HTML or text)"))

    def clean_file(self) -> UploadedFile:
        from casework.extensions.prefill import READABLE

        upload: UploadedFile = self.cleaned_data["file"]
        if not (upload.name or "").lower().endswith(READABLE):
            raise forms.ValidationError(
                _("Upload a PDF, DOCX, ODT, HTML or text file.")
            )
        if (upload.size or 0) > 50 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 50 MB."))
        return upload


class RequestForm(forms.ModelForm[ExtensionRequest]):
    class Meta:
        model = ExtensionRequest
        fields = [
            "state",
            "reference",
            "submitted_on",
            "current_deadline",
            "requested_deadline",
            "currency",
            "total_cost",
            "remaining_area_m2",
            "past_release_rate_m2",
            "has_resource_mobilisation_plan",
            "risk_education",
            "gender_diversity",
            "has_survey_of_remaining_areas",
            "decision",
            "decision_meeting",
            "decision_date",
            "granted_deadline",
            "is_published",
        ]
        widgets = {
            "submitted_on": DateInput(),
            "current_deadline": DateInput(),
            "requested_deadline": DateInput(),
            "decision_date": DateInput(),
            "granted_deadline": DateInput(),
            "risk_education": forms.Textarea(attrs={"rows": 2}),
            "gender_diversity": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, can_publish: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not can_publish:
            del self.fields["is_published"]
        if self.instance.pk:
            # The State of an existing request does not change; import a new one instead.
            del self.fields["state"]

    def clean_currency(self) -> str:
        return str(self.cleaned_data["currency"]).upper()


AreaFormSet: RowsOf = inlineformset_factory(
    ExtensionRequest,
    ContaminatedArea,
    fields=["region", "confirmed_m2", "suspected_m2"],
    extra=1,
    can_delete=True,
)
PlanFormSet: RowsOf = inlineformset_factory(
    ExtensionRequest,
    WorkPlanYear,
    fields=["year", "cancel_m2", "reduce_m2", "clear_m2", "teams", "milestones"],
    widgets={"milestones": forms.Textarea(attrs={"rows": 1})},
    extra=1,
    can_delete=True,
)
BudgetFormSet: RowsOf = inlineformset_factory(
    ExtensionRequest,
    BudgetYear,
    fields=["year", "total", "national", "secured", "sought", "currency"],
    extra=1,
    can_delete=True,
)
PastFormSet: RowsOf = inlineformset_factory(
    ExtensionRequest,
    PastRelease,
    fields=["year", "released_m2", "cost"],
    extra=1,
    can_delete=True,
)
DocumentFormSet: RowsOf = inlineformset_factory(
    ExtensionRequest,
    RequestDocument,
    fields=["title", "reference"],
    extra=1,
    can_delete=True,
)
FORMSETS = (
    ("areas", AreaFormSet, _("Remaining contamination by region")),
    ("plan", PlanFormSet, _("Work plan")),
    ("budget", BudgetFormSet, _("Budget")),
    ("past", PastFormSet, _("Area released in past years")),
    ("documents", DocumentFormSet, _("Documents")),
)


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), widget=forms.Textarea(attrs={"rows": 14}), required=False
    )
