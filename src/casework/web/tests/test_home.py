import datetime as dt
import re

import pytest

pytestmark = pytest.mark.django_db


def test_home_counts_parties_today_and_draws_the_map(client, time_machine):
    time_machine.move_to(dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC))
    body = client.get("/").content.decode()
    assert 'id="party-count">161<' in body
    # the map is an image of its own, with the table of States as its alternative
    assert '<img src="/maps/article5.svg?v=' in body
    assert 'href="/states/"' in body
    # too small to draw: named beside the map (the table links to it)
    assert re.search(r"Too small to draw at this scale:[^<]*Tonga", body)


def test_home_before_the_baltic_withdrawals(client, time_machine):
    time_machine.move_to(dt.datetime(2025, 12, 26, 12, tzinfo=dt.UTC))
    assert 'id="party-count">166<' in client.get("/").content.decode()


def test_home_speaks_french(client):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "États parties" in body


def test_worker_panel_is_for_the_support_unit_only(client, owner, support):
    assert "Background worker" not in client.get("/").content.decode()
    client.force_login(owner)
    assert "Background worker" not in client.get("/").content.decode()
    client.force_login(support)
    assert "Background worker" in client.get("/").content.decode()


class TestWorkerCheckIsNotPublic:
    def test_anonymous_is_sent_to_login(self, client):
        response = client.post("/worker/check/")
        assert (
            response.status_code == 302 and "/accounts/login/" in response["Location"]
        )

    def test_focal_point_gets_403(self, client, owner):
        client.force_login(owner)
        assert client.post("/worker/check/").status_code == 403

    def test_support_unit_queues_a_heartbeat(self, client, support):
        from django_tasks_db.models import DBTaskResult

        client.force_login(support)
        assert client.post("/worker/check/").status_code == 302
        assert DBTaskResult.objects.filter(task_path__endswith="heartbeat").count() == 1

    def test_get_is_refused(self, client, support):
        client.force_login(support)
        assert client.get("/worker/check/").status_code == 405


def test_every_asset_is_served_locally(client):
    body = client.get("/").content.decode()
    assert "//cdn" not in body and "googleapis" not in body
    assert "/static/casework/vendor/htmx-2.0.11.min.js" in body


def test_map_geometry_covers_most_states():
    from casework.web.worldmap import country_paths

    paths = country_paths()
    assert {"SEN", "TUR", "COL", "KHM", "UKR"} <= set(paths)
    assert all(d.startswith("M") and d.endswith("Z") for d in paths.values())


def test_no_shape_is_drawn_across_the_whole_map():
    import re

    from casework.web.worldmap import WIDTH, country_paths

    for iso3, d in country_paths().items():
        xs = [int(x) for x in re.findall(r"[ML](-?\d+),", d)]
        assert max(xs) - min(xs) < WIDTH * 0.9, iso3


def test_public_calendar_feed_is_at_the_root(client):
    response = client.get("/calendar.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert b"BEGIN:VCALENDAR" in response.content


def test_engagement_link_only_for_the_committee_and_support_unit(
    client, owner, support
):
    assert 'href="/engagement/"' not in client.get("/").content.decode()
    client.force_login(owner)
    assert 'href="/engagement/"' not in client.get("/").content.decode()
    client.force_login(support)
    assert 'href="/engagement/"' in client.get("/").content.decode()


def test_navigation_follows_the_rules_not_the_roles(client, make_user, owner):
    """Links appear for those whose rule lets them in: a member of another committee
    sees the cross-State view but not Engagement (the Cooperation committee's)."""
    article5 = make_user("art5", "committee_member", iso3="DNK", committee="article5")
    client.force_login(article5)
    body = client.get("/").content.decode()
    assert 'href="/findings/coverage/"' in body
    assert 'href="/engagement/"' not in body
    assert 'href="/admin/"' not in body
    client.force_login(owner)
    body = client.get("/").content.decode()
    assert 'href="/findings/coverage/"' not in body


def test_language_switcher_names_each_language_in_itself(client):
    from casework.domain.languages import LANGUAGES, NATIVE

    body = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    for code in LANGUAGES:
        assert f'lang="{code}"' in body and f">{NATIVE[code]}</option>" in body


def test_home_figures_in_french(client, support):
    client.force_login(support)
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    from django.utils import timezone

    from casework.domain.locale import format_date

    assert format_date(timezone.localdate(), "fr") in body


def test_one_withdrawal_is_singular_three_are_plural(client, time_machine):
    from casework.states.models import StateParty

    time_machine.move_to(dt.datetime(2026, 11, 27, 12, tzinfo=dt.UTC))
    withdrawn = [s for s in StateParty.objects.all() if s.has_withdrawn]
    assert len(withdrawn) > 1  # the reference data's withdrawals
    body = client.get("/").content.decode()
    assert "withdrawals in effect:" in body
    for state in withdrawn[1:]:
        state.withdrawal_notified = state.withdrawal_effective = None
        state.save()
    body = client.get("/").content.decode()
    assert "withdrawal in effect:" in body and "withdrawals in effect" not in body
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "retrait en vigueur :" in body
