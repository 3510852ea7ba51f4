"""Hardening (issue 15): security headers, no inline script, private files, the client
address read from trusted proxies only (lock-out), password-reset throttling."""

from __future__ import annotations

import re
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.test import RequestFactory
from django.utils import translation

from casework.accounts.client_address import client_address
from casework.site.security import keep_database_private

SRC = Path(__file__).resolve().parent.parent / "src" / "casework"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>")
HANDLER_ATTRIBUTE = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    with translation.override("en"):
        yield
    cache.clear()


def _csp(response) -> dict[str, str]:
    policy = response["Content-Security-Policy"]
    return {
        part.split()[0]: part.split(" ", 1)[1] if " " in part else ""
        for part in (p.strip() for p in policy.split(";"))
        if part
    }


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/no-such-page/"])
def test_every_page_has_a_csp_without_inline_script_and_a_permissions_policy(
    client, url
):
    response = client.get(url)
    directives = _csp(response)
    assert directives["script-src"] == "'self'"
    assert "unsafe-inline" not in directives["script-src"]
    assert "unsafe-eval" not in response["Content-Security-Policy"]
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        assert feature in permissions
    assert not INLINE_SCRIPT.search(response.content.decode())


def test_no_template_has_an_inline_script_or_an_event_handler_attribute():
    found = []
    for path in sorted(SRC.rglob("templates/**/*.html")):
        text = path.read_text(encoding="utf-8")
        for pattern in (INLINE_SCRIPT, HANDLER_ATTRIBUTE):
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(SRC)}:{line}: {match.group(0)}")
    assert found == []


def test_htmx_is_served_by_the_site_itself(client):
    page = client.get("/accounts/login/").content.decode()
    sources = re.findall(r'<script src="([^"]+)"', page)
    assert any("htmx" in src for src in sources)
    assert all(src.startswith("/static/") for src in sources)


@pytest.mark.django_db
def test_the_api_docs_start_their_script_from_a_file_not_inline(client):
    page = client.get("/api/docs/swagger/")
    assert page.status_code == 200
    assert not INLINE_SCRIPT.search(page.content.decode())
    script = client.get("/api/docs/swagger/?script")
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in script.content.decode()


def test_uploaded_files_and_folders_are_private(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    storage = FileSystemStorage()
    name = storage.save("originals/SEN/report.pdf", ContentFile(b"%PDF-1.7"))
    stored = Path(storage.path(name))
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    assert stat.S_IMODE(stored.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((tmp_path / "media").stat().st_mode) == 0o700


def test_the_sqlite_file_and_data_directory_are_made_private(settings, tmp_path):
    settings.DATA_DIR = tmp_path
    tmp_path.chmod(0o755)
    database = tmp_path / "casework.sqlite3"
    for path in (database, Path(f"{database}-wal")):
        path.write_bytes(b"")
        path.chmod(0o644)
    connection = SimpleNamespace(
        settings_dict={"ENGINE": "django.db.backends.sqlite3", "NAME": str(database)}
    )
    keep_database_private(sender=None, connection=connection)
    assert stat.S_IMODE(database.stat().st_mode) == 0o600
    assert stat.S_IMODE(Path(f"{database}-wal").stat().st_mode) == 0o600
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o700


def test_a_new_sqlite_database_is_created_private(
    settings, tmp_path, django_db_blocker
):
    """A real connection: the file SQLite creates is made 0600 as soon as it opens."""
    from django.db.utils import ConnectionHandler

    settings.DATA_DIR = tmp_path
    database = tmp_path / "fresh.sqlite3"
    handler = ConnectionHandler(
        {
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": str(database),
            }
        }
    )
    connection = handler["default"]
    with django_db_blocker.unblock():
        try:
            with connection.cursor() as cursor:
                cursor.execute("CREATE TABLE t (x integer)")
        finally:
            connection.close()
    assert stat.S_IMODE(database.stat().st_mode) == 0o600


def _request(remote: str, forwarded: str | None = None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_forwarded_addresses_are_read_only_from_trusted_proxies(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"
    settings.TRUSTED_PROXIES = ["10.0.0.0/24", "10.0.1.7"]
    # An untrusted sender cannot choose the address counted.
    assert client_address(_request("203.0.113.9", "198.51.100.1")) == "203.0.113.9"
    # Through the proxy: the client is the rightmost address that is not a proxy.
    assert client_address(_request("10.0.0.3", "198.51.100.1")) == "198.51.100.1"
    assert (
        client_address(_request("10.0.0.3", "6.6.6.6, 198.51.100.1, 10.0.1.7"))
        == "198.51.100.1"
    )
    assert client_address(_request("10.0.0.3", "not-an-address")) == "10.0.0.3"
    assert client_address(_request("10.0.0.3", "[2001:db8::5]:443")) == "2001:db8::5"
    assert client_address(_request("10.0.0.3")) == "10.0.0.3"


@pytest.mark.django_db
def test_the_lock_out_counts_the_client_behind_a_trusted_proxy(client, owner, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/24"]
    proxy = {"REMOTE_ADDR": "10.0.0.2"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/accounts/login/",
            {"username": "owner", "password": "wrong"},
            **proxy,
            HTTP_X_FORWARDED_FOR="198.51.100.66",
        )
    good = {"username": "owner", "password": "a-Long-pass-phrase-42"}
    attacker = client.post(
        "/accounts/login/", good, **proxy, HTTP_X_FORWARDED_FOR="198.51.100.66"
    )
    assert attacker.status_code == 429
    # Another visitor through the same proxy is not locked out with the attacker.
    other = client.post(
        "/accounts/login/", good, **proxy, HTTP_X_FORWARDED_FOR="192.0.2.10"
    )
    assert other.status_code == 302


RESET = "/accounts/password/reset/"


@pytest.mark.django_db
def test_password_resets_are_throttled_per_address(client, owner, settings):
    from django_tasks_db.models import DBTaskResult

    settings.PASSWORD_RESET_PER_HOUR = 3
    for number in range(3):
        response = client.post(
            RESET, {"email": f"person{number}@example.org"}, REMOTE_ADDR="192.0.2.1"
        )
        assert response.status_code == 302
    refused = client.post(
        RESET, {"email": "owner@example.org"}, REMOTE_ADDR="192.0.2.1"
    )
    assert refused.status_code == 429
    body = refused.content.decode()
    assert "Too many password-reset requests" in body and "try again in 60" in body
    assert DBTaskResult.objects.count() == 0  # nothing queued for the refused one
    elsewhere = client.post(
        RESET, {"email": "owner@example.org"}, REMOTE_ADDR="192.0.2.2"
    )
    assert elsewhere.status_code == 302
    assert DBTaskResult.objects.count() == 1


@pytest.mark.django_db
def test_password_resets_are_throttled_per_email(client, owner, settings):
    settings.PASSWORD_RESET_PER_HOUR = 2
    for number in range(2):
        ok = client.post(
            RESET, {"email": "Owner@Example.org"}, REMOTE_ADDR=f"192.0.2.{number + 1}"
        )
        assert ok.status_code == 302
    refused = client.post(
        RESET, {"email": "owner@example.org"}, REMOTE_ADDR="192.0.2.9"
    )
    assert refused.status_code == 429
    # An address without an account gets the same answer: nothing is revealed.
    for _ in range(2):
        client.post(RESET, {"email": "nobody@example.org"}, REMOTE_ADDR="192.0.2.20")
    unknown = client.post(
        RESET, {"email": "nobody@example.org"}, REMOTE_ADDR="192.0.2.21"
    )
    assert unknown.status_code == 429
