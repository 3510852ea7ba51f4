"""Server-drawn SVG charts: grouped bars, horizontal bars and a donor -> recipient Sankey.

No JavaScript and no chart library: the page inlines the SVG, and every chart has a table
next to it with the same figures (and a download). Axis labels and tooltips write their
figures in the reader's language through `domain.locale` ("11.1 million" / "11,1 millions"
/ "11,1 millones"; a tooltip gives the full amount, "3 000 000 USD").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from casework.domain import locale

PALETTE = ("#0b5d8c", "#c0392b", "#2e8b57", "#c9b458", "#7d5ba6", "#5b6773")
# Labels are never cut off nor drawn over each other: a label longer than its room is
# shortened with "…" and keeps its whole text in a <title> (the tooltip); Sankey nodes get
# at least one label's height each, so that two labels never overlap.
CHAR_W = (
    6.6  # the axis font's average character width in the viewBox (11 px sans-serif)
)
LABEL_H = 14


def fit(text: str, room: float) -> str:
    """`text` shortened with "…" to fit `room` units of width (whole when it fits)."""
    most = max(int(room / CHAR_W), 4)
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"


def text_label(text: str, room: float, *, attributes: str, tooltip: str = "") -> str:
    """An SVG <text> that fits its room, with the whole text (and more) as its tooltip."""
    shown = fit(text, room)
    title = tooltip or (text if shown != text else "")
    inner = escape(shown) + (f"<title>{escape(title)}</title>" if title else "")
    return f"<text {attributes}>{inner}</text>"


@dataclass(frozen=True, slots=True)
class Series:
    name: str
    values: tuple[Decimal | None, ...]  # None: unknown, drawn as a hatched stub
    css_class: str = ""


def short_usd(value: Decimal | float, language: str) -> str:
    """An axis or node label: "1.5 million", "250 mille", "900"."""
    if abs(float(value)) < 1_000:
        return locale.format_integer(value, language)
    return locale.format_compact(value, language)


def full_usd(value: Decimal | float, language: str) -> str:
    """A tooltip: the amount in full, "USD 3,000,000" / "3 000 000 USD"."""
    return locale.format_money(round(Decimal(str(value))), "USD", language)


def grouped_bars(
    categories: list[str],
    series: list[Series],
    *,
    label: str,
    language: str,
    height: int = 260,
) -> SafeString:
    """Vertical bars, one group per category (e.g. year), one bar per series."""
    width = max(500, 70 * len(categories) + 100)
    top, bottom, left = 20, 40, 90
    plot_h = height - top - bottom
    # The legend under the plot, wrapped onto more lines (the chart grows) when it is long.
    legend: list[tuple[float, float]] = []
    plot_bottom = height - bottom
    x, y = float(left), float(height - 5)
    for one in series:
        need = 22 + CHAR_W * len(one.name)
        if x > left and x + need > width - 10:
            x, y = float(left), y + LABEL_H
        legend.append((x, y))
        x += 22 + CHAR_W * len(fit(one.name, width - 10 - x - 14))
    height = int(y + 9)
    peak = (
        max((float(v) for s in series for v in s.values if v is not None), default=0.0)
        or 1.0
    )
    group_w = (width - left - 10) / max(len(categories), 1)
    bar_w = min(28.0, (group_w - 10) / max(len(series), 1))
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
    ]
    for step in range(5):
        value = peak * step / 4
        y = top + plot_h - plot_h * step / 4
        parts.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" class="grid"/>'
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" class="axis">'
            f"{escape(short_usd(value, language))}</text>"
        )
    for index, category in enumerate(categories):
        x0 = left + index * group_w + 5
        for number, one in enumerate(series):
            amount = one.values[index]
            x = x0 + number * bar_w
            colour = PALETTE[number % len(PALETTE)]
            if amount is None:
                parts.append(
                    f'<rect x="{x:.1f}" y="{top + plot_h - 4}" width="{bar_w - 2:.1f}" '
                    f'height="4" class="unknown-bar"><title>{escape(one.name)} '
                    f"{escape(category)}: ?</title></rect>"
                )
                continue
            bar_h = plot_h * float(amount) / peak
            parts.append(
                f'<rect x="{x:.1f}" y="{top + plot_h - bar_h:.1f}" width="{bar_w - 2:.1f}" '
                f'height="{bar_h:.1f}" fill="{colour}" class="{escape(one.css_class)}">'
                f"<title>{escape(one.name)} {escape(category)}: "
                f"{escape(full_usd(amount, language))}</title></rect>"
            )
        parts.append(
            text_label(
                category,
                group_w - 4,
                attributes=f'x="{x0 + group_w / 2 - 5:.1f}" y="{plot_bottom + 16}" '
                'text-anchor="middle" class="axis"',
            )
        )
    for number, (one, (x, y)) in enumerate(zip(series, legend, strict=True)):
        colour = PALETTE[number % len(PALETTE)]
        parts.append(
            f'<rect x="{x}" y="{y - 9}" width="10" height="10" fill="{colour}"/>'
            + text_label(
                one.name,
                width - 10 - x - 14,
                attributes=f'x="{x + 14}" y="{y}" class="axis"',
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def horizontal_bars(
    rows: list[tuple[str, Decimal]], *, label: str, language: str, limit: int = 12
) -> SafeString:
    rows = rows[:limit]
    bar_h, gap, left, width = 18, 6, 170, 680
    height = max(40, len(rows) * (bar_h + gap) + 10)
    peak = max((float(v) for _, v in rows), default=0.0) or 1.0
    parts = [
        f'<svg class="chart" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
    ]
    for index, (name, value) in enumerate(rows):
        y = 5 + index * (bar_h + gap)
        w = (width - left - 110) * float(value) / peak
        parts.append(
            text_label(
                name,
                left - 10,
                attributes=f'x="{left - 6}" y="{y + 13}" text-anchor="end" class="axis"',
            )
            + f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{PALETTE[0]}"/>'
            f'<text x="{left + w + 4:.1f}" y="{y + 13}" class="axis">'
            f"{escape(short_usd(value, language))}<title>"
            f"{escape(full_usd(value, language))}</title></text>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def sankey(
    flows: list[tuple[str, str, Decimal]],
    *,
    label: str,
    language: str,
    height: int = 420,
) -> SafeString:
    """Donors on the left, recipients on the right, ribbons as wide as the money."""
    width, node_w, pad, left_label, right_label = 900, 14, 6, 250, 250
    if not flows:
        return mark_safe("")
    donors: dict[str, float] = defaultdict(float)
    recipients: dict[str, float] = defaultdict(float)
    for donor, recipient, usd in flows:
        donors[donor] += float(usd)
        recipients[recipient] += float(usd)
    total = sum(donors.values()) or 1.0
    usable = height - pad * (max(len(donors), len(recipients)) + 1)
    scale = usable / total
    x_left, x_right = left_label, width - right_label

    def place(nodes: dict[str, float]) -> dict[str, float]:
        """Node tops, largest first; each node gets at least a label's height."""
        positions: dict[str, float] = {}
        y = float(pad)
        for name, value in sorted(nodes.items(), key=lambda item: -item[1]):
            positions[name] = y
            y += max(value * scale, LABEL_H - pad) + pad
        return positions

    donor_y, recipient_y = place(donors), place(recipients)
    height = int(
        max(
            height,
            *(
                y + max(donors[n] * scale, LABEL_H - pad) + pad
                for n, y in donor_y.items()
            ),
            *(
                y + max(recipients[n] * scale, LABEL_H - pad) + pad
                for n, y in recipient_y.items()
            ),
        )
    )
    donor_used: dict[str, float] = defaultdict(float)
    recipient_used: dict[str, float] = defaultdict(float)
    parts = [
        f'<svg class="chart sankey" viewBox="0 0 {width} {height}" role="img" '
        f'aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(label)}</title>",
    ]
    donor_order = {name: i for i, name in enumerate(donor_y)}
    for donor, recipient, usd in sorted(
        flows, key=lambda f: (donor_order[f[0]], -float(f[2]))
    ):
        thickness = float(usd) * scale
        y1 = donor_y[donor] + donor_used[donor] + thickness / 2
        y2 = recipient_y[recipient] + recipient_used[recipient] + thickness / 2
        donor_used[donor] += thickness
        recipient_used[recipient] += thickness
        x1, x2 = x_left + node_w, x_right
        middle = (x1 + x2) / 2
        colour = PALETTE[donor_order[donor] % len(PALETTE)]
        parts.append(
            f'<path d="M{x1},{y1:.1f} C{middle},{y1:.1f} {middle},{y2:.1f} {x2},{y2:.1f}" '
            f'stroke="{colour}" stroke-width="{max(thickness, 1):.1f}" fill="none" '
            f'stroke-opacity="0.45" class="flow"><title>{escape(donor)} → '
            f"{escape(recipient)}: {escape(full_usd(usd, language))}</title></path>"
        )
    for name, y in donor_y.items():
        h = max(donors[name] * scale, 1)
        figure = f" ({short_usd(donors[name], language)})"
        parts.append(
            f'<rect x="{x_left}" y="{y:.1f}" width="{node_w}" height="{h:.1f}" '
            f'fill="{PALETTE[donor_order[name] % len(PALETTE)]}"/>'
            + text_label(
                fit(name, left_label - 10 - CHAR_W * len(figure)) + figure,
                left_label - 10,
                attributes=f'x="{x_left - 6}" y="{_centre(y, h):.1f}" '
                'text-anchor="end" class="axis"',
                tooltip=f"{name}: {full_usd(donors[name], language)}",
            )
        )
    for name, y in recipient_y.items():
        h = max(recipients[name] * scale, 1)
        figure = f" ({short_usd(recipients[name], language)})"
        room = right_label - node_w - 10
        parts.append(
            f'<rect x="{x_right}" y="{y:.1f}" width="{node_w}" height="{h:.1f}" fill="#5b6773"/>'
            + text_label(
                fit(name, room - CHAR_W * len(figure)) + figure,
                room,
                attributes=f'x="{x_right + node_w + 6}" y="{_centre(y, h):.1f}" '
                'class="axis"',
                tooltip=f"{name}: {full_usd(recipients[name], language)}",
            )
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _centre(top: float, node_h: float) -> float:
    """The baseline of a node's label: the middle of its slot (at least a label high)."""
    return top + max(node_h, LABEL_H - 6) / 2 + 4
