"""Template helpers of the funding app: money, published figures, dictionary look-ups."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def usd(value: Decimal | None) -> str:
    """USD 1,234,567 (no cents: the rates are annual averages)."""
    if value is None:
        return ""
    return f"USD {value:,.0f}"


@register.filter
def amount(value: Decimal | None) -> str:
    if value is None:
        return ""
    return f"{value:,.2f}".rstrip("0").rstrip(".")


@register.filter
def get(mapping: dict, key: object) -> object:
    return mapping.get(key) if mapping else None


@register.simple_tag
def figure(value) -> str:
    """A published figure as written; blank shows as unknown, approximations are marked."""
    if value.is_unknown:
        return format_html('<span class="unknown">{}</span>', _("unknown"))
    if value.is_exact:
        return format_html("{}", value.text)
    return format_html(
        '<span title="{}">{}</span>', _("approximate, as published"), value.text
    )
