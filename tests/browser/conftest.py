"""Browser tests: Debian's Chromium driven by Playwright against pytest-django's live server."""

from __future__ import annotations

import os
import shutil

import pytest

IN_CI = os.environ.get("CI", "").lower() == "true"
CHROMIUM = os.environ.get("CASEWORK_CHROMIUM", "/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-quic",
    "--no-first-run",
    "--disable-sync",
    "--disable-component-update",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    # Playwright gives every launch a fresh, empty profile directory of its own.
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=FLAGS
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="en-GB")
    tab = context.new_page()
    tab.set_default_timeout(15_000)
    tab.base_url = live_server.url  # type: ignore[attr-defined]
    yield tab
    context.close()


def log_in(
    page, live_server, username: str, password: str = "a-Long-pass-phrase-42"
) -> None:
    """Log in through the login form, as a person would."""
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main button[type=submit]")
    page.wait_for_load_state()


def upload_and_analyse(page, live_server, pdf, *, year: str = "2025") -> None:
    """Upload a PDF as the logged-in focal point, then let the database worker analyse it."""
    from django.core.management import call_command

    page.goto(f"{live_server.url}/documents/upload/")
    page.set_input_files("input[type=file]", str(pdf))
    page.select_option("select[name=kind]", "article7_report")
    page.fill("input[name=year]", year)
    page.click("#upload-form button[type=submit]")
    page.locator("#analysis-status [data-status=queued]").wait_for()
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
    )
