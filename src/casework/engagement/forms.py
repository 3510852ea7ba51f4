"""Forms of the engagement pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

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
from casework.states.models import StateParty


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: object) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)  # type: ignore[arg-type]


def _dates(*names: str) -> dict[str, forms.Widget]:
    return {name: DateInput() for name in names}


class StateChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: StateParty) -> str:
        return obj.name


class CaseForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = ["state", "requested_on", "summary"]
        widgets = _dates("requested_on")
        field_classes = {"state": StateChoiceField}


class CaseReportForm(forms.ModelForm):
    class Meta:
        model = Case
        fields = ["final_report_en", "final_report_fr"]
        widgets = {
            "final_report_en": forms.Textarea(attrs={"rows": 14}),
            "final_report_fr": forms.Textarea(attrs={"rows": 14}),
        }
        help_texts = {
            "final_report_en": _("One paragraph per block, separated by a blank line.")
        }


class PublishForm(forms.Form):
    published_on = forms.DateField(label=_("published on"), widget=DateInput())


class StepForm(forms.ModelForm):
    class Meta:
        model = CaseStep
        fields = [
            "kind",
            "date",
            "due_on",
            "done",
            "place",
            "in_margins_of",
            "needs_presented",
            "pledged_by",
            "notes",
        ]
        widgets = {
            **_dates("date", "due_on"),
            "needs_presented": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("date") and not data.get("due_on"):
            raise forms.ValidationError(
                _("Give the date of the step, or the date it is due.")
            )
        if data.get("done") and not data.get("date"):
            raise forms.ValidationError(_("A step that is done needs its date."))
        return data


class ParticipantForm(forms.ModelForm):
    class Meta:
        model = Participant
        fields = ["state", "organisation", "name"]
        field_classes = {"state": StateChoiceField}

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("state") and not data.get("organisation"):
            raise forms.ValidationError(_("Name the State or the organisation."))
        return data


class AttachmentForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ["title", "file"]


class PlatformForm(forms.ModelForm):
    class Meta:
        model = Platform
        fields = [
            "exists",
            "established_on",
            "last_meeting_on",
            "frequency",
            "chaired_by",
            "partners",
            "notes",
        ]
        widgets = _dates("established_on", "last_meeting_on")


class VisitForm(forms.ModelForm):
    class Meta:
        model = ExchangeVisit
        fields = [
            "requesting_state",
            "host_state",
            "topic_en",
            "topic_fr",
            "start",
            "end",
            "budget",
            "currency",
            "funding_source",
            "feedback_requesting",
            "feedback_host",
            "lessons",
        ]
        widgets = _dates("start", "end")
        field_classes = {
            "requesting_state": StateChoiceField,
            "host_state": StateChoiceField,
        }

    def clean(self) -> dict:
        data = super().clean()
        if data.get("requesting_state") and data.get("requesting_state") == data.get(
            "host_state"
        ):
            raise forms.ValidationError(
                _("The host State must differ from the requesting State.")
            )
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The last day comes before the first."))
        return data


def _link_field() -> forms.URLField:
    return forms.URLField(
        label=_("link (footnote)"), required=False, assume_scheme="https"
    )


class EventForm(forms.ModelForm):
    link = _link_field()

    class Meta:
        model = Event
        fields = [
            "kind",
            "title_en",
            "title_fr",
            "start",
            "end",
            "place",
            "participants",
            "outcome_en",
            "outcome_fr",
            "link",
            "is_public",
            "in_report",
        ]
        widgets = {
            **_dates("start", "end"),
            "participants": forms.Textarea(attrs={"rows": 2}),
            "outcome_en": forms.Textarea(attrs={"rows": 2}),
            "outcome_fr": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self) -> dict:
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The last day comes before the first."))
        return data


class SpeakerForm(forms.ModelForm):
    class Meta:
        model = Speaker
        fields = ["name", "organisation"]


class YearForm(forms.ModelForm):
    class Meta:
        model = CommitteeYear
        fields = ["symbol", "issued_on", "meeting_en", "meeting_fr"]
        widgets = _dates("issued_on")


class EntryForm(forms.ModelForm):
    """The editor's version of a paragraph; left empty, the generated text is used."""

    link = _link_field()

    class Meta:
        model = LogEntry
        fields = ["edited_en", "edited_fr", "link", "in_report"]
        widgets = {
            "edited_en": forms.Textarea(attrs={"rows": 4}),
            "edited_fr": forms.Textarea(attrs={"rows": 4}),
        }


class ManualEntryForm(forms.ModelForm):
    link = _link_field()

    class Meta:
        model = LogEntry
        fields = ["date", "edited_en", "edited_fr", "link"]
        widgets = {
            **_dates("date"),
            "edited_en": forms.Textarea(attrs={"rows": 3}),
            "edited_fr": forms.Textarea(attrs={"rows": 3}),
        }


class PriorityForm(forms.ModelForm):
    class Meta:
        model = Priority
        fields = ["order", "text_en", "text_fr"]
        widgets = {
            "text_en": forms.Textarea(attrs={"rows": 2}),
            "text_fr": forms.Textarea(attrs={"rows": 2}),
        }
