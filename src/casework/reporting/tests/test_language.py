"""The language of a report: chosen when it is started (default: the profile's, not
the interface's), changed later, and the language of its exports' labels (issue 14)."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from casework.exports.readback import docx_text, pdf_text
from casework.reporting import services
from casework.reporting.models import Report, ReportStep
from casework.reporting.tests.factories import answers, make_report

pytestmark = pytest.mark.django_db
ENGLISH = {"HTTP_ACCEPT_LANGUAGE": "en"}


def start(client, user, **data):
    client.force_login(user)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("reporting:start"),
        {"year": 2026, "from_last_year": "0", **data},
        **ENGLISH,
    )
    assert response.status_code == 302
    return Report.objects.get(state__iso3="SEN", year=2026)


def test_a_french_report_started_from_an_english_interface_exports_french_labels(
    client, owner
):
    report = start(client, owner, language="fr")
    assert report.language == "fr"
    Report.objects.filter(pk=report.pk).update(answers=answers())

    detail = client.get(reverse("reporting:detail", args=[report.pk]), **ENGLISH)
    html = detail.content.decode()
    assert "Language of the report:" in html  # the interface stays English
    first = html.index("/report/fr.pdf")
    assert first < html.index("/report/en.pdf")  # the report's language comes first

    moved = client.get(reverse("reporting:export_moved", args=[report.pk, "docx"]))
    assert moved.url.endswith("/report/fr.docx")
    docx = docx_text(client.get(moved.url, **ENGLISH).content)
    assert "Période couverte" in docx and "État partie" in docx
    assert "Period covered" not in docx

    sheets = client.get(
        reverse("reporting:tables", args=[report.pk, "xlsx"]), **ENGLISH
    )
    book = load_workbook(io.BytesIO(sheets.content))
    assert book.worksheets[0].cell(1, 1).value == "État"
    assert book.worksheets[0].cell(1, 2).value == "Année de référence"


def test_the_profile_language_is_the_default_not_the_interface(client, owner):
    owner.profile.preferred_language = "es"
    owner.profile.save()
    client.force_login(owner)
    listing = client.get(reverse("reporting:list"), **ENGLISH).content.decode()
    assert '<option value="es" lang="es" selected>' in listing
    report = start(client, owner)
    assert report.language == "es"
    drafted = report.steps.get(kind=ReportStep.Kind.DRAFTED)
    assert drafted.by == owner and drafted.detail == "es"


def test_an_unknown_language_is_refused_with_a_message(client, owner):
    client.force_login(owner)
    response = client.post(
        reverse("reporting:start"),
        {"year": 2026, "from_last_year": "0", "language": "de"},
        follow=True,
        **ENGLISH,
    )
    assert "Choose English, French or Spanish" in response.content.decode()
    assert not Report.objects.filter(state__iso3="SEN", year=2026).exists()


def test_the_language_is_changed_on_the_draft_and_recorded(client, owner, outsider):
    report = make_report(language="fr")
    url = reverse("reporting:change_language", args=[report.pk])
    client.force_login(outsider)
    assert client.post(url, {"language": "en"}).status_code == 404
    client.force_login(owner)
    bad = client.post(url, {"language": "xx"}, follow=True)
    assert "Choose English, French or Spanish" in bad.content.decode()
    assert Report.objects.get(pk=report.pk).language == "fr"
    client.post(url, {"language": "en"})
    report.refresh_from_db()
    assert report.language == "en"
    step = report.steps.get(kind=ReportStep.Kind.LANGUAGE)
    assert step.by == owner and step.detail == "en"
    moved = client.get(reverse("reporting:export_moved", args=[report.pk, "pdf"]))
    assert moved.url.endswith("/report/en.pdf")
    history = client.get(reverse("reporting:detail", args=[report.pk])).content.decode()
    assert "Language of the report changed" in history


def test_a_submitted_report_keeps_its_language(owner, colleague, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    report = make_report(language="fr")
    services.request_clearance(report, user=owner)
    services.clear(Report.objects.get(pk=report.pk), user=colleague)
    report = services.submit(Report.objects.get(pk=report.pk), user=owner)
    stored = pdf_text(report.document.original.path.read_bytes())
    assert "Période couverte" in stored  # the filed PDF is labelled in French
    with pytest.raises(services.ReportError):
        services.change_language(report, user=owner, language="en")
    assert Report.objects.get(pk=report.pk).language == "fr"
