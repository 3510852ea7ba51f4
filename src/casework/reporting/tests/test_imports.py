import pytest

from casework.exports.docx import render_docx
from casework.reporting.imports import UnreadableFile, read_upload, template_xlsx
from casework.reporting.layout import report_spec
from casework.reporting.tests.factories import answers, make_report

pytestmark = pytest.mark.django_db


def _filled(data):
    return {
        code: {k: v for k, v in values.items() if v}
        for code, values in data.items()
        if any(values.values())
    }


def _full_answers():
    data = answers()
    data["J"]["assistance_received"] = [
        {
            "donor": "Japon",
            "amount": "250000",
            "currency": "USD",
            "year": "2025",
            "purpose": "Déminage",
        }
    ]
    return data


def test_the_xlsx_template_reads_back_every_answer():
    data = _full_answers()
    proposal = read_upload("last-year.xlsx", template_xlsx(data, language="fr"))
    assert _filled(proposal.answers) == _filled(data)
    assert proposal.unrecognised == []


def test_the_exported_docx_reads_back_every_answer():
    data = _full_answers()
    report = make_report(answers=data, language="en")
    proposal = read_upload("report.docx", render_docx(report_spec(report)))
    assert _filled(proposal.answers) == _filled(data)


def test_other_files_are_refused_with_a_reason():
    with pytest.raises(UnreadableFile):
        read_upload("report.pdf", b"%PDF")
    with pytest.raises(UnreadableFile):
        read_upload("report.xlsx", b"not a workbook")


def test_upload_review_and_apply_an_xlsx(
    client,
    owner,
    settings,
    tmp_path,
    run_queued_tasks,
    django_capture_on_commit_callbacks,
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    from casework.imports.models import ImportJob

    settings.DATA_DIR = tmp_path
    report = make_report(answers={})
    client.force_login(owner)
    file = SimpleUploadedFile(
        "2025.xlsx", template_xlsx(_full_answers(), language="fr")
    )
    with django_capture_on_commit_callbacks(execute=True):
        uploaded = client.post(
            reverse("reporting:import", args=[report.pk]), {"file": file}
        )
    job = ImportJob.objects.get()
    assert uploaded["Location"] == reverse("reporting:import_job", args=[job.pk])
    assert job.status == "queued" and job.result == {}  # not read in the request
    run_queued_tasks()  # the worker reads it
    review = client.get(uploaded["Location"])
    assert review.status_code == 200
    assert 'value="J.assistance_received"' in review.content.decode()
    response = client.post(
        reverse("reporting:import_apply", args=[report.pk]),
        {"job": job.pk, "take": ["J.assistance_received", "A.measures"]},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.answers["J"]["assistance_received"][0]["donor"] == "Japon"
    assert report.answers["A"]["measures"].startswith("Loi 2001-05")
    assert "COVER" not in report.answers  # not ticked, not taken


def test_outsider_cannot_import_into_the_draft(client, outsider):
    from django.urls import reverse

    report = make_report()
    client.force_login(outsider)
    assert client.get(reverse("reporting:import", args=[report.pk])).status_code == 404
    assert (
        client.post(reverse("reporting:import_apply", args=[report.pk])).status_code
        == 404
    )
    assert (
        client.get(reverse("reporting:filled_template", args=[report.pk])).status_code
        == 404
    )
