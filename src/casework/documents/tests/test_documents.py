import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from casework.documents import services
from casework.documents.models import AnalysisRun, Document, StoredOriginal
from casework.documents.sample_files import FRENCH_REPORT, make_pdf
from casework.documents.storage import verify_original
from casework.findings.models import Finding
from casework.states.models import StateParty

pytestmark = pytest.mark.django_db

PASSWORD = "a-Long-pass-phrase-42"


PDF = make_pdf(FRENCH_REPORT)


def _pdf(name="rapport.pdf"):
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def _upload(user, files, *, iso3="SEN", kind="article7_report", year=2025):
    return services.upload_documents(
        files, state=StateParty.objects.get(iso3=iso3), kind=kind, year=year, user=user
    )


def test_original_is_stored_once_by_sha256_and_read_only(
    owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        first = _upload(owner, [_pdf()])[0]
        again = _upload(owner, [_pdf("copy.pdf")], kind="other")[0]
    original = first.document.original
    assert original.path.name == f"{original.sha256}.pdf"
    assert original.path.stat().st_mode & 0o222 == 0
    assert again.document.original == original and not again.new_original
    assert StoredOriginal.objects.count() == 1 and Document.objects.count() == 2
    same = _upload(owner, [_pdf()])[0]
    assert not same.created and same.document == first.document


def test_worker_analyses_upload_into_findings_with_evidence(
    owner, run_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        document = _upload(owner, [_pdf()])[0].document
    run_worker()
    run = document.runs.get()
    assert run.status in {AnalysisRun.Status.DONE, AnalysisRun.Status.PARTIAL}
    document.refresh_from_db()
    assert document.language == "fr" and document.pages == 1
    codes = set(document.findings.values_list("indicator", flat=True))
    assert {"national_resources", "gender_diversity", "challenges"} <= codes
    finding = document.findings.get(indicator="gender_diversity")
    assert finding.evidence[0]["page"] == 1
    assert "femmes" in finding.evidence[0]["text"]
    assert verify_original(document.original)
    assert document.state.article7_submissions.get(year=2025).source == "upload"


def test_killed_worker_run_is_requeued_and_finished(
    owner, run_worker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        document = _upload(owner, [_pdf()])[0].document
    run = document.runs.get()
    # A worker claimed the run and died: the lease expires with the run still "running".
    assert services.claim_run(run.pk) is not None
    AnalysisRun.objects.filter(pk=run.pk).update(
        lease_expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    with django_capture_on_commit_callbacks(execute=True):
        assert services.requeue_stale_runs() == 1
    run.refresh_from_db()
    assert run.status == AnalysisRun.Status.QUEUED
    run_worker()
    run.refresh_from_db()
    assert run.status in {AnalysisRun.Status.DONE, AnalysisRun.Status.PARTIAL}
    assert run.attempts == 2
    assert verify_original(document.original)


def test_claim_is_exclusive(owner, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        document = _upload(owner, [_pdf()])[0].document
    run = document.runs.get()
    assert services.claim_run(run.pk) is not None
    assert services.claim_run(run.pk) is None


def test_failure_shows_analyser_message_and_retry(
    client, owner, run_worker, django_capture_on_commit_callbacks
):
    broken = SimpleUploadedFile("broken.pdf", b"%PDF-1.4 this is not really a pdf")
    with django_capture_on_commit_callbacks(execute=True):
        document = _upload(owner, [broken])[0].document
    run_worker()
    run = document.runs.get()
    assert run.status == AnalysisRun.Status.FAILED
    assert "broken.pdf" in run.message
    client.force_login(owner)
    page = client.get(reverse("documents:detail", args=[document.pk])).content.decode()
    assert run.message.split(";")[0] in page.replace("&#x27;", "'")
    assert "Retry" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("documents:analyse", args=[document.pk]))
    assert document.runs.count() == 2


def test_reanalysis_keeps_review_decisions(
    owner, support, run_worker, django_capture_on_commit_callbacks
):
    from casework.findings.services import review

    with django_capture_on_commit_callbacks(execute=True):
        document = _upload(owner, [_pdf()])[0].document
    run_worker()
    finding = document.findings.get(indicator="gender_diversity")
    review(finding, support, decision="rejected", comment="not about the State")
    with django_capture_on_commit_callbacks(execute=True):
        services.queue_analysis(document)
    run_worker()
    finding.refresh_from_db()
    assert finding.decision == Finding.Decision.REJECTED
    assert finding.comment == "not about the State"
    assert document.runs.count() == 2


def test_upload_page_through_the_form(
    client, owner, django_capture_on_commit_callbacks
):
    client.force_login(owner)
    state = StateParty.objects.get(iso3="SEN")
    with django_capture_on_commit_callbacks(execute=False):
        response = client.post(
            reverse("documents:upload"),
            {
                "files": [
                    _pdf("a.pdf"),
                    SimpleUploadedFile("b.txt", b"Texte du rapport."),
                ],
                "state": state.pk,
                "kind": "article7_report",
                "year": 2025,
            },
        )
    assert response.status_code == 302
    assert Document.objects.filter(state=state).count() == 2


def test_focal_point_cannot_upload_for_another_state(client, outsider):
    client.force_login(outsider)
    sen = StateParty.objects.get(iso3="SEN")
    response = client.post(
        reverse("documents:upload"),
        {"files": [_pdf()], "state": sen.pk, "kind": "other", "year": 2025},
    )
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_outsiders_cannot_see_documents(
    client, owner, outsider, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        document = _upload(owner, [_pdf()])[0].document
    url = reverse("documents:detail", args=[document.pk])
    assert client.get(url).status_code == 302
    assert client.get(reverse("documents:list")).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert (
        client.post(reverse("documents:analyse", args=[document.pk])).status_code == 404
    )
    assert (
        document.filename not in client.get(reverse("documents:list")).content.decode()
    )


def test_document_list_queries_are_bounded(
    client,
    support,
    owner,
    django_assert_max_num_queries,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=False):
        for i in range(5):
            _upload(owner, [SimpleUploadedFile(f"r{i}.txt", f"Rapport {i}".encode())])
    client.force_login(support)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("documents:list")).status_code == 200


def test_document_pages_follow_the_rules(
    client, owner, committee_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        document = _upload(owner, [_pdf()])[0].document
    client.force_login(owner)
    listing = client.get(reverse("documents:list")).content.decode()
    assert reverse("findings:coverage") not in listing  # focal points get 403 there
    client.force_login(committee_member)
    listing = client.get(reverse("documents:list")).content.decode()
    assert reverse("findings:coverage") in listing
    assert client.get(reverse("documents:upload")).status_code == 403
    detail = client.get(
        reverse("documents:detail", args=[document.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    )
    assert detail.status_code == 200
