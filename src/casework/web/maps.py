"""World maps as static SVG files, drawn once per data version and referenced by <img>.

The page carries only `<img src="…?v=<version>" alt="…">` and a link to a table of the
same facts (the accessible alternative): no inline paths, no links inside the map, one
image the browser keeps in its cache until the data change. Colours live here because an
SVG shown by <img> cannot read the page's stylesheet; `casework.css` uses the same values
for the legend swatches (`web/tests/test_maps.py` keeps the two in step).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Mapping

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.cache import patch_cache_control

from casework.web import versions, worldmap

NOT_PARTY = "not-party"
BORDER = "#fff"

# CSS class -> fill colour, for every map of the site.
FILLS: dict[str, str] = {
    "art5-yes": "#c0392b",
    "art5-completed": "#2e8b57",
    "art5-none": "#8fb8d8",
    "art5-unknown": "#c9b458",
    NOT_PARTY: "#e6e8eb",
    "a7-on-time": "#2b7a0b",
    "a7-late": "#e0a31f",
    "a7-missing": "#a4161a",
    "a7-not-yet-due": "#9cc3d5",
    "a7-initial-due": "#7b5ea7",
    "a7-initial-overdue": "#4b2c73",
}

CACHE_SECONDS = 24 * 3600
YEAR = 365 * 24 * 3600


def draw(classes: Mapping[str, str]) -> str:
    """An SVG document of the world: each drawn country filled by the colour of its class
    (`classes`: ISO3 -> CSS class of `FILLS`; a country not in it is `not-party`).

    Countries of one class share one <path>: the file stays small and holds no link.
    """
    by_class: dict[str, list[str]] = {}
    for iso3, path in worldmap.country_paths().items():
        by_class.setdefault(classes.get(iso3, NOT_PARTY), []).append(path)
    unknown = sorted(set(by_class) - set(FILLS))
    if unknown:
        raise ValueError(f"map classes without a colour in maps.FILLS: {unknown}")
    width, height = round(worldmap.WIDTH), worldmap.HEIGHT
    style = f"path{{stroke:{BORDER};stroke-width:.5}}" + "".join(
        f".{css}{{fill:{FILLS[css]}}}" for css in sorted(by_class)
    )
    shapes = "".join(
        f'<path class="{css}" d="{"".join(paths)}"/>'
        for css, paths in sorted(
            by_class.items(), key=lambda item: item[0] != NOT_PARTY
        )
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="{width}" height="{height}"><style>{style}</style>'
        f'<rect width="{width}" height="{height}" fill="#fff"/>{shapes}</svg>'
    )


def version(
    name: str, *, day: dt.date | None = None, data: tuple[str, ...] = ("states",)
) -> str:
    """The version of map `name` today: changes with the day and with the stamp of each
    kind of data it is drawn from (`versions.stamp`)."""
    today = day or timezone.localdate()
    stamps = ":".join(versions.stamp(kind) for kind in data)
    raw = f"{name}:{today.isoformat()}:{stamps}"
    return hashlib.sha256(raw.encode()).hexdigest()[:12]


def cached_svg(
    name: str,
    draw_classes: Callable[[], Mapping[str, str]],
    *,
    data: tuple[str, ...] = ("states",),
) -> str:
    """The SVG of map `name` at its current version, drawn on the first request only."""
    key = f"web:map:{name}:{version(name, data=data)}"
    svg: str | None = cache.get(key)
    if svg is None:
        svg = draw(draw_classes())
        cache.set(key, svg, timeout=CACHE_SECONDS)
    return svg


def svg_response(
    request: HttpRequest, svg: str, *, current_version: str
) -> HttpResponse:
    """A map's SVG as a response: browsers keep it for a year when the URL names the
    current version (`?v=`), five minutes otherwise (an old page asking for an old one)."""
    response = HttpResponse(svg, content_type="image/svg+xml")
    if request.GET.get("v") == current_version:
        patch_cache_control(response, public=True, max_age=YEAR, immutable=True)
    else:
        patch_cache_control(response, public=True, max_age=300)
    return response
