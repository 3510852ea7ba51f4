"""The upload form: several files for one State, kind and year."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.documents.models import Document
from casework.documents.storage import EXTENSIONS
from casework.states.models import StateParty


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ",".join(EXTENSIONS)})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        files = data if isinstance(data, list | tuple) else [data]
        cleaned: list[UploadedFile] = [single(item, initial) for item in files]
        for upload in cleaned:
            if Path(upload.name or "").suffix.lower() not in EXTENSIONS:
                raise forms.ValidationError(
                    _(
                        "%(name)s: the analyser does not read this format; upload %(formats)s."
                    ),
                    params={"name": upload.name, "formats": ", ".join(EXTENSIONS)},
                )
        return cleaned


class UploadForm(forms.Form):
    # Declared fields are class attributes; django-stubs types `Form.files` as the
    # request's uploaded files (`BaseForm.files`), which a field of that name shadows.
    files = MultipleFileField(label=_("Files"))  # type: ignore[assignment]
    state: forms.ModelChoiceField[StateParty] = forms.ModelChoiceField(
        queryset=StateParty.objects.none(), label=_("State")
    )
    kind = forms.ChoiceField(label=_("Kind"), choices=Document.Kind.choices)
    year = forms.IntegerField(label=_("Reporting year"), min_value=1999, max_value=2100)

    def __init__(self, *args: Any, states: QuerySet[StateParty], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        state_field = self.fields["state"]
        assert isinstance(state_field, forms.ModelChoiceField)
        state_field.queryset = states
        self.fields["year"].initial = timezone.localdate().year
        if states.count() == 1:
            self.fields["state"].initial = states.first()
