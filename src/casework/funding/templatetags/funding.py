"""Template helpers of the funding app: money, published figures, look-ups, access flags.

{{ value|usd }}                    USD 3,000,000 / 3 000 000 USD / 3.000.000 USD
{{ value|amount:item.currency }}   NOK 1,500,000 / 1 234,50 EUR (its own currency)
{{ rate|rate }}                    10.75 / 10,75
{{ row.coverage|coverage }}        20% / 20 %  (a 0-1 share)
{% figure value %}                 a published figure, its number in the reader's locale
{% if request.user|reads_unpublished %}  the rule in funding/permissions.py
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from casework.accounts.permissions import AnyUser
from casework.domain import locale
from casework.funding import money, permissions
from casework.funding.series import Figure

register = template.Library()


@register.filter
def usd(value: Decimal | None) -> str:
    """Whole US dollars (no cents: the rates are annual averages)."""
    if value is None:
        return ""
    return money.usd(value, money.reader_language())


@register.filter
def amount(value: Decimal | None, currency: str = "") -> str:
    """An amount in its own currency, with the currency where the language puts it."""
    if value is None:
        return ""
    if not currency:
        return locale.format_number(value, money.reader_language())
    return money.amount(value, currency, money.reader_language())


@register.filter
def rate(value: Decimal | None) -> str:
    if value is None:
        return ""
    return money.rate(value, money.reader_language())


@register.filter
def coverage(value: Decimal | None) -> str:
    """A share of the need (0-1+) as a whole percentage."""
    if value is None:
        return ""
    return locale.format_percent(float(value), money.reader_language())


@register.filter
def get(mapping: Mapping[object, object] | None, key: object) -> object:
    return mapping.get(key) if mapping else None


@register.filter
def reads_unpublished(user: AnyUser) -> bool:
    """Imports, rates and unpublished entries (funding/permissions.py)."""
    return permissions.can_read_unpublished(user)


@register.simple_tag
def figure(value: Figure) -> SafeString:
    """A published figure; blank shows as unknown, approximations are marked."""
    if value.is_unknown:
        return format_html('<span class="unknown">{}</span>', _("unknown"))
    text = value.localised(money.reader_language())
    if value.is_exact:
        return format_html("{}", text)
    return format_html(
        '<span title="{}">{}</span>', _("approximate, as published"), text
    )
