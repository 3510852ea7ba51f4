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
from casework.documents.safe_open import LIMITS, FileRefused, Limits, check_zip
from casework.documents.storage import EXTENSIONS, ZIP_EXTENSIONS
from casework.documents.uploads import max_upload_bytes, max_upload_mb
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
            suffix = Path(upload.name or "").suffix.lower()
            if suffix not in EXTENSIONS:
                raise forms.ValidationError(
                    _(
                        "%(name)s: the analyser does not read this format; upload %(formats)s."
                    ),
                    params={"name": upload.name, "formats": ", ".join(EXTENSIONS)},
                )
            if (upload.size or 0) > max_upload_bytes():
                raise forms.ValidationError(
                    too_large_message(upload.name or ""), code="too_large"
                )
            if suffix in ZIP_EXTENSIONS:
                _check_archive(upload)
        return cleaned


def too_large_message(name: str) -> str:
    return _(
        "%(name)s is larger than %(limit)d MB, the limit for one file; nothing was "
        "stored. Split the document, or save it again without embedded images."
    ) % {"name": name, "limit": max_upload_mb()}


def _check_archive(upload: UploadedFile) -> None:
    """A DOCX or ODT is a zip: refuse a zip bomb here, before it is stored or analysed."""
    # The analyser reads it in a child process with its own memory limit: only the
    # archive's own sizes are limited here.
    unpacked = max(LIMITS.unpacked_bytes, 2 * max_upload_bytes())
    limits = Limits(
        compressed_bytes=max_upload_bytes(), unpacked_bytes=unpacked, xml_bytes=unpacked
    )
    source = upload.file
    if source is None:
        return
    upload.seek(0)
    try:
        check_zip(source, filename=upload.name or "", limits=limits).close()
    except FileRefused as exc:
        raise forms.ValidationError(str(exc), code="refused") from exc
    finally:
        upload.seek(0)


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
        self.fields["files"].help_text = _(
            "Up to %(limit)d MB a file: PDF, Word (DOCX, DOC), ODT, RTF, HTML or text."
        ) % {"limit": max_upload_mb()}
        state_field = self.fields["state"]
        assert isinstance(state_field, forms.ModelChoiceField)
        state_field.queryset = states
        self.fields["year"].initial = timezone.localdate().year
        if states.count() == 1:
            self.fields["state"].initial = states.first()
