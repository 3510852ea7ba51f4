"""Charts never cut a label off without its tooltip, nor draw two labels over each other."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from lxml import etree

from casework.funding import charts

LONG = "Ministère de l'Europe et des Affaires étrangères de la République française"
SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[etree._Element]:
    return etree.fromstring(svg.encode()).findall(f".//{SVG}text")


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_a_long_donor_name_is_shortened_and_kept_whole_in_its_tooltip(language):
    svg = charts.horizontal_bars(
        [(LONG, Decimal(3_000_000)), ("Japan", Decimal(1_000_000))],
        label="Top donors",
        language=language,
    )
    first = texts(svg)[0]
    assert first.text.endswith("…") and len(first.text) * charts.CHAR_W <= 170
    assert first.find(f"{SVG}title").text == LONG
    assert texts(svg)[2].text == "Japan" and texts(svg)[2].find(f"{SVG}title") is None


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_sankey_labels_do_not_overlap_and_keep_names_and_amounts(language):
    flows = [("Big donor", "AGO", Decimal(50_000_000))] + [
        (f"{LONG} {n}", "KHM", Decimal(1_000 + n)) for n in range(12)
    ]
    svg = charts.sankey(flows, label="Flows", language=language)
    left = [t for t in texts(svg) if t.get("text-anchor") == "end"]
    ys = sorted(float(t.get("y")) for t in left)
    assert all(b - a >= charts.LABEL_H - 0.01 for a, b in zip(ys, ys[1:], strict=False))
    height = float(re.search(r'viewBox="0 0 \d+ (\d+)"', svg).group(1))
    assert max(ys) < height
    tooltips = [t.find(f"{SVG}title").text for t in left]
    assert any(tip.startswith(f"{LONG} 3: ") for tip in tooltips)
    assert all(len(t.text) * charts.CHAR_W <= 250 for t in left)


def test_a_long_legend_wraps_inside_the_chart():
    series = [
        charts.Series(LONG, (Decimal(1), Decimal(2))),
        charts.Series("Committed", (Decimal(1), Decimal(3))),
    ]
    svg = charts.grouped_bars(["2023", "2024"], series, label="x", language="fr")
    width = float(re.search(r'viewBox="0 0 (\d+)', svg).group(1))
    legend = [t for t in texts(svg) if t.get("text-anchor") is None]
    for text in legend:
        assert float(text.get("x")) + len(text.text) * charts.CHAR_W <= width
