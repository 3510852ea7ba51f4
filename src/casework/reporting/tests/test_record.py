"""The record cannot be altered: every workflow step is in the audit log (who, when,
before/after, in the step's transaction), and submitted reports and revisions are
read-only in the admin (issue 15)."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from casework.audit.models import AuditEntry
from casework.reporting import services
from casework.reporting.models import Report, ReportRevision, ReportStep
from casework.reporting.tests.factories import make_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def _entries(report: Report) -> list[AuditEntry]:
    return list(
        AuditEntry.objects.filter(
            object_type="reporting.report", object_id=str(report.pk)
        ).order_by("pk")
    )


def test_every_workflow_step_is_audited_with_who_and_before_after(
    owner, colleague, support
):
    report = make_report()  # a complete draft of Senegal
    report = services.request_clearance(report, user=owner)
    report = services.return_to_draft(report, user=colleague, note="À revoir")
    report = services.request_clearance(report, user=owner)
    report = services.clear(report, user=colleague)
    report = services.submit(report, user=colleague)
    report = services.publish(report, user=support)
    correction = services.correct(report, user=owner)

    steps = [
        (e.action, e.actor, e.before["status"], e.after["status"])
        for e in _entries(report)
    ]
    assert steps == [
        ("sent_for_clearance", owner, "draft", "in_clearance"),
        ("returned", colleague, "in_clearance", "draft"),
        ("sent_for_clearance", owner, "draft", "in_clearance"),
        ("cleared", colleague, "in_clearance", "cleared"),
        ("submitted", colleague, "cleared", "submitted"),
        ("published", support, "submitted", "published"),
    ]
    published = _entries(report)[-1]
    assert published.actor_name == support.get_username()
    assert published.before["published_at"] is None and published.after["published_at"]
    submitted = _entries(report)[-2]
    assert submitted.after["submitted_by_id"] == colleague.pk
    created = _entries(correction)
    assert [(e.action, e.actor) for e in created] == [("created", owner)]
    assert f"correction of report {report.pk}" in created[0].message


def test_a_refused_step_leaves_no_audit_entry(owner, outsider):
    report = make_report()
    with pytest.raises(services.ReportError):
        services.request_clearance(report, user=outsider)
    with pytest.raises(services.ReportError):
        services.publish(report, user=owner)
    assert _entries(report) == []


def test_a_step_rolled_back_takes_its_audit_entry_with_it(owner, monkeypatch):
    report = make_report()

    def fail(*args, **kwargs):
        raise RuntimeError("mail server down")

    monkeypatch.setattr(services.notices, "clearance_requested", fail)
    with pytest.raises(RuntimeError):
        services.request_clearance(report, user=owner)
    assert _entries(report) == []
    assert Report.objects.get(pk=report.pk).status == Report.Status.DRAFT


@pytest.fixture
def admin_client(client, support):
    staff = User.objects.create_superuser("root", "root@example.org", "x-Long-pass-42")
    client.force_login(staff)
    return client


def _change_data(report: Report) -> dict[str, str]:
    return {
        "state": str(report.state_id),
        "year": str(report.year),
        "version": str(report.version),
        "language": report.language,
        "answers": '{"A": {"measures": "changé dans l\'admin"}}',
        "flags": "{}",
        "unchanged_since": "{}",
        "return_note": "",
    }


@pytest.mark.parametrize("status", [Report.Status.SUBMITTED, Report.Status.PUBLISHED])
def test_a_submitted_report_is_read_only_in_the_admin(admin_client, colleague, status):
    report = make_report(status=status)
    report.submitted_by = colleague
    report.save()
    change = reverse("admin:reporting_report_change", args=[report.pk])
    page = admin_client.get(change)
    assert page.status_code == 200
    body = page.content.decode()
    assert 'name="_save"' not in body and 'name="answers"' not in body
    assert admin_client.post(change, _change_data(report)).status_code == 403
    delete = reverse("admin:reporting_report_delete", args=[report.pk])
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    stored = Report.objects.get(pk=report.pk)
    assert stored.answers == report.answers and stored.submitted_by == colleague


def test_a_draft_is_editable_in_the_admin_but_not_its_workflow_fields(admin_client):
    report = make_report(answers={})
    change = reverse("admin:reporting_report_change", args=[report.pk])
    body = admin_client.get(change).content.decode()
    assert 'name="answers"' in body
    assert 'name="submitted_by"' not in body and 'name="status"' not in body


def test_revisions_and_steps_cannot_be_changed_or_deleted_in_the_admin(
    admin_client, owner
):
    report = make_report(answers={})
    services.save_draft(
        report, user=owner, answers={"A": {"measures": "x"}}, flags={}, revision=0
    )
    revision = ReportRevision.objects.filter(report=report).first()
    assert revision is not None
    step = ReportStep.objects.create(
        report=report, kind=ReportStep.Kind.DRAFTED, by=owner
    )
    for model, obj in (("reportrevision", revision), ("reportstep", step)):
        change = reverse(f"admin:reporting_{model}_change", args=[obj.pk])
        assert admin_client.get(change).status_code == 200  # viewable
        assert admin_client.post(change, {}).status_code == 403
        delete = reverse(f"admin:reporting_{model}_delete", args=[obj.pk])
        assert admin_client.post(delete, {"post": "yes"}).status_code == 403
        listing = reverse(f"admin:reporting_{model}_changelist")
        bulk = admin_client.post(
            listing, {"action": "delete_selected", "_selected_action": [obj.pk]}
        )
        assert bulk.status_code in {200, 302, 403}
    assert ReportRevision.objects.filter(pk=revision.pk).exists()
    assert ReportStep.objects.filter(pk=step.pk).exists()


def test_the_support_unit_has_an_audit_log_link_in_the_header(client, support, owner):
    client.force_login(support)
    link = f'href="{reverse("audit:log")}"'
    assert link in client.get(reverse("home")).content.decode()
    client.force_login(owner)
    assert link not in client.get(reverse("home")).content.decode()
