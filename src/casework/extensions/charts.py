"""Server-rendered SVG charts for the analysis page: no JavaScript, no CDN.

Pure Python: the view passes translated labels and the interface language in; numbers
are written by `casework.domain.locale` in that language. The output is SVG markup with a
<title> and a text table fallback is shown by the page next to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from casework.domain.languages import DEFAULT
from casework.domain.locale import format_money, format_number
from casework.extensions.analysis import YearGap

WIDTH, HEIGHT = 640, 300
LEFT, RIGHT, TOP, BOTTOM = 86, 16, 30, 40


@dataclass(frozen=True, slots=True)
class Labels:
    title: str
    national: str = ""
    secured: str = ""
    gap: str = ""
    planned: str = ""
    required: str = ""
    past: str = ""
    past_rate: str = ""
    language: str = DEFAULT  # the language numbers are written in


def _short(value: float, language: str) -> str:
    """An axis tick: 2.5M / 2,5M (a decimal mark of the language), 800, 12k."""
    for size, suffix in ((1e9, "G"), (1e6, "M"), (1e3, "k")):
        if abs(value) >= size:
            return format_number(round(value / size, 1), language) + suffix
    return format_number(round(value), language, decimals=0)


def _axis(top_value: float) -> tuple[float, list[float]]:
    """A round maximum and four ticks for a y axis that reaches `top_value`."""
    if top_value <= 0:
        return 1.0, [0.0, 1.0]
    magnitude = 10 ** (len(str(int(top_value))) - 1)
    for step in (1, 2, 2.5, 5, 10):
        maximum = step * magnitude
        if maximum >= top_value:
            break
    return maximum, [maximum * i / 4 for i in range(5)]


def _frame(labels: Labels, maximum: float, ticks: list[float], css: str) -> list[str]:
    plot_h = HEIGHT - TOP - BOTTOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart {css}" role="img" '
        f'viewBox="0 0 {WIDTH} {HEIGHT}" aria-label="{escape(labels.title)}">',
        f"<title>{escape(labels.title)}</title>",
    ]
    for tick in ticks:
        y = TOP + plot_h - plot_h * tick / maximum
        parts.append(
            f'<line class="grid" x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}"/>'
            f'<text class="tick" x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">'
            f"{_short(tick, labels.language)}</text>"
        )
    return parts


def _amount(value: float, currency: str, language: str) -> str:
    if not currency:
        return format_number(round(value), language, decimals=0)
    return format_money(value, currency, language)


def _legend(items: Sequence[tuple[str, str]]) -> str:
    parts, x = [], LEFT
    for css, text in items:
        parts.append(
            f'<rect class="{css}" x="{x}" y="8" width="12" height="12"/>'
            f'<text class="legend" x="{x + 16}" y="18">{escape(text)}</text>'
        )
        x += 30 + 7 * len(text)
    return "".join(parts)


def funding_gap_svg(years: Sequence[YearGap], labels: Labels) -> str:
    """Stacked bars per year: national, secured, gap (their sum is the year's cost)."""
    top = max((y.national + y.secured + y.gap for y in years), default=0.0)
    maximum, ticks = _axis(top)
    parts = _frame(labels, maximum, ticks, "funding-gap")
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(years), 1)
    bar = min(slot * 0.6, 60)
    for index, year in enumerate(years):
        x = LEFT + slot * index + (slot - bar) / 2
        base: float = TOP + plot_h
        for css, value, name in (
            ("national", year.national, labels.national),
            ("secured", year.secured, labels.secured),
            ("gap", year.gap, labels.gap),
        ):
            height = plot_h * value / maximum
            base -= height
            if height > 0:
                parts.append(
                    f'<rect class="bar {css}" x="{x:.1f}" y="{base:.1f}" width="{bar:.1f}" '
                    f'height="{height:.1f}"><title>{year.year} {escape(name)}: '
                    f"{escape(_amount(value, year.currency, labels.language))}</title></rect>"
                )
        parts.append(
            f'<text class="tick" x="{x + bar / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" '
            f'text-anchor="middle">{year.year}</text>'
        )
    parts.append(
        _legend(
            [
                ("national", labels.national),
                ("secured", labels.secured),
                ("gap", labels.gap),
            ]
        )
    )
    parts.append("</svg>")
    return "".join(parts)


def release_rate_svg(
    planned: Sequence[tuple[int, int]],
    past: Sequence[tuple[int, int]],
    *,
    required: float | None,
    past_rate: float | None,
    labels: Labels,
) -> str:
    """Bars of area released (past) and planned per year, with the required and past rates."""
    bars = [(year, value, "past") for year, value in past] + [
        (year, value, "planned") for year, value in planned
    ]
    top = max([v for _, v, _ in bars] + [required or 0, past_rate or 0, 0])
    maximum, ticks = _axis(top)
    parts = _frame(labels, maximum, ticks, "release-rate")
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(bars), 1)
    bar = min(slot * 0.6, 50)
    for index, (year, value, css) in enumerate(bars):
        x = LEFT + slot * index + (slot - bar) / 2
        height = plot_h * value / maximum
        parts.append(
            f'<rect class="{css}" x="{x:.1f}" y="{TOP + plot_h - height:.1f}" '
            f'width="{bar:.1f}" height="{height:.1f}"><title>{year}: '
            f"{format_number(value, labels.language, decimals=0)} m²</title></rect>"
            f'<text class="tick" x="{x + bar / 2:.1f}" y="{HEIGHT - BOTTOM + 16}" '
            f'text-anchor="middle">{year}</text>'
        )
    for css, rate in (("required", required), ("past-rate", past_rate)):
        if rate:
            y = TOP + plot_h - plot_h * rate / maximum
            parts.append(
                f'<line class="{css}" x1="{LEFT}" x2="{WIDTH - RIGHT}" '
                f'y1="{y:.1f}" y2="{y:.1f}"/>'
            )
    parts.append(
        _legend(
            [
                ("past", labels.past),
                ("planned", labels.planned),
                ("required", labels.required),
                ("past-rate", labels.past_rate),
            ]
        )
    )
    parts.append("</svg>")
    return "".join(parts)
