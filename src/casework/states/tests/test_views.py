import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_state_page_is_public(client):
    response = client.get("/states/SEN/")
    assert response.status_code == 200
    assert "Senegal" in response.content.decode()


def test_state_page_speaks_french(client):
    response = client.get("/states/SEN/", HTTP_ACCEPT_LANGUAGE="fr")
    body = response.content.decode()
    assert "Sénégal" in body
    assert 'lang="fr"' in body


def test_state_page_speaks_spanish_after_switching(client):
    client.post(reverse("set_language"), {"language": "es", "next": "/"})
    body = client.get("/states/TUR/").content.decode()
    assert "Türkiye" in body and 'lang="es"' in body


def test_unknown_state_is_404(client):
    assert client.get("/states/XYZ/").status_code == 404


def test_withdrawn_state_says_so(client):
    body = client.get("/states/EST/").content.decode()
    assert "No longer a State Party" in body


def test_unknown_dates_are_shown_as_unknown(client):
    from casework.states.tests.shipped import rows

    # A State with a clearance obligation whose current deadline the sources do not give.
    row = next(
        r
        for r in rows()
        if r["art5_clearance_obligation"] == "yes"
        and r["art5_current_deadline"] == "unknown"
    )
    body = client.get(f"/states/{row['iso3']}/").content.decode()
    assert '<span class="unknown">unknown</span>' in body


def test_state_list_counts_every_state(client):
    body = client.get("/states/").content.decode()
    assert "166 States are or were party" in body


class TestWorkspaceIsNotPublic:
    url = "/states/SEN/workspace/"

    def test_anonymous_is_sent_to_login(self, client):
        response = client.get(self.url)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

    def test_focal_point_of_another_state_gets_403(self, client, outsider):
        client.force_login(outsider)
        assert client.get(self.url).status_code == 403

    def test_own_focal_point_sees_colleagues(self, client, owner, colleague):
        client.force_login(owner)
        response = client.get(self.url)
        assert response.status_code == 200
        assert "colleague@example.org" in response.content.decode()

    def test_committee_member_and_support_unit_see_it(
        self, client, committee_member, support
    ):
        for user in (committee_member, support):
            client.force_login(user)
            assert client.get(self.url).status_code == 200

    def test_public_page_links_workspace_only_for_insiders(
        self, client, owner, outsider
    ):
        assert "workspace" not in client.get("/states/SEN/").content.decode()
        client.force_login(outsider)
        assert (
            "/states/SEN/workspace/" not in client.get("/states/SEN/").content.decode()
        )
        client.force_login(owner)
        assert "/states/SEN/workspace/" in client.get("/states/SEN/").content.decode()


def test_dates_are_written_as_un_documents_write_them(client):
    assert "1 December 2025" in client.get("/states/TON/").content.decode()
    french = client.get("/states/TON/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "1 décembre 2025" in french or "1er décembre 2025" in french
