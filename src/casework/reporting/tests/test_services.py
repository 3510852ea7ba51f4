import datetime as dt

import pytest
import time_machine
from django.utils import translation

from casework.compliance.services import ON_TIME, tracker
from casework.documents.models import Document
from casework.findings.models import Finding
from casework.observations.models import Observation
from casework.reporting import services
from casework.reporting.models import Report
from casework.reporting.tests.factories import answers, make_report
from casework.reporting.validation import validate
from casework.states.models import StateParty

pytestmark = pytest.mark.django_db


def test_start_from_last_year_copies_answers_but_not_the_date(owner):
    last = make_report(year=2025, status=Report.Status.SUBMITTED)
    report = services.start_report(
        last.state, 2026, user=owner, language="fr", from_last_year=True
    )
    assert report.started_from == last
    assert report.answers["A"] == last.answers["A"]
    assert report.answers["COVER"]["report_date"] == ""
    assert report.revisions.count() == 1
    again = services.start_report(
        last.state, 2026, user=owner, language="fr", from_last_year=False
    )
    assert again == report


def test_unchanged_form_carries_the_previous_content_and_year(owner):
    make_report(year=2024, status=Report.Status.SUBMITTED)
    sen = StateParty.objects.get(iso3="SEN")
    report = services.start_report(
        sen, 2026, user=owner, language="en", from_last_year=False
    )
    posted_b = {"stockpiles": [], "notes": "typed over, ignored"}
    report = services.save_draft(
        report,
        user=owner,
        answers={"B": posted_b},
        flags={"B": "unchanged"},
        revision=report.revision,
    )
    assert report.flags["B"] == "unchanged"
    assert report.unchanged_since["B"] == 2024
    assert report.answers["B"]["notes"] == "Aucun stock de mines antipersonnel."
    report = services.save_draft(
        report, user=owner, answers={}, flags={"B": ""}, revision=report.revision
    )
    assert "B" not in report.flags and "B" not in report.unchanged_since


def test_unchanged_since_follows_a_chain_of_unchanged_reports(owner):
    make_report(year=2024, status=Report.Status.SUBMITTED)
    make_report(
        year=2025,
        status=Report.Status.SUBMITTED,
        flags={"E": "unchanged"},
        unchanged_since={"E": 2024},
    )
    sen = StateParty.objects.get(iso3="SEN")
    report = services.start_report(
        sen, 2026, user=owner, language="en", from_last_year=True
    )
    assert report.unchanged_since == {"E": 2024}


def test_every_save_is_kept_and_a_stale_page_from_someone_else_is_refused(
    owner, colleague
):
    report = make_report(answers={})
    report = services.save_draft(
        report, user=owner, answers={"A": {"measures": "x"}}, flags={}, revision=0
    )
    report = services.save_draft(
        report, user=owner, answers={"A": {"measures": "xy"}}, flags={}, revision=1
    )
    assert report.revision == 2
    assert report.revisions.count() == 1  # same person within two minutes: one revision
    report = services.save_draft(
        report, user=colleague, answers={"A": {"measures": "z"}}, flags={}, revision=2
    )
    assert report.revisions.count() == 2
    with pytest.raises(services.StaleDraft):
        services.save_draft(
            report, user=owner, answers={"A": {"measures": "old"}}, flags={}, revision=2
        )
    assert Report.objects.get(pk=report.pk).answers["A"]["measures"] == "z"


def test_validation_speaks_the_users_language_field_by_field():
    data = answers()
    data["J"]["needs"] = [{"kind": "Déminage", "amount": "abc", "currency": ""}]
    data["COVER"]["contact_email"] = "pas-une-adresse"
    data["A"] = {"measures": ""}
    report = make_report(answers=data)
    with translation.override("fr"):
        issues = validate(report)
    fields = {(i.form, i.field) for i in issues}
    assert {
        ("COVER", "COVER.contact_email"),
        ("J", "J.needs.0.amount"),
        ("A", ""),
    } <= fields
    assert ("J", "J.needs.0.currency") in fields  # an amount needs a currency


def test_only_a_second_focal_point_clears(owner, colleague, outsider):
    report = make_report(created_by=owner)
    report = services.request_clearance(report, user=owner)
    with pytest.raises(services.ReportError):
        services.clear(report, user=owner)
    with pytest.raises(services.ReportError):
        services.clear(report, user=outsider)
    report = services.clear(report, user=colleague)
    assert report.status == Report.Status.CLEARED and report.cleared_by == colleague


def test_an_incomplete_report_cannot_go_to_clearance(owner):
    report = make_report(answers={})
    with pytest.raises(services.ReportError):
        services.request_clearance(report, user=owner)


@time_machine.travel(dt.datetime(2026, 4, 10, 10, 0, tzinfo=dt.UTC), tick=False)
def test_submission_files_a_document_findings_compliance_and_observations(
    owner, colleague, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    report = make_report()
    services.request_clearance(report, user=owner)
    services.clear(report, user=colleague)
    report = services.submit(Report.objects.get(pk=report.pk), user=owner)
    assert report.status == Report.Status.SUBMITTED
    assert report.submitted_at.date() == dt.date(2026, 4, 10)

    document = report.document
    assert document.kind == Document.Kind.ARTICLE7_REPORT
    assert document.original.path.exists()
    findings = {f.indicator: f for f in Finding.objects.filter(document=document)}
    assert {
        "challenges",
        "national_resources",
        "resource_mobilisation",
        "national_platform",
        "individualised_approach",
        "gender_diversity",
        "costed_plan",
    } <= set(findings)
    assert "assistance_received" not in findings  # the table was left empty
    platform = findings["national_platform"]
    assert platform.decision == Finding.Decision.ACCEPTED
    fields = {e["field"] for e in platform.evidence}
    assert "form_j.platform_participants" in fields
    item = next(
        e for e in platform.evidence if e["field"] == "form_j.platform_participants"
    )
    assert item["text"] == "Autorité nationale, bailleurs, opérateurs"
    assert item["rule"] == "form"
    assert item["text"] in " ".join(document.page_texts()[item["page"] - 1].split())

    row = next(
        r for r in tracker(2026, today=dt.date(2026, 5, 2)) if r.state.iso3 == "SEN"
    )
    assert row.status == ON_TIME
    observation = Observation.objects.get(state=report.state, year=2026)
    assert "national_platform" in observation.reported_codes

    correction = services.correct(report, user=owner)
    assert correction.version == 2 and correction.status == Report.Status.DRAFT
    assert Report.objects.get(pk=report.pk).status == Report.Status.SUBMITTED
    with pytest.raises(services.ReportError):
        services.correct(report, user=owner)  # only the latest version is corrected
