"""Extension templates are read and saved by the worker, all or nothing (issue 15)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from casework.extensions.demo import COMPLETE, WITH_GAPS, load_demo
from casework.extensions.models import ExtensionRequest
from casework.extensions.template_io import filled_template_xlsx
from casework.imports.models import ImportJob

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files(settings, tmp_path):
    settings.DATA_DIR = tmp_path


@pytest.fixture
def send(client, django_capture_on_commit_callbacks):
    def post(url, data, name="request.xlsx"):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, {"file": SimpleUploadedFile(name, data)})

    return post


def test_a_new_request_is_created_by_the_worker(
    client, support, send, monkeypatch, run_queued_tasks
):
    def not_here(*args, **kwargs):
        raise AssertionError("the template was read in the web request")

    client.force_login(support)
    data = filled_template_xlsx(*COMPLETE)
    with monkeypatch.context() as patched:
        patched.setattr("casework.extensions.import_jobs.read_template", not_here)
        response = send(reverse("extensions:import"), data)
        job = ImportJob.objects.get()
        assert response["Location"] == reverse("extensions:import_job", args=[job.pk])
        waiting = client.get(response["Location"]).content.decode()
        assert "<progress" in waiting and "hx-get" in waiting
    assert not ExtensionRequest.objects.exists()
    path = Path(job.stored_path)
    assert path.exists()
    run_queued_tasks()
    created = ExtensionRequest.objects.get()
    assert created.reference == "DEMO-EXT-A" and created.budget_years.exists()
    job.refresh_from_db()
    assert job.status == "done" and job.result == {"request": created.pk}
    assert not path.exists()  # imported: the stored file is let go
    assert client.get(response["Location"], HTTP_HX_REQUEST="true")["HX-Refresh"]
    done = client.get(response["Location"])
    assert done["Location"] == reverse("extensions:detail", args=[created.pk])


def test_cell_errors_are_shown_and_nothing_is_saved(
    client, support, send, run_queued_tasks
):
    client.force_login(support)
    fields, tables = COMPLETE
    bad = dict(tables, Budget=[(2027, "lots", 1, 1, 1, "US")])
    response = send(reverse("extensions:import"), filled_template_xlsx(fields, bad))
    run_queued_tasks()
    job = ImportJob.objects.get()
    assert job.status == "failed" and "request.xlsx" in job.message
    body = client.get(response["Location"]).content.decode()
    assert "Budget!B2:" in body and "not an amount" in body
    assert 'action="/extensions/import/"' in body  # upload the corrected file
    assert not ExtensionRequest.objects.exists()
    assert Path(job.stored_path).exists()


def test_a_failure_while_saving_leaves_no_half_request(
    client, support, send, run_queued_tasks, monkeypatch
):
    def broken(request):
        raise RuntimeError("comments could not be drafted")

    client.force_login(support)
    monkeypatch.setattr("casework.extensions.services.refresh_comments", broken)
    response = send(reverse("extensions:import"), filled_template_xlsx(*COMPLETE))
    run_queued_tasks()
    job = ImportJob.objects.get()
    assert job.status == "failed"
    assert "request.xlsx could not be read" in job.message
    assert "Nothing was saved" in job.message
    assert not ExtensionRequest.objects.exists()  # rows of its tables neither
    assert Path(job.stored_path).exists()
    assert b"Nothing was saved" in client.get(response["Location"]).content


def test_a_reimport_replaces_the_values_and_makes_edit_pages_stale(
    client, support, send, run_queued_tasks
):
    load_demo()
    gaps = ExtensionRequest.objects.get(reference="DEMO-EXT-B")
    version = gaps.version
    client.force_login(support)
    fields, tables = WITH_GAPS
    data = filled_template_xlsx(dict(fields, total_cost=31_000_000), tables)
    response = send(reverse("extensions:reimport", args=[gaps.pk]), data)
    job = ImportJob.objects.get()
    assert job.extension == gaps
    gaps.refresh_from_db()
    assert gaps.total_cost == 30_000_000  # not before the worker
    run_queued_tasks()
    gaps.refresh_from_db()
    assert gaps.total_cost == 31_000_000 and gaps.version == version + 1
    assert ExtensionRequest.objects.count() == 2
    done = client.get(response["Location"])
    assert done["Location"] == reverse("extensions:detail", args=[gaps.pk])


def test_a_reimport_for_another_state_is_refused(
    client, support, send, run_queued_tasks
):
    load_demo()
    gaps = ExtensionRequest.objects.get(reference="DEMO-EXT-B")
    client.force_login(support)
    response = send(
        reverse("extensions:reimport", args=[gaps.pk]),
        filled_template_xlsx(*COMPLETE),  # Senegal's request, not Tajikistan's
    )
    run_queued_tasks()
    gaps.refresh_from_db()
    assert gaps.reference == "DEMO-EXT-B"
    body = client.get(response["Location"]).content.decode()
    assert "this request is for TJK" in body
    assert f'action="/extensions/{gaps.pk}/import/"' in body


def test_only_the_uploader_opens_the_job(
    client, support, committee_member, owner, send, run_queued_tasks
):
    client.force_login(support)
    fields, tables = COMPLETE
    bad = dict(tables, Budget=[(2027, "lots", 1, 1, 1, "US")])
    response = send(reverse("extensions:import"), filled_template_xlsx(fields, bad))
    run_queued_tasks()
    url = response["Location"]
    client.logout()
    assert client.get(url)["Location"].startswith("/accounts/login/")
    client.force_login(committee_member)  # an editor, but not the uploader
    assert client.get(url).status_code == 404
    assert client.post(url, {"action": "retry"}).status_code == 404
    client.force_login(owner)  # a focal point: not an editor of requests
    assert client.get(url).status_code == 403
    client.force_login(support)
    assert client.get(url).status_code == 200


def test_an_invalid_upload_is_refused_before_anything_is_stored(client, support, send):
    client.force_login(support)
    response = send(reverse("extensions:import"), b"%PDF-1.4", name="request.pdf")
    assert response.status_code == 400
    assert "Upload the template as .xlsx or .csv." in response.content.decode()
    assert not ImportJob.objects.exists()
