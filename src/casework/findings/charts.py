"""Server-rendered SVG bar charts (no JavaScript, no CDN).

One row per indicator of `casework.domain.indicators` (labels in the active language),
numbers and percentages written by `casework.domain.locale`.
"""

from __future__ import annotations

from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from casework.domain.languages import normalise
from casework.domain.locale import format_number, format_percent
from casework.findings.coverage import Series
from casework.findings.indicators import CODES, label

COLOURS = ("#1f6f8b", "#e07a1f", "#5a9e3a", "#8b3a8f", "#b8860b", "#607080")


def grouped_bars(series: list[Series], *, title: str) -> SafeString:
    """One row per indicator, one bar per series, as the share of States (0-100 %)."""
    language = normalise(translation.get_language())
    left, width, bar, gap = 190, 420, 12, 10
    n = max(len(series), 1)
    row_height = n * bar + gap
    height = 40 + len(CODES) * row_height + 20 * n
    parts = [
        f'<svg class="chart" viewBox="0 0 {left + width + 60} {height}" role="img" '
        f'aria-label="{escape(title)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for tick in (0, 25, 50, 75, 100):
        x = left + width * tick / 100
        parts.append(
            f'<line x1="{x}" y1="20" x2="{x}" y2="{height - 20 * n - 10}" class="grid"/>'
        )
        parts.append(
            f'<text x="{x}" y="14" class="tick" text-anchor="middle">'
            f"{escape(format_percent(tick / 100, language))}</text>"
        )
    for i, code in enumerate(CODES):
        y = 24 + i * row_height
        parts.append(
            f'<text x="{left - 6}" y="{y + n * bar / 2 + 4}" text-anchor="end" class="label">'
            f"{escape(label(code))}</text>"
        )
        for j, item in enumerate(series):
            share = item.share(code)
            colour = COLOURS[j % len(COLOURS)]
            count = format_number(item.counts.get(code, 0), language)
            tip = f"{item.label}: {count}/{format_number(item.states, language)}"
            parts.append(
                f'<rect x="{left}" y="{y + j * bar}" width="{width * share:.1f}" height="{bar - 2}" '
                f'fill="{colour}"><title>{escape(label(code))} — {escape(tip)}</title></rect>'
            )
            parts.append(
                f'<text x="{left + width * share + 4:.1f}" y="{y + j * bar + bar - 3}" class="value">'
                f"{escape(count)}</text>"
            )
    for j, item in enumerate(series):
        y = height - 20 * (n - j) + 4
        parts.append(
            f'<rect x="{left}" y="{y - 10}" width="12" height="12" fill="{COLOURS[j % len(COLOURS)]}"/>'
        )
        parts.append(
            f'<text x="{left + 18}" y="{y}" class="legend">{escape(item.label)} '
            f"(n={escape(format_number(item.states, language))})</text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))
