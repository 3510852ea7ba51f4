"""The indicators as the findings app shows them: labels in the reader's language.

Codes, labels and themes live once in `casework.domain.indicators`; this module only
makes the labels lazy, so model choices and forms follow the active language.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.functional import lazy

from casework.domain import indicators
from casework.domain.languages import normalise

CODES: tuple[str, ...] = indicators.CODES


def label(code: str) -> str:
    """The label in the active language; an unknown code shows as itself."""
    return indicators.label(code, normalise(translation.get_language()))


lazy_label = lazy(label, str)
LABELS = {code: lazy_label(code) for code in CODES}
CHOICES = [(code, lazy_label(code)) for code in CODES]
