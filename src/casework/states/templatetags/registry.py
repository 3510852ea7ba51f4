"""Template filters that show registry dates honestly: unknown stays unknown."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext as _

from casework.domain.languages import normalise
from casework.domain.locale import format_date
from casework.states import dates

register = template.Library()


def _language() -> str:
    return normalise(translation.get_language())


def _unknown() -> str:
    return format_html('<span class="unknown">{}</span>', _("unknown"))


@register.filter
def partial_date(value: str, empty_label: str = "") -> str:
    """Render '2025-12-01', '1997-12', '2030', 'unknown' or '' in the active language."""
    if value == dates.UNKNOWN:
        return _unknown()
    if value == "":
        return empty_label or "—"
    return dates.display(value, _language())


@register.filter
def day_or_unknown(value: dt.date | None) -> str:
    if value is None:
        return _unknown()
    return format_date(value, _language())
