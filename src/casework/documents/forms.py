"""The upload form: several files for one State, kind and year."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casework.documents.models import Document
from casework.documents.storage import EXTENSIONS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ",".join(EXTENSIONS)})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, list | tuple) else [data]
        cleaned = [single(item, initial) for item in files]
        for upload in cleaned:
            if Path(upload.name).suffix.lower() not in EXTENSIONS:
                raise forms.ValidationError(
                    _(
                        "%(name)s: the analyser does not read this format; upload %(formats)s."
                    ),
                    params={"name": upload.name, "formats": ", ".join(EXTENSIONS)},
                )
        return cleaned


class UploadForm(forms.Form):
    files = MultipleFileField(label=_("Files"))
    state = forms.ModelChoiceField(queryset=None, label=_("State"))
    kind = forms.ChoiceField(label=_("Kind"), choices=Document.Kind.choices)
    year = forms.IntegerField(label=_("Reporting year"), min_value=1999, max_value=2100)

    def __init__(self, *args, states, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["state"].queryset = states
        self.fields["year"].initial = timezone.localdate().year
        if states.count() == 1:
            self.fields["state"].initial = states.first()
