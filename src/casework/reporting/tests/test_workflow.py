"""Every path of the online report's workflow ends in a submission (issue 14).

One focal point, two focal points, and a second focal point who is no longer active;
each step recorded with who and when; outsiders can act on nothing.
"""

import pytest
from django.core import mail
from django.urls import reverse

from casework.notifications.models import Notification
from casework.reporting.models import ClearanceRule, ClearedBy, Report, ReportStep
from casework.reporting.tests.factories import answers, make_report

pytestmark = pytest.mark.django_db
Kind = Notification.Kind


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def fp_khm(make_user):
    """Cambodia's only focal point."""
    return make_user("fp_khm", "focal_point", iso3="KHM")


def act(client, user, report, name, **data):
    client.force_login(user)
    return client.post(reverse("reporting:action", args=[report.pk, name]), data)


def page(client, user, report):
    client.force_login(user)
    return client.get(reverse("reporting:detail", args=[report.pk]))


def status(report):
    return Report.objects.get(pk=report.pk).status


def inbox(user, kind):
    return Notification.objects.filter(recipient=user, kind=kind)


def submit_with_confirmation(client, user, report):
    """Submitting asks first: the button leads to a confirmation page."""
    unconfirmed = act(client, user, report, "submit")
    assert unconfirmed.url == reverse("reporting:confirm_submission", args=[report.pk])
    assert status(report) == Report.Status.CLEARED
    confirm = client.get(unconfirmed.url)
    assert confirm.status_code == 200
    assert 'name="confirmed" value="1"' in confirm.content.decode()
    done = act(client, user, report, "submit", confirmed="1")
    assert done.url == reverse("reporting:detail", args=[report.pk])
    assert status(report) == Report.Status.SUBMITTED


def test_a_single_focal_point_sends_to_the_support_unit_who_clears(
    client, fp_khm, support, run_queued_tasks, django_capture_on_commit_callbacks
):
    client.force_login(fp_khm)
    client.post(reverse("reporting:start"), {"year": 2026, "from_last_year": "0"})
    report = Report.objects.get(state__iso3="KHM", year=2026)
    Report.objects.filter(pk=report.pk).update(answers=answers())

    with django_capture_on_commit_callbacks(execute=True):
        act(client, fp_khm, report, "request_clearance")
    report.refresh_from_db()
    assert report.status == Report.Status.IN_CLEARANCE
    assert report.clearance_by == ClearedBy.SUPPORT_UNIT
    waiting = page(client, fp_khm, report).content.decode()
    assert "the support unit clears it" in waiting
    assert inbox(support, Kind.CLEARANCE_REQUESTED).count() == 1

    # the support unit opens it (no 404), sees it waiting, and clears it
    client.force_login(support)
    listing = client.get(reverse("reporting:list")).content.decode()
    assert "Waiting for your clearance" in listing
    assert reverse("reporting:detail", args=[report.pk]) in listing
    seen = page(client, support, report)
    assert seen.status_code == 200
    assert "/do/clear/" in seen.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        act(client, support, report, "clear")
    assert status(report) == Report.Status.CLEARED
    assert inbox(fp_khm, Kind.REPORT_CLEARED).count() == 1

    with django_capture_on_commit_callbacks(execute=True):
        submit_with_confirmation(client, fp_khm, report)
    receipt = inbox(fp_khm, Kind.REPORT_SUBMITTED).get()
    assert receipt.url == reverse("reporting:detail", args=[report.pk])

    run_queued_tasks()
    subjects = {m.to[0]: m.subject for m in mail.outbox}
    assert "waiting for your clearance" in subjects["support@example.org"]
    assert (
        "received"
        in [m for m in mail.outbox if m.to == ["fp_khm@example.org"]][-1].subject
    )

    steps = list(report.steps.values_list("kind", "by__username", "detail"))
    assert steps == [
        (ReportStep.Kind.DRAFTED, "fp_khm", "en"),
        (ReportStep.Kind.SENT_FOR_CLEARANCE, "fp_khm", ClearedBy.SUPPORT_UNIT),
        (ReportStep.Kind.CLEARED, "support", "support_unit"),
        (ReportStep.Kind.SUBMITTED, "fp_khm", ""),
    ]
    assert all(step.at for step in report.steps.all())
    history = page(client, fp_khm, report).content.decode()
    assert "History" in history
    for label in ("Drafted", "Sent for clearance", "Cleared", "Submitted"):
        assert label in history
    assert "by the support unit" in history


def test_two_focal_points_the_second_clears_from_the_dashboard(
    client,
    owner,
    colleague,
    support,
    run_queued_tasks,
    django_capture_on_commit_callbacks,
):
    report = make_report(created_by=owner)
    with django_capture_on_commit_callbacks(execute=True):
        act(client, owner, report, "request_clearance")
    report.refresh_from_db()
    assert report.clearance_by == ClearedBy.SECOND_FOCAL_POINT
    assert inbox(colleague, Kind.CLEARANCE_REQUESTED).count() == 1
    assert not inbox(support, Kind.CLEARANCE_REQUESTED).exists()
    assert not inbox(owner, Kind.CLEARANCE_REQUESTED).exists()

    client.force_login(colleague)
    dashboard = client.get(reverse("reporting:list")).content.decode()
    assert "Waiting for your clearance" in dashboard
    assert reverse("reporting:detail", args=[report.pk]) in dashboard
    home = client.get(reverse("home")).content.decode()  # the dashboard too
    assert "Waiting for your clearance" in home
    assert reverse("reporting:detail", args=[report.pk]) in home
    client.force_login(owner)
    assert "Waiting for your clearance" not in (
        client.get(reverse("reporting:list")).content.decode()
    )
    assert "Waiting for your clearance" not in (
        client.get(reverse("home")).content.decode()
    )

    # neither the author nor the support unit clears what a colleague can clear
    act(client, owner, report, "clear")
    act(client, support, report, "clear")
    assert status(report) == Report.Status.IN_CLEARANCE

    with django_capture_on_commit_callbacks(execute=True):
        act(client, colleague, report, "clear")
    assert status(report) == Report.Status.CLEARED
    assert inbox(owner, Kind.REPORT_CLEARED).count() == 1
    with django_capture_on_commit_callbacks(execute=True):
        submit_with_confirmation(client, owner, report)
    assert inbox(owner, Kind.REPORT_SUBMITTED).count() == 1
    assert inbox(colleague, Kind.REPORT_SUBMITTED).count() == 1

    run_queued_tasks()
    receipts = [m for m in mail.outbox if "received" in m.subject]
    assert sorted(m.to[0] for m in receipts) == [
        "colleague@example.org",
        "owner@example.org",
    ]
    cleared = report.steps.get(kind=ReportStep.Kind.CLEARED)
    assert cleared.by == colleague and cleared.detail == "focal_point"


def test_when_the_second_focal_point_leaves_the_support_unit_clears(
    client, owner, colleague, support
):
    report = make_report(created_by=owner)
    act(client, owner, report, "request_clearance")
    colleague.is_active = False
    colleague.save()
    waiting = page(client, owner, report).content.decode()
    assert "the support unit clears it" in waiting
    act(client, support, report, "clear")
    assert status(report) == Report.Status.CLEARED
    submit_with_confirmation(client, owner, report)


def test_a_return_to_draft_tells_the_author_with_the_note(client, fp_khm, support):
    report = make_report("KHM")
    act(client, fp_khm, report, "request_clearance")
    act(client, support, report, "return", note="Form J: add the platform's date.")
    assert status(report) == Report.Status.DRAFT
    step = report.steps.get(kind=ReportStep.Kind.RETURNED)
    assert step.by == support and step.note == "Form J: add the platform's date."
    notice = inbox(fp_khm, Kind.REPORT_RETURNED).get()
    assert notice.params["note"] == "Form J: add the platform's date."
    # and the draft can be sent again: no dead end
    act(client, fp_khm, report, "request_clearance")
    assert status(report) == Report.Status.IN_CLEARANCE


def test_the_support_unit_sets_who_clears_a_states_reports(
    client, owner, colleague, support
):
    client.force_login(owner)
    assert client.get(reverse("reporting:clearance_rules")).status_code == 403
    client.force_login(support)
    assert client.get(reverse("reporting:clearance_rules")).status_code == 200
    bad = client.post(
        reverse("reporting:clearance_rules"),
        {"state": "XXX", "cleared_by": "support_unit"},
    )
    assert bad.status_code == 200
    assert "not in the registry" in bad.content.decode()
    saved = client.post(
        reverse("reporting:clearance_rules"),
        {"state": "SEN", "cleared_by": "support_unit"},
    )
    assert saved.status_code == 302
    rule = ClearanceRule.objects.get(state__iso3="SEN")
    assert rule.cleared_by == ClearedBy.SUPPORT_UNIT and rule.updated_by == support
    assert (
        "Senegal" in client.get(reverse("reporting:clearance_rules")).content.decode()
    )

    report = make_report(created_by=owner)
    act(client, owner, report, "request_clearance")
    act(client, colleague, report, "clear")
    assert status(report) == Report.Status.IN_CLEARANCE  # the State chose the unit
    act(client, support, report, "clear")
    assert status(report) == Report.Status.CLEARED


def test_outsiders_cannot_act_at_any_step(
    client, owner, colleague, outsider, committee_member
):
    report = make_report(created_by=owner)
    act(client, owner, report, "request_clearance")
    for name in ("clear", "return"):
        assert act(client, outsider, report, name).status_code == 404
    assert page(client, committee_member, report).status_code == 404
    act(client, committee_member, report, "clear")
    assert status(report) == Report.Status.IN_CLEARANCE
    act(client, colleague, report, "clear")
    confirm = reverse("reporting:confirm_submission", args=[report.pk])
    client.force_login(outsider)
    assert client.get(confirm).status_code == 404
    assert act(client, outsider, report, "submit", confirmed="1").status_code == 404
    client.logout()
    anonymous = client.post(
        reverse("reporting:action", args=[report.pk, "submit"]), {"confirmed": "1"}
    )
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous.url
    assert client.get(confirm).status_code == 302
    client.force_login(committee_member)
    assert client.get(confirm).status_code == 404
    assert status(report) == Report.Status.CLEARED
    assert not report.steps.filter(kind=ReportStep.Kind.SUBMITTED).exists()
