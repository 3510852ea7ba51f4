"""World map as SVG paths, drawn from the vendored world-atlas TopoJSON (Natural Earth 110m).

Pure Python, computed once per process: the page inlines the paths, so the map needs
no JavaScript and no request to anybody else's server.
"""

from __future__ import annotations

import itertools
import json
import math
from functools import lru_cache
from pathlib import Path
from typing import Any

import pycountry

ATLAS = (
    Path(__file__).resolve().parent / "data" / "world-atlas-2.0.2-countries-110m.json"
)
WIDTH = 960.0
ANTARCTICA = "010"


def _natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """The Natural Earth projection (Šavrič et al. 2011), in radians."""
    lam, phi = math.radians(lon), math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (
        0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4))
    )
    y = phi * (
        1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4))
    )
    return x, y


# The projection spans x in [-2.7366, 2.7366] and y in [-1.4224, 1.4224] radians.
_X_MAX = 2.7366
_Y_MAX = 1.4224
SCALE = WIDTH / (2 * _X_MAX)
# Crop the far south (Antarctica is not drawn) to save space.
HEIGHT = round(_Y_MAX * SCALE + 1.05 * SCALE)


def _to_svg(lon: float, lat: float) -> tuple[int, int]:
    x, y = _natural_earth(lon, lat)
    return round((x + _X_MAX) * SCALE), round((_Y_MAX - y) * SCALE)


def _decode_arcs(topology: dict[str, Any]) -> list[list[tuple[int, int]]]:
    (sx, sy), (tx, ty) = (
        topology["transform"]["scale"],
        topology["transform"]["translate"],
    )
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append(_to_svg(x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list[list[tuple[int, int]]]) -> str:
    points: list[tuple[int, int]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    kept = [p for i, p in enumerate(points) if i == 0 or p != points[i - 1]]
    if len(kept) < 3:
        return ""
    # A ring that crosses the antimeridian (a piece of Fiji) would draw a line across the
    # whole map; at this scale it is dropped.
    if any(abs(a[0] - b[0]) > WIDTH / 2 for a, b in itertools.pairwise(kept)):
        return ""
    return "M" + "L".join(f"{x},{y}" for x, y in kept) + "Z"


def _iso3(numeric: str) -> str | None:
    country = pycountry.countries.get(numeric=numeric)
    return country.alpha_3 if country else None


@lru_cache(maxsize=1)
def country_paths() -> dict[str, str]:
    """ISO3 -> SVG path data for every country drawn at this scale."""
    topology = json.loads(ATLAS.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    paths: dict[str, str] = {}
    for geometry in topology["objects"]["countries"]["geometries"]:
        numeric = geometry.get("id")
        iso3 = _iso3(numeric) if numeric and numeric != ANTARCTICA else None
        if not iso3:
            continue
        polygons = (
            geometry["arcs"]
            if geometry["type"] == "MultiPolygon"
            else [geometry["arcs"]]
        )
        d = "".join(_ring(ring, arcs) for polygon in polygons for ring in polygon)
        if d:
            paths[iso3] = paths.get(iso3, "") + d
    return paths
