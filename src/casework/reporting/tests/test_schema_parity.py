"""The reporting forms agree with the treaty's report forms and exist in every language."""

from django.utils import translation

from casework.domain.languages import LANGUAGES
from casework.domain.treaty import TREATY
from casework.reporting.schema import FORMS

# Words that are the same in the translation as in English.
SAME_WORD = {"fr": {"Organisation"}, "es": {"Sector", "No"}}


def test_form_codes_order_and_duties_are_the_treatys():
    treaty = TREATY.report_forms()
    assert [f.code for f in FORMS] == [f.code for f in treaty]
    for form, official in zip(FORMS, treaty, strict=True):
        assert form.mandatory == official.status.startswith("mandatory"), form.code
        if official.legal_basis.startswith("Art. 7.1"):
            assert form.legal_basis == official.legal_basis, form.code
    with translation.override("en"):
        for form, official in zip(FORMS[1:-1], treaty[1:-1], strict=True):
            assert str(form.title) == official.title, form.code


def _labels():
    for form in FORMS:
        yield form.title
        yield form.covers
        for field in form.fields:
            yield field.label
            if field.help:
                yield field.help
            if field.group:
                yield field.group
            for _value, label in field.choices:
                yield label
            for column in field.columns:
                yield column.label
                for _value, label in column.choices:
                    yield label


def test_every_label_of_the_documents_is_translated():
    with translation.override("en"):
        english = [str(label) for label in _labels()]
    for language in LANGUAGES:
        if language == "en":
            continue
        with translation.override(language):
            untranslated = {
                text
                for text, label in zip(english, _labels(), strict=True)
                if str(label) == text
            }
        assert untranslated <= SAME_WORD[language], (language, untranslated)
