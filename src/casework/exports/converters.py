"""Path converters for export URLs: `<lang:language>.<docformat:fmt>`.

Each matches only registered values, so `/…/de.pdf` or `/…/fr.odt` is a 404 before any
view runs. Registered once in `ExportsConfig.ready()`.
"""

from __future__ import annotations

import re

from django.urls import register_converter

from casework.domain.languages import LANGUAGES
from casework.exports.registry import DOCUMENT_FORMATS, TABLE_FORMATS


class _Choice:
    choices: tuple[str, ...] = ()

    def __init_subclass__(cls) -> None:
        cls.regex = "|".join(re.escape(c) for c in cls.choices)

    regex = ""

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        if value not in self.choices:
            raise ValueError(value)
        return value


class LanguageConverter(_Choice):
    choices = LANGUAGES


class DocumentFormatConverter(_Choice):
    choices = DOCUMENT_FORMATS


class TableFormatConverter(_Choice):
    choices = TABLE_FORMATS


def register() -> None:
    register_converter(LanguageConverter, "lang")
    register_converter(DocumentFormatConverter, "docformat")
    register_converter(TableFormatConverter, "tableformat")
