"""The world map as a cached SVG image: drawn once per data version, no links inside."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from xml.etree import ElementTree

import pytest

from casework.web import maps, versions

pytestmark = pytest.mark.django_db
CSS = Path(maps.__file__).parent / "static" / "casework" / "casework.css"
SVG = "{http://www.w3.org/2000/svg}"


def _map_url(client) -> str:
    body = client.get("/").content.decode()
    found = re.search(r'<img src="(/maps/article5\.svg\?v=[0-9a-f]+)"', body)
    assert found, "the home page has no map image"
    return found.group(1)


def _fill_of(svg: str, iso3_path: str) -> str:
    """The class of the <path> whose data contains `iso3_path`."""
    root = ElementTree.fromstring(svg)
    for path in root.iter(f"{SVG}path"):
        if iso3_path in path.get("d", ""):
            return path.get("class", "")
    raise AssertionError("shape not found")


def test_the_map_is_an_svg_image_without_links(client, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC))
    response = client.get(_map_url(client))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    svg = response.content.decode()
    root = ElementTree.fromstring(svg)  # well-formed XML
    assert root.tag == f"{SVG}svg"
    assert list(root.iter(f"{SVG}a")) == [] and "<a " not in svg
    assert "<script" not in svg
    from casework.web.worldmap import country_paths

    senegal = country_paths()["SEN"][:40]
    assert _fill_of(svg, senegal) == "art5-yes"
    estonia = country_paths()["EST"][:40]  # withdrew with effect from 27 December 2025
    assert _fill_of(svg, estonia) == "not-party"


def test_the_current_version_is_cached_by_browsers_for_long(client):
    url = _map_url(client)
    current = client.get(url)
    assert "immutable" in current["Cache-Control"]
    assert "max-age=31536000" in current["Cache-Control"]
    stale = client.get("/maps/article5.svg?v=000000000000")
    assert "immutable" not in stale["Cache-Control"]
    assert "max-age=300" in stale["Cache-Control"]


def test_the_map_is_drawn_once_per_version(
    client, monkeypatch, django_assert_num_queries
):
    url = _map_url(client)
    client.get(url)
    drawn = []
    monkeypatch.setattr(maps, "draw", lambda classes: drawn.append(1) or "<svg/>")
    with django_assert_num_queries(0):
        client.get(url)  # from the cache: no query, no drawing
    assert drawn == []


def test_saving_a_state_changes_the_version_and_the_drawing(client):
    from casework.states.models import Article5Status, StateParty

    before = _map_url(client)
    senegal = StateParty.objects.get(iso3="SEN")
    senegal.article5_status = Article5Status.COMPLETED
    senegal.save()
    after = _map_url(client)
    assert after != before
    from casework.web.worldmap import country_paths

    svg = client.get(after).content.decode()
    assert _fill_of(svg, country_paths()["SEN"][:40]) == "art5-completed"


def test_the_version_is_a_cache_read_not_a_query(django_assert_num_queries):
    versions.stamp("states")
    with django_assert_num_queries(0):
        first = maps.version("article5")
        assert maps.version("article5") == first
    versions.bump("states")
    assert maps.version("article5") != first
    assert maps.version("article5", day=dt.date(2030, 1, 1)) != maps.version("article5")


def test_a_class_without_a_colour_is_refused():
    with pytest.raises(ValueError, match="without a colour"):
        maps.draw({"SEN": "no-such-class"})


def test_the_stylesheet_uses_the_map_colours_for_the_legend():
    css = CSS.read_text(encoding="utf-8")
    variables = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-f]{3,6})", css))
    for css_class, colour in maps.FILLS.items():
        found = re.search(
            rf"\.swatch\.{css_class}\s*\{{\s*background:\s*([^;}}]+)", css
        )
        assert found, f"no legend swatch for {css_class} in casework.css"
        value = found.group(1).strip()
        if value.startswith("var(--"):
            value = variables[value[6:-1]]
        assert value.lower() == colour, css_class


def test_the_favicon(client):
    body = client.get("/").content.decode()
    assert 'rel="icon" href="/static/casework/favicon.svg"' in body
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == "/static/casework/favicon.svg"
    assert (CSS.parent / "favicon.svg").read_text().startswith("<svg")
