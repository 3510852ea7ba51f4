import datetime as dt
import re

import pytest
from django.core import mail
from django.urls import reverse

from casework.compliance import services
from casework.compliance.models import Submission
from casework.states.models import StateParty
from casework.web import versions

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 9, 1)


def _row(rows, iso3):
    return next(row for row in rows if row.state.iso3 == iso3)


def test_on_time_late_and_missing():
    sen, per = StateParty.objects.get(iso3="SEN"), StateParty.objects.get(iso3="PER")
    services.record_submission(
        sen, 2025, submitted_at=dt.date(2025, 4, 30), source="manual"
    )
    services.record_submission(
        per, 2025, submitted_at=dt.date(2025, 5, 10), source="online"
    )
    rows = services.tracker(2025, today=TODAY)
    assert _row(rows, "SEN").status == services.ON_TIME
    late = _row(rows, "PER")
    assert late.status == services.LATE and late.days_late == 10
    assert _row(rows, "DNK").status == services.MISSING
    before = services.tracker(2025, today=dt.date(2025, 3, 1))
    assert _row(before, "DNK").status == services.NOT_YET_DUE


def test_earliest_submission_counts():
    sen = StateParty.objects.get(iso3="SEN")
    services.record_submission(
        sen, 2025, submitted_at=dt.date(2025, 6, 1), source="upload"
    )
    services.record_submission(
        sen, 2025, submitted_at=dt.date(2025, 4, 1), source="online"
    )
    assert Submission.objects.get(state=sen, year=2025).submitted_at == dt.date(
        2025, 4, 1
    )


def test_initial_report_due_or_overdue():
    state = StateParty.objects.get(iso3="SEN")
    state.date_entry_into_force = "2025-01-01"
    state.save()
    rows = services.tracker(2025, today=dt.date(2025, 3, 1))
    assert _row(rows, "SEN").status == services.INITIAL_DUE
    rows = services.tracker(2025, today=TODAY)
    assert _row(rows, "SEN").status == services.INITIAL_OVERDUE
    assert _row(rows, "SEN").initial_due == dt.date(2025, 6, 30)


def _map_url(html: str) -> str:
    found = re.search(r'<img src="(/compliance/2025/map\.svg\?v=[0-9a-f]+)"', html)
    assert found, "the page references its map as an image"
    return found.group(1).replace("&amp;", "&")


def test_public_page_map_and_exports(client, django_assert_max_num_queries):
    services.record_submission(
        StateParty.objects.get(iso3="SEN"),
        2025,
        submitted_at=dt.date(2025, 4, 2),
        source="manual",
    )
    with django_assert_max_num_queries(5):
        page = client.get(reverse("compliance:year", args=[2025]))
    assert page.status_code == 200
    html = page.content.decode()
    # the map is an image beside its table: no inline paths, no links inside it
    assert "<svg" not in html and "<path" not in html
    assert 'href="#compliance-table"' in html and 'id="compliance-table"' in html
    image = client.get(_map_url(html))
    assert image["Content-Type"] == "image/svg+xml"
    assert "immutable" in image["Cache-Control"]
    svg = image.content.decode()
    assert 'class="a7-on-time"' in svg and "<a " not in svg
    csv = client.get(reverse("compliance:export", args=[2025, "csv"])).content.decode()
    assert "SEN,Senegal,on_time,2025-04-02" in csv
    xlsx = client.get(reverse("compliance:export", args=[2025, "xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxml")


def test_map_of_an_old_version_is_kept_briefly_and_a_bad_year_is_404(client):
    stale = client.get("/compliance/2025/map.svg?v=000000000000")
    assert stale.status_code == 200 and "immutable" not in stale["Cache-Control"]
    assert client.get("/compliance/1990/map.svg").status_code == 404
    assert client.post("/compliance/2025/map.svg").status_code == 405


def test_a_cached_page_costs_no_scan_and_follows_each_change(
    client, django_assert_num_queries
):
    """The cache is checked by version stamps: a second visit runs no query on
    submissions or States; a new submission (signal) or a bulk write (bump) shows."""
    first = client.get("/compliance/2025/").content.decode()
    with django_assert_num_queries(0):
        again = client.get("/compliance/2025/").content.decode()
    assert _map_url(again) == _map_url(first)
    sen = StateParty.objects.get(iso3="SEN")
    services.record_submission(
        sen, 2025, submitted_at=dt.date(2025, 4, 2), source="manual"
    )
    changed = client.get("/compliance/2025/").content.decode()
    assert _map_url(changed) != _map_url(first)
    row = changed[changed.index('data-iso3="SEN"') :].split("</tr>", 1)[0]
    assert "Submitted on time" in row
    assert 'class="a7-on-time"' in client.get(_map_url(changed)).content.decode()
    # a write that sends no signal, followed by the bump its code path makes
    Submission.objects.filter(state=sen, year=2025).update(
        submitted_at=dt.date(2025, 6, 1)
    )
    versions.bump_on_commit("submissions")
    later = client.get("/compliance/2025/").content.decode()
    row = later[later.index('data-iso3="SEN"') :].split("</tr>", 1)[0]
    assert "Submitted late" in row
    # a State's change (another watched model) also gives a new version
    sen.name_en = "Senegal (renamed)"
    sen.save()
    assert _map_url(client.get("/compliance/2025/").content.decode()) != _map_url(later)


def test_reminders_go_to_focal_points_of_states_not_reported(owner, outsider, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    services.record_submission(
        StateParty.objects.get(iso3="PER"),
        2025,
        submitted_at=dt.date(2025, 4, 2),
        source="manual",
    )
    sent = services.send_reminders(2025, today=TODAY)
    assert sent == 1
    assert mail.outbox[0].to == ["owner@example.org"]
    assert "2025" in mail.outbox[0].subject
    assert services.send_reminders(2025, today=TODAY) == 0  # not twice in a week


def test_reminder_task_reschedules_itself(settings):
    from django_tasks_db.models import DBTaskResult

    from casework.compliance.tasks import send_reporting_reminders

    services.ensure_reminders_scheduled()
    services.ensure_reminders_scheduled()
    assert (
        DBTaskResult.objects.filter(
            task_path=send_reporting_reminders.module_path
        ).count()
        == 1
    )


def test_export_formats_come_from_the_registry(client):
    assert client.get("/compliance/2025/export.csv").status_code == 200
    for unknown in ("pdf", "odt", "CSV"):
        assert client.get(f"/compliance/2025/export.{unknown}").status_code == 404
    assert client.get("/compliance/1990/export.csv").status_code == 404
    assert client.post("/compliance/2025/export.csv").status_code == 405


@pytest.mark.parametrize(
    ("language", "due", "submitted", "late"),
    [
        ("en", "30 April 2025", "1 May 2025", "1 day late"),
        ("fr", "30 avril 2025", "1er mai 2025", "1 jour de retard"),
        ("es", "30 de abril de 2025", "1 de mayo de 2025", "1 día de retraso"),
    ],
)
def test_tracker_dates_in_the_reader_language(client, language, due, submitted, late):
    services.record_submission(
        StateParty.objects.get(iso3="SEN"),
        2025,
        submitted_at=dt.date(2025, 5, 1),
        source="manual",
    )
    body = client.get("/compliance/2025/", HTTP_ACCEPT_LANGUAGE=language).content
    html = body.decode()
    row = html[html.index('data-iso3="SEN"') :].split("</tr>", 1)[0]
    assert due in html
    assert submitted in row and late in row


def test_a_registry_import_that_only_updates_in_bulk_gives_a_new_map_version(
    client, django_capture_on_commit_callbacks
):
    """`apply_import` sets `listed_as_party_on` with QuerySet.update (no signal): it
    bumps the States' stamp itself, so the page and map are not kept from before."""
    from casework.states.registry import RegistryDiff
    from casework.states.services import apply_import

    before = _map_url(client.get("/compliance/2025/").content.decode())
    with django_capture_on_commit_callbacks(execute=True):
        apply_import(RegistryDiff(in_file={"SEN"}), listed_on=dt.date(2026, 1, 1))
    assert StateParty.objects.get(iso3="SEN").listed_as_party_on == dt.date(2026, 1, 1)
    after = _map_url(client.get("/compliance/2025/").content.decode())
    assert after != before
