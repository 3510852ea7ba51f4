"""A report's file is read by the worker, its page shows the progress, then the review
(issue 15); only its uploader ever sees it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from casework.imports.models import ImportJob
from casework.reporting.imports import template_xlsx
from casework.reporting.tests.factories import answers, make_report

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks):
    def send(report, name="2025.xlsx", content=None):
        if content is None:
            content = template_xlsx(answers(), language="fr")
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(
                reverse("reporting:import", args=[report.pk]),
                {"file": SimpleUploadedFile(name, content)},
            )

    return send


def test_the_web_request_stores_the_file_and_never_reads_it(
    client, owner, upload, monkeypatch, run_queued_tasks
):
    def not_here(*args, **kwargs):
        raise AssertionError("the file was read in the web request")

    report = make_report(answers={})
    client.force_login(owner)
    with monkeypatch.context() as patched:
        patched.setattr("casework.reporting.import_jobs.read_upload", not_here)
        response = upload(report)
        job = ImportJob.objects.get()
        assert response["Location"] == reverse("reporting:import_job", args=[job.pk])
        # Waiting for the worker: the page says so and its bar polls.
        page = client.get(response["Location"])
        assert page.status_code == 200
        body = page.content.decode()
        assert "<progress" in body and 'hx-trigger="every 2s"' in body
        assert "Reading 2025.xlsx" in body
        poll = client.get(response["Location"], HTTP_HX_REQUEST="true")
        assert b"<progress" in poll.content and b"<html" not in poll.content
    assert job.status == "queued" and job.result == {}
    assert Path(job.stored_path).read_bytes()[:2] == b"PK"
    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == "ready" and job.progress == 100
    assert job.result["answers"]["A"]["measures"].startswith("Loi 2001-05")
    # The polling page reloads itself to show the review.
    done = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"
    review = client.get(response["Location"]).content.decode()
    assert 'value="A.measures"' in review and f'name="job" value="{job.pk}"' in review
    report.refresh_from_db()
    assert report.answers == {}  # nothing is saved before the review


def test_answers_are_taken_over_once(client, owner, upload, run_queued_tasks):
    report = make_report(answers={})
    client.force_login(owner)
    upload(report)
    run_queued_tasks()
    job = ImportJob.objects.get()
    path = Path(job.stored_path)
    apply = reverse("reporting:import_apply", args=[report.pk])
    first = client.post(apply, {"job": job.pk, "take": ["A.measures"]})
    assert first["Location"] == reverse("reporting:edit", args=[report.pk])
    job.refresh_from_db()
    assert job.status == "done" and not path.exists()
    report.refresh_from_db()
    revision = report.revision
    assert report.answers["A"]["measures"].startswith("Loi 2001-05")
    again = client.post(apply, {"job": job.pk, "take": ["A.measures"]})
    assert again["Location"] == reverse("reporting:import", args=[report.pk])
    shown = [str(m) for m in get_messages(again.wsgi_request)]
    assert any("upload the file again" in m for m in shown)
    report.refresh_from_db()
    assert report.revision == revision


def test_an_unreadable_file_fails_on_its_page_and_can_be_uploaded_anew(
    client, owner, upload, run_queued_tasks
):
    report = make_report(answers={})
    client.force_login(owner)
    response = upload(report, "broken.xlsx", b"PK\x03\x04 not really a workbook")
    run_queued_tasks()
    job = ImportJob.objects.get()
    assert job.status == "failed" and "broken.xlsx" in job.message
    body = client.get(response["Location"]).content.decode()
    assert 'role="alert"' in body and "broken.xlsx" in body
    assert reverse("reporting:import", args=[report.pk]) in body  # what next
    assert Path(job.stored_path).exists()  # the upload is kept
    # The import page lists it until it is taken over.
    listed = client.get(reverse("reporting:import", args=[report.pk])).content.decode()
    assert reverse("reporting:import_job", args=[job.pk]) in listed
    report.refresh_from_db()
    assert report.answers == {}


def test_a_crashed_read_is_read_again_from_the_kept_file(
    client,
    owner,
    upload,
    run_queued_tasks,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    report = make_report(answers={})
    client.force_login(owner)
    with monkeypatch.context() as patched:
        patched.setattr(
            "casework.reporting.import_jobs.read_upload",
            lambda *a, **k: {}["missing"],
        )
        response = upload(report)
        run_queued_tasks()
    job = ImportJob.objects.get()
    assert job.status == "failed" and "try again" in job.message
    page = client.get(response["Location"]).content.decode()
    assert 'name="action" value="retry"' in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {"action": "retry"})
    run_queued_tasks()
    job.refresh_from_db()
    assert job.status == "ready" and job.message == ""


def test_the_worker_writes_messages_in_the_uploaders_language(
    client, owner, upload, run_queued_tasks, settings
):
    from casework.reporting.imports import UnreadableFile, read_upload

    broken = b"PK\x03\x04 not really a workbook"
    said = {}
    for language in ("fr", "en"):
        with translation.override(language), pytest.raises(UnreadableFile) as error:
            read_upload("abime.xlsx", broken)
        said[language] = str(error.value)
    assert said["fr"] != said["en"]
    report = make_report(answers={})
    client.force_login(owner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    upload(report, "abime.xlsx", broken)
    with translation.override("en"):
        run_queued_tasks()
    job = ImportJob.objects.get()
    assert job.language == "fr"
    assert job.message == said["fr"]


def test_only_the_uploader_sees_the_job_and_takes_its_answers(
    client, owner, colleague, outsider, support, upload, run_queued_tasks
):
    report = make_report(answers={})
    client.force_login(owner)
    upload(report)
    run_queued_tasks()
    job = ImportJob.objects.get()
    url = reverse("reporting:import_job", args=[job.pk])
    apply = reverse("reporting:import_apply", args=[report.pk])
    client.logout()
    anonymous = client.get(url)
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]
    for other in (colleague, outsider, support):
        client.force_login(other)
        page = client.get(url)
        assert page.status_code == 404, other
        assert b"Loi 2001-05" not in page.content
        assert client.post(url, {"action": "retry"}).status_code == 404
        client.post(apply, {"job": job.pk, "take": ["A.measures"]})
    report.refresh_from_db()
    assert report.answers == {}  # a colleague cannot apply the owner's job
    job.refresh_from_db()
    assert job.status == "ready"


def test_a_file_of_another_kind_is_refused_before_storing(client, owner, upload):
    report = make_report(answers={})
    client.force_login(owner)
    response = upload(report, "notes.pdf", b"%PDF-1.4")
    assert response["Location"] == reverse("reporting:import", args=[report.pk])
    shown = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("notes.pdf" in m and ".docx" in m for m in shown)
    assert not ImportJob.objects.exists()
