"""Issue 2's browser journey: log in, switch to French, read a State page in French."""

import pytest

from tests.browser.conftest import log_in

pytestmark = pytest.mark.django_db


def test_log_in_switch_to_french_and_read_the_state_page(page, live_server, support):
    log_in(page, live_server, "support")
    assert page.locator("header").get_by_text("support").is_visible()

    page.select_option("#language-select", "fr")
    page.click(".language button")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "fr"

    page.goto(f"{live_server.url}/states/SEN/")
    assert page.locator("h1").inner_text().startswith("Sénégal")
    assert (
        page.get_by_text("Appartenance à la Convention").is_visible()
        or page.get_by_role("heading", level=2).first.is_visible()
    )
    assert "Se déconnecter" in page.content()
