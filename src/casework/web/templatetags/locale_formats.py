"""Numbers, money and dates on screens, in the reader's language (`casework.domain.locale`).

{% load locale_formats %}
{{ amount|money:"USD" }}   USD 3,000,000 / 3 000 000 USD / 3.000.000 USD
{{ total|number }}         1,234,567 / 1 234 567 / 1.234.567
{{ share|percent }}        14% / 14 % / 14 %
{{ value|compact }}        11.1 million / 11,1 millions / 11,1 millones
{{ day|un_date }}          1 December 2025 / 1er décembre 2025 / 1 de diciembre de 2025
{% date_range start end %} 2–4 June 2025 / du 2 au 4 juin 2025 / del 2 al 4 de junio de 2025
{{ code|indicator_label }} Costed plan / Plan chiffré / Plan presupuestado
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from django import template
from django.utils import timezone, translation

from casework.domain import indicators, locale
from casework.domain.languages import normalise

register = template.Library()

Number = int | float | Decimal


def _language() -> str:
    return normalise(translation.get_language())


def _number(value: object) -> Number | None:
    if value is None or value == "":
        return None
    if isinstance(value, int | float | Decimal):
        return value
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def number(value: object, decimals: int | None = None) -> str:
    found = _number(value)
    if found is None:
        return "" if value is None else str(value)
    return locale.format_number(found, _language(), decimals=decimals)


@register.filter
def money(value: object, currency: str = "USD") -> str:
    found = _number(value)
    if found is None:
        return ""
    return locale.format_money(found, currency, _language())


@register.filter
def percent(value: object, decimals: int = 0) -> str:
    found = _number(value)
    if found is None:
        return ""
    return locale.format_percent(float(found), _language(), decimals=decimals)


@register.filter
def compact(value: object) -> str:
    found = _number(value)
    if found is None:
        return ""
    return locale.format_compact(found, _language())


def _day(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return (
            timezone.localtime(value).date()
            if timezone.is_aware(value)
            else value.date()
        )
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and len(value) == 10:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None


@register.filter
def un_date(value: object) -> str:
    day = _day(value)
    if day is None:
        return "" if value is None else str(value)
    return locale.format_date(day, _language())


@register.filter
def un_datetime(value: object) -> str:
    """Date and time in the site's time zone: "1 December 2025, 14:05"."""
    if not isinstance(value, dt.datetime):
        return un_date(value)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{locale.format_date(local.date(), _language())}, {local:%H:%M}"


@register.simple_tag
def date_range(start: object, end: object) -> str:
    first, last = _day(start), _day(end)
    if first is None:
        return ""
    if last is None:
        return locale.format_date(first, _language())
    return locale.format_date_range(first, last, _language())


@register.filter
def indicator_label(code: str) -> str:
    return indicators.label(code, _language())


@register.filter
def whole_minutes(value: object) -> int | None:
    """A duration in whole minutes (rounded up), for a count in a plural phrase:
    {% blocktranslate count counter=wait|whole_minutes %}…{% plural %}…{% endblocktranslate %}"""
    if not isinstance(value, dt.timedelta):
        return None
    return max(0, -(-int(value.total_seconds()) // 60))
