"""Every page for everyone (issue 18, the light-pages part of 19): compressed pages within
their budget, error pages in three languages, menus that lead only where the role may go,
times in the configured time zone."""

from __future__ import annotations

import datetime as dt
import gzip
import os
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.test import RequestFactory
from django.utils import timezone, translation

pytestmark = pytest.mark.django_db

BUDGET = 40 * 1024  # bytes of compressed HTML per public page
YEAR = 2025


def _public_pages() -> list[str]:
    return [
        "/",
        f"/compliance/{YEAR}/",
        "/states/",
        "/states/SEN/",
        "/funding/",
        "/funding/contributions/",
        "/funding/needs/",
        "/funding/states/SEN/",
        "/reporting/",
        "/extensions/",
    ]


def _gzipped(client, url: str):
    response = client.get(url, HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200, (url, response.status_code)
    return response


@pytest.mark.parametrize("url", _public_pages())
def test_public_pages_are_compressed_and_within_budget(client, url):
    response = _gzipped(client, url)
    assert response["Content-Encoding"] == "gzip", url
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content)
    assert html.lstrip().lower().startswith(b"<!doctype html>")
    size = len(response.content)
    print(f"\n{url}: {len(html):,} bytes of HTML, {size:,} compressed")
    assert size <= BUDGET, f"{url} is {size:,} bytes compressed (budget {BUDGET:,})"


def test_files_compressed_already_are_not_gzipped_again(client):
    xlsx = client.get(f"/compliance/{YEAR}/export.xlsx", HTTP_ACCEPT_ENCODING="gzip")
    assert xlsx.status_code == 200
    assert "Content-Encoding" not in xlsx
    assert xlsx.content[:2] == b"PK"  # the XLSX itself
    csv = client.get(f"/compliance/{YEAR}/export.csv", HTTP_ACCEPT_ENCODING="gzip")
    assert csv["Content-Encoding"] == "gzip"


def test_observations_list_is_compressed_and_within_budget(client, owner):
    client.force_login(owner)
    response = _gzipped(client, "/observations/")
    assert response["Content-Encoding"] == "gzip"
    size = len(response.content)
    print(f"\n/observations/: {size:,} bytes compressed")
    assert size <= BUDGET


def test_the_home_page_on_a_repeat_visit_is_light(client):
    """The map is an image the browser keeps: a repeat visit costs the HTML only."""
    response = _gzipped(client, "/")
    html = gzip.decompress(response.content).decode()
    assert "<path" not in html
    map_url = re.search(r'<img src="(/maps/article5\.svg\?v=[^"]+)"', html).group(1)
    image = client.get(map_url, HTTP_ACCEPT_ENCODING="gzip")
    assert image["Content-Encoding"] == "gzip"
    print(
        f"\nhome repeat visit: {len(response.content):,} bytes; "
        f"map on the first: {len(image.content):,} bytes compressed"
    )
    assert len(response.content) <= 10 * 1024
    assert len(response.content) + len(image.content) <= BUDGET


# --- error pages ---------------------------------------------------------------------

ERRORS = {
    "en": {404: "Page not found", 403: "Access denied", 400: "Bad request"},
    "fr": {404: "Page introuvable", 403: "Accès refusé", 400: "Requête incorrecte"},
    "es": {
        404: "Página no encontrada",
        403: "Acceso denegado",
        400: "Solicitud incorrecta",
    },
}
SERVER_ERROR = {
    "en": "Server error",
    "fr": "Erreur du serveur",
    "es": "Error del servidor",
}


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_page_not_found_is_styled_translated_and_shows_a_way_back(client, language):
    response = client.get("/no/such/page/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 404
    body = response.content.decode()
    assert f'<html lang="{language}">' in body
    assert f"<h1>{ERRORS[language][404]}</h1>" in body
    assert "casework.css" in body and 'href="/"' in body
    assert "<code>/no/such/page/</code>" in body


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_access_denied_is_translated(client, owner, language):
    client.force_login(owner)
    response = client.post("/worker/check/", HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 403
    body = response.content.decode()
    assert f"<h1>{ERRORS[language][403]}</h1>" in body
    assert "owner" in body  # says who is logged in
    assert 'class="ways-back"' in body


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_bad_request_is_translated(client, language):
    response = client.get(
        "/", HTTP_HOST="not-allowed.example", HTTP_ACCEPT_LANGUAGE=language
    )
    assert response.status_code == 400
    assert f"<h1>{ERRORS[language][400]}</h1>" in response.content.decode()


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_server_error_needs_neither_database_nor_context_processors(
    language, django_assert_num_queries
):
    from casework.site import urls
    from casework.web import errors

    assert urls.handler500 == "casework.web.errors.server_error"
    request = RequestFactory().get("/")  # no user, no session: nothing ran
    with translation.override(language), django_assert_num_queries(0):
        response = errors.server_error(request)
    assert response.status_code == 500
    body = response.content.decode()
    assert f"<h1>{SERVER_ERROR[language]}</h1>" in body
    assert f'lang="{language}"' in body and 'href="/"' in body


def test_a_view_that_crashes_gets_the_500_page(client, monkeypatch):
    from casework.web import views

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.services, "undrawn", broken)
    client.raise_request_exception = False
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Erreur du serveur" in body and "boom" not in body


# --- menus ---------------------------------------------------------------------------


class _Links(HTMLParser):
    """The links of the navigation bars (<nav>) of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "nav":
            self.depth += 1
        elif tag == "a" and self.depth:
            href = dict(attrs).get("href") or ""
            if href.startswith("/"):
                self.links.append(href)

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self.depth -= 1


def _menu_links(client, url: str) -> list[str]:
    parser = _Links()
    parser.feed(client.get(url).content.decode())
    return parser.links


ROLES = [
    "anonymous",
    "owner",
    "committee_member",
    "article5_member",
    "support",
    "no_profile",
]


def _user_for(role: str, request, make_user):
    if role == "article5_member":  # a member of another committee than Cooperation's
        return make_user("art5", "committee_member", iso3="DNK", committee="article5")
    if role == "no_profile":  # an account made in the admin, no role given yet
        from django.contrib.auth.models import User

        return User.objects.create_user("plain", password="a-Long-pass-phrase-42")
    return request.getfixturevalue(role)


@pytest.mark.parametrize("role", ROLES)
def test_every_menu_link_opens_for_the_role(client, request, make_user, role):
    if role != "anonymous":
        client.force_login(_user_for(role, request, make_user))
    links: set[str] = set()
    pages = ["/", "/funding/"]
    if "/engagement/" in _menu_links(client, "/"):
        pages.append("/engagement/")
    for page in pages:
        links |= set(_menu_links(client, page))
    assert "/states/" in links
    refused = {}
    for link in sorted(links):
        response = client.get(link, follow=True)
        landed = response.request["PATH_INFO"]
        if response.status_code != 200 or (
            landed.startswith("/accounts/login/") and not link.startswith(landed)
        ):
            refused[link] = (response.status_code, landed)
    assert refused == {}, f"{role} sees menu links it may not open: {refused}"


def test_a_focal_point_sees_no_imports_or_exchange_rates(client, owner, support):
    client.force_login(owner)
    links = _menu_links(client, "/funding/")
    assert "/funding/imports/" not in links and "/funding/rates/" not in links
    assert "/admin/" not in _menu_links(client, "/")
    client.force_login(support)
    links = _menu_links(client, "/funding/")
    assert "/funding/imports/" in links and "/funding/rates/" in links


def test_the_menu_folds_behind_a_button_on_narrow_screens(client):
    body = client.get("/").content.decode()
    assert 'aria-controls="site-nav"' in body and 'id="site-nav"' in body
    assert "/static/casework/menu.js" in body


# --- time zone -----------------------------------------------------------------------


def _render_datetime(value: dt.datetime, language: str = "en") -> str:
    from django.template import Context, Template

    with translation.override(language):
        return Template("{% load locale_formats %}{{ value|un_datetime }}").render(
            Context({"value": value})
        )


def test_times_are_shown_in_geneva_time_by_default(settings):
    assert settings.TIME_ZONE == "Europe/Zurich" and settings.USE_TZ
    winter = dt.datetime(2026, 2, 12, 4, 29, tzinfo=dt.UTC)
    summer = dt.datetime(2026, 7, 12, 4, 29, tzinfo=dt.UTC)
    assert _render_datetime(winter) == "12 February 2026, 05:29"
    assert _render_datetime(summer) == "12 July 2026, 06:29"
    assert _render_datetime(winter, "fr") == "12 février 2026, 05:29"


def test_times_follow_the_configured_time_zone(settings):
    settings.TIME_ZONE = "America/New_York"
    late = dt.datetime(2026, 2, 12, 4, 29, tzinfo=dt.UTC)
    assert timezone.get_current_timezone_name() == "America/New_York"
    assert _render_datetime(late) == "11 February 2026, 23:29"


def test_a_wrong_time_zone_is_refused_with_a_clear_message():
    env = dict(os.environ, CASEWORK_TIME_ZONE="Geneva/Palais", CASEWORK_SECRET_KEY="x")
    result = subprocess.run(
        [sys.executable, "-c", "import casework.site.settings"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "CASEWORK_TIME_ZONE='Geneva/Palais' is not a time zone name" in result.stderr


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "The form has expired"),
        ("fr", "Le formulaire a expiré"),
        ("es", "El formulario ha caducado"),
    ],
)
def test_a_form_sent_without_its_token_gets_a_translated_page(language, title):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        "/accounts/login/",
        {"username": "x", "password": "y"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 403
    body = response.content.decode()
    assert f"<h1>{title}</h1>" in body and f'lang="{language}"' in body


def test_short_date_times_are_on_the_24_hour_clock(settings):
    from django.template import Context, Template

    value = dt.datetime(2026, 2, 12, 4, 29, tzinfo=dt.UTC)
    with translation.override("en"):
        shown = Template(
            '{{ value|date:"SHORT_DATETIME_FORMAT" }} {{ value|time }}'
        ).render(Context({"value": value}))
    assert shown == "12/02/2026 05:29 05:29"


# --- plural forms --------------------------------------------------------------------


def _locked_out(client, settings, language: str) -> str:
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/accounts/login/", {"username": "owner", "password": "wrong"})
    response = client.post(
        "/accounts/login/",
        {"username": "owner", "password": "wrong"},
        HTTP_ACCEPT_LANGUAGE=language,
    )
    assert response.status_code == 429
    return response.content.decode()


@pytest.mark.parametrize(
    ("minutes", "language", "expected"),
    [
        (15, "en", "Wait 15 minutes and try again"),
        (1, "en", "Wait 1 minute and try again"),
        (1, "fr", "Attendez 1 minute et réessayez"),
        (2, "fr", "Attendez 2 minutes et réessayez"),
        (1, "es", "Espere 1 minuto y vuelva"),
    ],
)
def test_the_lock_out_page_counts_the_configured_minutes(
    client, owner, settings, minutes, language, expected
):
    settings.AXES_COOLOFF_TIME = minutes / 60
    body = _locked_out(client, settings, language)
    assert expected in body
    assert 'role="alert"' in body


def test_minutes_filter_rounds_up():
    from casework.web.templatetags.locale_formats import whole_minutes

    assert whole_minutes(dt.timedelta(minutes=15)) == 15
    assert whole_minutes(dt.timedelta(seconds=61)) == 2
    assert whole_minutes("15") is None


def test_a_failed_log_in_is_announced(client, owner):
    response = client.post(
        "/accounts/login/",
        {"username": "owner", "password": "wrong"},
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert 'id="login-errors" role="alert"' in body


# --- no English left in French and Spanish ------------------------------------------

TEMPLATES = "src/casework/web/templates"


def _interface_strings(*names: str) -> set[str]:
    """The {% translate "…" %} strings of the shell's own templates."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / TEMPLATES
    found: set[str] = set()
    for name in names:
        text = (root / name).read_text(encoding="utf-8")
        found |= set(re.findall(r"""{% translate ["']([^"']+)["'] %}""", text))
    return found


@pytest.mark.parametrize("language", ["fr", "es"])
@pytest.mark.parametrize(
    ("url", "templates"),
    [
        ("/", ("base.html", "web/home.html")),
        ("/no/such/page/", ("base.html", "404.html", "errors/_ways_back.html")),
        ("/accounts/login/", ("base.html",)),
    ],
)
def test_no_english_leftovers_in_the_shell(client, language, url, templates):
    from html import unescape

    body = unescape(client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode())
    visible = re.sub(r"<[^>]+>", " ", body)
    leftovers = []
    for english in sorted(_interface_strings(*templates)):
        with translation.override(language):
            translated = translation.gettext(english)
        if translated != english and english in visible and translated not in visible:
            leftovers.append(english)
    assert leftovers == [], f"{url} in {language} still says: {leftovers}"
    assert len(_interface_strings(*templates)) > 5  # the check reads the templates
