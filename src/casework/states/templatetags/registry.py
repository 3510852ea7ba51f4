"""Template filters that show registry dates honestly: unknown stays unknown."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext as _

from casework.states import dates

register = template.Library()


@register.filter
def partial_date(value: str, empty_label: str = "") -> str:
    """Render '2025-12-01', '1997-12', '2030', 'unknown' or '' in the active language."""
    if value == dates.UNKNOWN:
        return format_html('<span class="unknown">{}</span>', _("unknown"))
    if value == "":
        return empty_label or "—"
    if len(value) == 10:
        return date_format(dt.date.fromisoformat(value), "DATE_FORMAT")
    if len(value) == 7:
        return date_format(dt.date.fromisoformat(value + "-01"), "YEAR_MONTH_FORMAT")
    return value


@register.filter
def day_or_unknown(value: dt.date | None) -> str:
    if value is None:
        return format_html('<span class="unknown">{}</span>', _("unknown"))
    return date_format(value, "DATE_FORMAT")
