"""Forms of the engagement pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from casework.documents.forms import too_large_message
from casework.documents.uploads import max_upload_bytes, max_upload_mb
from casework.domain.languages import DEFAULT, LANGUAGES, name_of
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
    reader_language,
    written,
)
from casework.states.models import StateParty


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def _dates(*names: str) -> dict[str, forms.Widget]:
    return {name: DateInput() for name in names}


@dataclass(frozen=True, slots=True)
class Translated:
    """A model's {language: text} field, offered as one form field per language.

    `stem` names the form fields (`title` -> `title_en`, `title_fr`, `title_es`). A
    language left empty falls back to another (English first) when the text is read;
    `required` asks for the text in at least one language. The fields come after the
    form field `after` ("" at the start, None at the end).
    """

    stem: str
    rows: int = 0  # 0: one line
    max_length: int | None = None
    required: bool = False
    after: str | None = None


M = TypeVar("M", bound=models.Model)


class TranslatedTextsForm(forms.ModelForm[M]):
    """A model form whose texts in several languages are JSON fields ({"en": …})."""

    translated: dict[str, Translated] = {}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reader = reader_language()
        order = [name for name in self.fields]
        for model_field, spec in self.translated.items():
            field = self.instance._meta.get_field(model_field)
            label = capfirst(
                field.verbose_name if isinstance(field, models.Field) else model_field
            )
            texts = written(getattr(self.instance, model_field, None))
            names = []
            for code in LANGUAGES:
                attrs = {"lang": code}
                widget: forms.Widget = (
                    forms.Textarea(attrs={**attrs, "rows": str(spec.rows)})
                    if spec.rows
                    else forms.TextInput(attrs=attrs)
                )
                name = f"{spec.stem}_{code}"
                self.fields[name] = forms.CharField(
                    label=f"{label} ({name_of(code, in_language=reader)})",
                    required=False,
                    max_length=spec.max_length,
                    widget=widget,
                    initial=texts.get(code, ""),
                    help_text=_("Left empty, the text in another language is used."),
                )
                names.append(name)
            if spec.after is None:
                order += names
            else:
                at = order.index(spec.after) + 1 if spec.after in order else 0
                order[at:at] = names
        self.order_fields(order)

    def texts_of(self, model_field: str) -> dict[str, str]:
        """{language: text} for the languages filled in (cleaned data)."""
        stem = self.translated[model_field].stem
        return written(
            {code: self.cleaned_data.get(f"{stem}_{code}", "") for code in LANGUAGES}
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for model_field, spec in self.translated.items():
            texts = self.texts_of(model_field)
            if spec.required and not texts:
                self.add_error(
                    f"{spec.stem}_{DEFAULT}",
                    _("Write this text in at least one language."),
                )
            setattr(self.instance, model_field, texts)
        return data


class StateChoiceField(forms.ModelChoiceField[StateParty]):
    def label_from_instance(self, obj: StateParty) -> str:
        return obj.name


class CaseForm(forms.ModelForm[Case]):
    class Meta:
        model = Case
        fields = ["state", "requested_on", "summary"]
        widgets = _dates("requested_on")
        field_classes = {"state": StateChoiceField}
        labels = {"state": _("State")}  # the model field has no verbose name


class CaseReportForm(TranslatedTextsForm[Case]):
    """The final report in each language; one paragraph per block, a blank line between."""

    translated = {"final_reports": Translated("final_report", rows=14)}

    class Meta:
        model = Case
        fields: list[str] = []


class PublishForm(forms.Form):
    published_on = forms.DateField(label=_("published on"), widget=DateInput())


class StepForm(forms.ModelForm[CaseStep]):
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

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("date") and not data.get("due_on"):
            raise forms.ValidationError(
                _("Give the date of the step, or the date it is due.")
            )
        if data.get("done") and not data.get("date"):
            raise forms.ValidationError(_("A step that is done needs its date."))
        return data


class ParticipantForm(forms.ModelForm[Participant]):
    class Meta:
        model = Participant
        fields = ["state", "organisation", "name"]
        field_classes = {"state": StateChoiceField}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("state") and not data.get("organisation"):
            raise forms.ValidationError(_("Name the State or the organisation."))
        return data


class AttachmentForm(forms.ModelForm[Attachment]):
    """A presentation, minutes or an event document; `refused` names the files the site's
    upload limit dropped while they streamed in (`documents.uploads.refused_uploads`)."""

    class Meta:
        model = Attachment
        fields = ["title", "file"]

    def __init__(self, *args: Any, refused: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.refused = list(refused)
        self.fields["file"].help_text = _("Up to %(limit)d MB.") % {
            "limit": max_upload_mb()
        }

    def clean_file(self) -> Any:
        upload = self.cleaned_data.get("file")
        if (
            upload is not None
            and (getattr(upload, "size", 0) or 0) > max_upload_bytes()
        ):
            raise forms.ValidationError(too_large_message(upload.name or ""))
        return upload

    def clean(self) -> dict[str, Any] | None:
        cleaned = super().clean()
        if self.refused:
            self.errors.pop(
                "file", None
            )  # "required": the file was dropped, not missing
            for name in self.refused:
                self.add_error("file", too_large_message(name))
        return cleaned


class PlatformForm(forms.ModelForm[Platform]):
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


class VisitForm(TranslatedTextsForm[ExchangeVisit]):
    translated = {
        "topics": Translated(
            "topic", max_length=200, required=True, after="host_state"
        ),
    }

    class Meta:
        model = ExchangeVisit
        fields = [
            "requesting_state",
            "host_state",
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

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
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


class EventForm(TranslatedTextsForm[Event]):
    link = _link_field()
    translated = {
        "titles": Translated("title", max_length=200, required=True, after="kind"),
        "outcomes": Translated("outcome", rows=2, after="participants"),
    }

    class Meta:
        model = Event
        fields = [
            "kind",
            "start",
            "end",
            "place",
            "participants",
            "link",
            "is_public",
            "in_report",
        ]
        widgets = {
            **_dates("start", "end"),
            "participants": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The last day comes before the first."))
        return data


class SpeakerForm(forms.ModelForm[Speaker]):
    class Meta:
        model = Speaker
        fields = ["name", "organisation"]


class YearForm(TranslatedTextsForm[CommitteeYear]):
    """The title block of the annual report, and whether it is agreed (no longer a draft)."""

    translated = {
        "meetings": Translated("meeting", max_length=200, after="issued_on"),
        "places": Translated("place", max_length=120, after="meeting_es"),
        "agenda_titles": Translated(
            "agenda_title", max_length=300, after="agenda_item"
        ),
    }

    class Meta:
        model = CommitteeYear
        fields = [
            "symbol",
            "issued_on",
            "meeting_start",
            "meeting_end",
            "agenda_item",
            "status",
            "submitted_late",
        ]
        widgets = _dates("issued_on", "meeting_start", "meeting_end")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("meeting_start"), data.get("meeting_end")
        if start and end and end < start:
            self.add_error(
                "meeting_end",
                _("The last day of the meeting comes before its first day."),
            )
        return data


class EntryForm(TranslatedTextsForm[LogEntry]):
    """The editor's version of a paragraph; left empty, the generated text is used."""

    link = _link_field()
    translated = {"edited": Translated("edited", rows=4, after="")}

    class Meta:
        model = LogEntry
        fields = ["link", "in_report"]


class ManualEntryForm(TranslatedTextsForm[LogEntry]):
    link = _link_field()
    translated = {"edited": Translated("edited", rows=3, required=True, after="date")}

    class Meta:
        model = LogEntry
        fields = ["date", "link"]
        widgets = _dates("date")


class PriorityForm(TranslatedTextsForm[Priority]):
    translated = {"texts": Translated("text", rows=2, required=True)}

    class Meta:
        model = Priority
        fields = ["order"]
