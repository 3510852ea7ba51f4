import io

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from casework.exports.readback import docx_text, pdf_text
from casework.reporting.answers import filled_fields, row_text
from casework.reporting.layout import cell_text, field_text
from casework.reporting.models import Report
from casework.reporting.schema import FORMS, TABLE
from casework.reporting.tests.factories import answers, make_report

pytestmark = pytest.mark.django_db
PASSWORD = "a-Long-pass-phrase-42"


def login(client, user):
    client.force_login(user)
    return client


def test_focal_point_starts_edits_and_autosaves(client, owner):
    login(client, owner)
    response = client.post(
        reverse("reporting:start"), {"year": 2026, "from_last_year": "0"}
    )
    report = Report.objects.get(state__iso3="SEN", year=2026)
    assert response.url == reverse("reporting:edit", args=[report.pk])
    page = client.get(response.url)
    assert page.status_code == 200
    assert b'name="J.needs.0.kind"' in page.content
    saved = client.post(
        reverse("reporting:autosave", args=[report.pk]),
        {
            "revision": str(report.revision),
            "J.__present": "1",
            "J.needs.0.kind": "Équipement",
            "J.needs.0.amount": "5000",
            "J.needs.0.currency": "EUR",
            "J.needs.3.kind": "Formation",
        },
        HTTP_HX_REQUEST="true",
    )
    assert saved.status_code == 200
    assert b"save-saved" in saved.content
    report.refresh_from_db()
    assert [r["kind"] for r in report.answers["J"]["needs"]] == [
        "Équipement",
        "Formation",
    ]
    assert (
        client.get(reverse("reporting:edit", args=[report.pk])).content.count(
            b'value="Formation"'
        )
        == 1
    )


def test_save_without_javascript_redirects_back_to_the_editor(client, owner):
    report = make_report(answers={})
    login(client, owner)
    response = client.post(
        reverse("reporting:edit", args=[report.pk]),
        {"revision": "0", "A.__present": "1", "A.measures": "Loi nouvelle"},
    )
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.answers["A"]["measures"] == "Loi nouvelle"


def test_flag_change_redraws_the_form_with_the_carried_content(client, owner):
    make_report(year=2025, status=Report.Status.SUBMITTED)
    report = make_report(year=2026, answers={})
    login(client, owner)
    response = client.post(
        reverse("reporting:form_flag", args=[report.pk, "H"]),
        {"revision": "0", "flag.H": "unchanged"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    assert "Unchanged since 2025" in response.content.decode()
    assert "PMN-2 : mine à effet de souffle" in response.content.decode()


@pytest.mark.parametrize(
    "name", ["detail", "edit", "export_pdf", "tables_csv", "autosave"]
)
def test_another_states_focal_point_cannot_read_or_change_the_draft(
    client, outsider, name
):
    report = make_report()
    login(client, outsider)
    urls = {
        "detail": reverse("reporting:detail", args=[report.pk]),
        "edit": reverse("reporting:edit", args=[report.pk]),
        "export_pdf": reverse("reporting:export", args=[report.pk, "fr", "pdf"]),
        "tables_csv": reverse("reporting:tables", args=[report.pk, "csv"]),
        "autosave": reverse("reporting:autosave", args=[report.pk]),
    }
    if name == "autosave":
        response = client.post(urls[name], {"A.__present": "1", "A.measures": "hacked"})
    else:
        response = client.get(urls[name])
    assert response.status_code == 404
    report.refresh_from_db()
    assert report.answers["A"]["measures"] != "hacked"


def test_outsider_cannot_act_on_the_draft(client, outsider):
    report = make_report()
    login(client, outsider)
    for name in ("request_clearance", "clear", "submit", "correct", "return"):
        url = reverse("reporting:action", args=[report.pk, name])
        assert client.post(url).status_code == 404
        assert (
            client.post(
                reverse("reporting:form_flag", args=[report.pk, "B"])
            ).status_code
            == 404
        )
    assert Report.objects.get(pk=report.pk).status == Report.Status.DRAFT


def test_outsider_cannot_start_a_report_for_another_state(client, committee_member):
    login(client, committee_member)
    response = client.post(reverse("reporting:start"), {"year": 2026})
    assert response.status_code == 403


def test_committee_reads_submitted_reports_but_not_drafts(client, committee_member):
    draft = make_report(year=2026)
    submitted = make_report(year=2025, status=Report.Status.SUBMITTED)
    login(client, committee_member)
    assert client.get(reverse("reporting:detail", args=[draft.pk])).status_code == 404
    assert (
        client.get(reverse("reporting:detail", args=[submitted.pk])).status_code == 200
    )


def test_public_sees_published_reports_only(client):
    submitted = make_report(year=2025, status=Report.Status.SUBMITTED)
    published = make_report(year=2024, status=Report.Status.PUBLISHED)
    assert (
        client.get(reverse("reporting:detail", args=[submitted.pk])).status_code == 404
    )
    assert (
        client.get(reverse("reporting:detail", args=[published.pk])).status_code == 200
    )
    listing = client.get(reverse("reporting:list")).content.decode()
    assert reverse("reporting:detail", args=[published.pk]) in listing
    assert reverse("reporting:detail", args=[submitted.pk]) not in listing


def test_list_page_query_count(client, support, django_assert_max_num_queries):
    for iso3 in ("SEN", "PER", "COL", "KHM", "AFG"):
        make_report(iso3, year=2025, status=Report.Status.SUBMITTED)
    login(client, support)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("reporting:list"))
    assert response.content.decode().count("/reporting/") >= 5


def _expected_texts(report, language=None):
    """Every filled value as the export writes it: choices by their label, numbers and
    dates in the document's language."""
    language = language or report.language
    texts = []
    with translation.override(language):
        for form in FORMS:
            for field, value in filled_fields(report.answers, form):
                if field.kind == TABLE:
                    texts += [
                        cell_text(c, row[c.key], report, language)
                        for row in value
                        for c in field.columns
                        if row.get(c.key)
                    ]
                else:
                    texts += [
                        line
                        for line in field_text(field, value, language).split("\n")
                        if line
                    ]
    return texts


def test_exports_contain_every_filled_field(client, owner):
    data = answers()
    data["J"]["assistance_received"] = [
        {
            "donor": "Japon",
            "amount": "250000",
            "currency": "USD",
            "year": "2025",
            "purpose": "Déminage à Bignona",
        }
    ]
    data["J"]["needs"] = [
        {
            "kind": "Financement",
            "amount": "1200000",
            "currency": "USD",
            "period": "2026-2027",
            "purpose": "Dépollution de la zone nord",
        }
    ]
    report = make_report(answers=data, flags={"E": "not_applicable"})
    login(client, owner)
    docx = client.get(reverse("reporting:export", args=[report.pk, "fr", "docx"]))
    pdf = client.get(reverse("reporting:export", args=[report.pk, "fr", "pdf"]))
    # French typography puts no-break spaces before ":" in the document.
    docx_lines = docx_text(docx.content).replace("\u00a0", " ").replace("\u202f", " ")
    pdf_words = " ".join(pdf_text(pdf.content).split())
    for text in _expected_texts(report):
        if text == "Aucune installation de production.":  # form E is not applicable
            continue
        plain = text.replace("\u00a0", " ").replace("\u202f", " ")
        assert plain in docx_lines, text
        assert " ".join(text.split()) in pdf_words, text
    assert "Formulaire C" in docx_lines or "Form C" in docx_lines
    with translation.override(report.language):
        assert str(_("Not applicable")) in docx_lines

    csv = client.get(
        reverse("reporting:tables", args=[report.pk, "csv"])
    ).content.decode()
    assert "Japon" in csv and "Financement" in csv and "XOF" in csv
    xlsx = client.get(reverse("reporting:tables", args=[report.pk, "xlsx"])).content
    workbook = load_workbook(io.BytesIO(xlsx))
    assert workbook.sheetnames == [
        "needs",
        "national_resources",
        "assistance_received",
        "assistance_provided",
    ]
    assert workbook["assistance_received"]["C2"].value == "Japon"
    assert row_text  # the evidence text helper is part of the contract


def test_submitted_report_shows_in_the_findings_review(
    client, owner, colleague, support, settings, tmp_path
):
    from casework.reporting import services

    settings.MEDIA_ROOT = tmp_path
    report = make_report()
    services.request_clearance(report, user=owner)
    services.clear(Report.objects.get(pk=report.pk), user=colleague)
    report = services.submit(Report.objects.get(pk=report.pk), user=owner)
    login(client, support)
    page = client.get(reverse("findings:document", args=[report.document.pk]))
    assert page.status_code == 200
    assert "Autorité nationale, bailleurs, opérateurs" in page.content.decode()
    listing = client.get(reverse("reporting:list")).content.decode()
    assert reverse("reporting:detail", args=[report.pk]) in listing
    assert client.get(reverse("reporting:detail", args=[report.pk])).status_code == 200


def test_back_to_draft_is_offered_only_to_who_may_take_it(client, owner, colleague):
    from casework.reporting import services
    from casework.reporting.permissions import can_return_to_draft

    report = services.request_clearance(make_report(), user=owner)
    assert can_return_to_draft(owner, report) and can_return_to_draft(colleague, report)
    report = services.clear(Report.objects.get(pk=report.pk), user=colleague)
    assert can_return_to_draft(owner, report)
    assert not can_return_to_draft(colleague, report)
    login(client, colleague)
    page = client.get(reverse("reporting:detail", args=[report.pk])).content.decode()
    assert "/do/return/" not in page
    login(client, owner)
    page = client.get(reverse("reporting:detail", args=[report.pk])).content.decode()
    assert "/do/return/" in page


def test_workflow_messages_follow_the_users_language(client, owner):
    report = make_report()
    login(client, owner)
    client.cookies["django_language"] = "fr"
    response = client.post(
        reverse("reporting:action", args=[report.pk, "request_clearance"]),
        follow=True,
        HTTP_ACCEPT_LANGUAGE="fr",
    )
    assert "Envoyé pour validation interne." in response.content.decode()


@pytest.mark.parametrize("year", ["-5", "0", "1998", "2101", "99999999999999999999"])
def test_a_report_cannot_be_started_for_a_year_no_report_is_for(client, owner, year):
    login(client, owner)
    response = client.post(reverse("reporting:start"), {"year": year})
    assert response.status_code == 404
    assert not Report.objects.exists()
