import pytest
from django.urls import reverse

from casework.documents.models import AnalysisRun, Document, StoredOriginal
from casework.findings import services
from casework.findings.models import AuditEntry, Finding
from casework.states.models import StateParty

pytestmark = pytest.mark.django_db

PAGE = (
    "Le Sénégal a consacré un budget national aux opérations.\n"
    "Une plateforme nationale réunit chaque année les donateurs et les opérateurs."
)


@pytest.fixture
def document(owner):
    original = StoredOriginal.objects.create(sha256="a" * 64, size=10, extension=".txt")
    document = Document.objects.create(
        state=StateParty.objects.get(iso3="SEN"),
        kind="article7_report",
        year=2025,
        filename="r.txt",
        original=original,
        uploaded_by=owner,
        text=PAGE,
        pages=1,
    )
    run = AnalysisRun.objects.create(document=document, status="done")
    services.sync_findings(
        document,
        run=run,
        indicators={
            "national_resources": {
                "present": True,
                "score": 0.9,
                "evidence": [
                    {
                        "page": 1,
                        "text": "Le Sénégal a consacré un budget national aux opérations.",
                    }
                ],
            },
            "challenges": {"present": False, "score": 0.0, "evidence": []},
        },
    )
    return document


def test_accept_reject_correct_are_audited(document, support):
    finding = document.findings.get()
    services.review(finding, support, decision="accepted", comment="ok")
    assert finding.reported is True
    services.review(finding, support, decision="rejected", comment="non")
    assert finding.reported is False
    services.review(
        finding,
        support,
        decision="corrected",
        comment="page",
        corrected_present=True,
        corrected_evidence=[{"page": 1, "text": "un budget national aux opérations"}],
    )
    assert finding.reported is True and finding.shown_evidence[0]["text"].startswith(
        "un budget"
    )
    entries = finding.audit.filter(action=AuditEntry.Action.REVIEWED)
    assert entries.count() == 3
    assert (
        entries.first().user == support
        and entries.first().before["decision"] == "rejected"
    )


def test_reviewer_adds_a_missed_finding_pointing_at_a_passage(document, support):
    finding = services.add_finding(
        document,
        support,
        indicator="national_platform",
        page=1,
        passage="Une plateforme nationale réunit chaque année les donateurs",
        comment="manqué",
    )
    assert finding.source == Finding.Source.REVIEWER and finding.reported is True
    with pytest.raises(services.ReviewError):
        services.add_finding(
            document,
            support,
            indicator="costed_plan",
            page=1,
            passage="texte inventé",
            comment="",
        )


def test_reanalysis_keeps_decisions_and_marks_vanished_findings(document, support):
    finding = document.findings.get()
    services.review(finding, support, decision="accepted", comment="ok")
    run = AnalysisRun.objects.create(document=document, status="done")
    services.sync_findings(
        document,
        run=run,
        indicators={
            "national_resources": {"present": False, "score": 0.0, "evidence": []}
        },
    )
    finding.refresh_from_db()
    assert finding.decision == "accepted" and not finding.in_latest_run


def test_review_page_and_htmx_decision(client, document, support):
    finding = document.findings.get()
    client.force_login(support)
    page = client.get(reverse("findings:document", args=[document.pk])).content.decode()
    assert (
        "<mark>Le Sénégal a consacré un budget national aux opérations.</mark>" in page
    )
    response = client.post(
        reverse("findings:review", args=[finding.pk]),
        {"decision": "rejected", "comment": "trop vague"},
        HTTP_HX_REQUEST="true",
    )
    assert 'data-decision="rejected"' in response.content.decode()


def test_focal_point_sees_own_findings_but_cannot_review(client, document, owner):
    finding = document.findings.get()
    client.force_login(owner)
    assert (
        client.get(reverse("findings:document", args=[document.pk])).status_code == 200
    )
    response = client.post(
        reverse("findings:review", args=[finding.pk]), {"decision": "accepted"}
    )
    assert response.status_code == 403


def test_outsiders_cannot_see_or_review_findings(client, document, outsider):
    finding = document.findings.get()
    url = reverse("findings:document", args=[document.pk])
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    # Reviewing is for reviewers: 403 before the finding is even looked up, so the
    # answer is the same whether or not it exists.
    for pk in (finding.pk, finding.pk + 1000):
        assert (
            client.post(
                reverse("findings:review", args=[pk]), {"decision": "accepted"}
            ).status_code
            == 403
        )
    assert client.post(reverse("findings:add", args=[document.pk])).status_code == 403
    assert client.get(reverse("findings:coverage")).status_code == 403


def test_coverage_view_charts_and_csv(
    client, document, support, django_assert_max_num_queries
):
    services.review(document.findings.get(), support, decision="accepted")
    client.force_login(support)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("findings:coverage")).content.decode()
    assert "<svg" in page and "National resources" in page
    csv = client.get(reverse("findings:coverage") + "?download=year").content.decode()
    assert "2025,national_resources,1,1,1.000" in csv


def test_french_review_page_writes_numbers_dates_and_decisions_in_french(
    client, document, support
):
    import datetime as dt

    from django.utils import timezone

    finding = document.findings.get()
    services.review(finding, support, decision="accepted", comment="ok")
    AuditEntry.objects.filter(finding=finding).update(
        created_at=timezone.make_aware(dt.datetime(2025, 12, 1, 14, 5))
    )
    client.force_login(support)
    page = client.get(
        reverse("findings:document", args=[document.pk]),
        HTTP_ACCEPT_LANGUAGE="fr",
    ).content.decode()
    assert "score 0,90" in page
    assert "1er décembre 2025, 14:05" in page
    assert ": Accepté" in page
    assert ": accepted" not in page


def test_a_finding_on_a_code_no_longer_in_the_checklist_does_not_break_the_page(
    client, document, support
):
    Finding.objects.filter(document=document).update(indicator="retired_code")
    client.force_login(support)
    response = client.get(reverse("findings:document", args=[document.pk]))
    assert response.status_code == 200
    assert "retired_code" in response.content.decode()


def test_coverage_chart_in_french_writes_percentages_and_numbers_in_french(
    client, document, support
):
    from django.utils import translation

    from casework.findings import charts
    from casework.findings.coverage import Series

    series = [Series("2025", "2025", 1200, {"national_resources": 1100})]
    with translation.override("fr"):
        svg = charts.grouped_bars(series, title="Couverture")
    assert "50\u00a0%" in svg and "100\u00a0%" in svg
    assert "1\u00a0100/1\u00a0200" in svg and "(n=1\u00a0200)" in svg
    assert "Ressources nationales" in svg
    with translation.override("en"):
        assert "1,100/1,200" in charts.grouped_bars(series, title="Coverage")


def _verdicts(**passages):
    return {
        code: {"present": True, "score": 0.5, "evidence": [{"page": 1, "text": text}]}
        for code, text in passages.items()
    }


@pytest.mark.parametrize("in_admin", [False, True])
def test_sync_writes_findings_their_audit_index_and_data_version(
    document, support, in_admin
):
    """New findings go in in bulk outside an admin request (one save each inside one,
    whose audit trail records every save): either way each finding is audited once
    per change of its evidence, indexed for search and changes the findings' stamp."""
    from casework.audit.middleware import admin_actor
    from casework.audit.models import AuditEntry as AuditLog
    from casework.search.models import SearchEntry
    from casework.web import versions

    stamp = versions.stamp("findings")
    logged = AuditLog.objects.count()
    token = admin_actor.set(support if in_admin else None)
    try:
        run = AnalysisRun.objects.create(document=document, status="done")
        reported = services.sync_findings(
            document,
            run=run,
            indicators=_verdicts(
                national_resources="Le Sénégal a consacré un budget national.",
                national_platform="Une plateforme nationale réunit les donateurs.",
                challenges="Une plateforme nationale réunit les donateurs.",
            ),
        )
    finally:
        admin_actor.reset(token)
    assert reported == 3
    findings = {f.indicator: f for f in document.findings.all()}
    assert set(findings) == {"national_resources", "national_platform", "challenges"}
    assert all(f.run_id == run.pk and f.in_latest_run for f in findings.values())
    # national_resources: created by the fixture, its evidence changed now (2 entries)
    counts = {
        code: AuditEntry.objects.filter(finding=f, action="analysed").count()
        for code, f in findings.items()
    }
    assert counts == {"national_resources": 2, "national_platform": 1, "challenges": 1}
    new = AuditEntry.objects.get(finding=findings["challenges"])
    assert new.before == {} and new.after["evidence"][0]["text"].startswith("Une")
    indexed = set(
        SearchEntry.objects.filter(kind="finding").values_list("object_id", flat=True)
    )
    assert indexed == {f.pk for f in findings.values()}
    assert versions.stamp("findings") != stamp
    # In an admin request every save is in the admin audit log (2 findings created,
    # 1 changed, their 3 audit entries); outside one nothing is.
    assert (AuditLog.objects.count() > logged) is in_admin
