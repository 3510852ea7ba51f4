"""Import, pages, permissions and exports of the extensions app."""

import pytest

from casework.domain.languages import LANGUAGES
from casework.exports.readback import docx_text, pdf_text
from casework.extensions.demo import COMPLETE, WITH_GAPS, load_demo
from casework.extensions.models import CommitteeComment, ExtensionRequest
from casework.extensions.services import import_template
from casework.extensions.template_io import build_template_csv, filled_template_xlsx

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    load_demo()
    return (
        ExtensionRequest.objects.get(reference="DEMO-EXT-A"),
        ExtensionRequest.objects.get(reference="DEMO-EXT-B"),
    )


def test_demo_is_idempotent(demo):
    load_demo()
    assert ExtensionRequest.objects.count() == 2


def test_import_keeps_the_source_cells(demo):
    complete, gaps = demo
    assert complete.budget_years.get(year=2027).cells["national"] == "Budget!C2"
    assert complete.cells["total_cost"] == "Request!B8"
    assert gaps.plan_years.count() == 5


def test_import_errors_name_the_cell():
    fields, tables = COMPLETE
    bad = dict(tables, Budget=[(2027, "lots", 1, 1, 1, "US")])
    result = import_template(filled_template_xlsx(fields, bad), "bad.xlsx")
    assert result.request is None
    messages = [str(e) for e in result.errors]
    assert any(m.startswith("Budget!B2:") and "not an amount" in m for m in messages)
    assert any(m.startswith("Budget!F2:") and "currency" in m for m in messages)


def test_csv_template_imports():
    fields, tables = COMPLETE
    lines = build_template_csv().decode("utf-8-sig").splitlines()
    lines = [line.replace("Request,state,,", "Request,state,SEN,") for line in lines]
    lines.append("Budget,2027,1000,,200,800,USD")
    result = import_template("\n".join(lines).encode(), "request.csv")
    assert result.errors == ()
    line = result.request.budget_years.get().cells["national"]
    assert line == f"line {len(lines)}, column D"


def test_list_page_anonymous_sees_only_published(client, demo):
    complete, _ = demo
    assert "DEMO-EXT" not in client.get("/extensions/").content.decode()
    complete.is_published = True
    complete.save()
    body = client.get("/extensions/").content.decode()
    assert "DEMO-EXT-A" in body and "DEMO-EXT-B" not in body


def test_list_page_query_count(client, support, demo, django_assert_max_num_queries):
    client.force_login(support)
    with django_assert_max_num_queries(8):
        response = client.get("/extensions/")
    assert response.status_code == 200
    assert "DEMO-EXT-B" in response.content.decode()


def test_detail_shows_gap_chart_and_cited_findings(client, committee_member, demo):
    _, gaps = demo
    client.force_login(committee_member)
    body = client.get(f"/extensions/{gaps.pk}/").content.decode()
    assert 'class="chart funding-gap"' in body
    assert "No national contribution" in body and "Budget!C2" in body
    assert "Budget!F5" in body  # the EUR line
    assert "Request!B8" in body  # the stated total that the years do not reach


class TestDetailIsNotPublic:
    def url(self, demo):
        return f"/extensions/{demo[1].pk}/"

    def test_anonymous_is_sent_to_login(self, client, demo):
        response = client.get(self.url(demo))
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")

    def test_focal_point_of_another_state_gets_404(self, client, outsider, demo):
        client.force_login(outsider)
        assert client.get(self.url(demo)).status_code == 404
        assert client.get(f"{self.url(demo)}comments/fr.docx").status_code == 404
        assert client.get(f"{self.url(demo)}edit/").status_code == 404

    def test_own_focal_point_reads_without_comments(self, client, make_user, demo):
        client.force_login(make_user("tj", "focal_point", iso3="TJK"))
        body = client.get(self.url(demo)).content.decode()
        assert (
            "Funding gap" in body and "Comments for the Article 5 Committee" not in body
        )
        assert client.get(f"{self.url(demo)}edit/").status_code == 403
        assert client.get(f"{self.url(demo)}comments/fr.docx").status_code == 403

    def test_published_request_is_public(self, client, demo):
        demo[1].is_published = True
        demo[1].save()
        assert client.get(self.url(demo)).status_code == 200


def test_import_view_requires_an_editor(client, owner):
    assert client.post("/extensions/import/").status_code == 302
    client.force_login(owner)
    assert client.post("/extensions/import/").status_code == 403


def test_import_view_lists_cell_errors(
    client,
    support,
    settings,
    tmp_path,
    run_queued_tasks,
    django_capture_on_commit_callbacks,
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.DATA_DIR = tmp_path
    client.force_login(support)
    fields, tables = WITH_GAPS
    data = filled_template_xlsx(dict(fields, state="XYZ"), tables)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/extensions/import/", {"file": SimpleUploadedFile("r.xlsx", data)}
        )
    assert response.status_code == 302  # to the import's page; the worker reads it
    run_queued_tasks()
    page = client.get(response["Location"])
    assert page.status_code == 200
    assert "Request!B2: “XYZ” is not the ISO code" in page.content.decode()
    assert not ExtensionRequest.objects.exists()


def test_comment_edits_survive_regeneration_and_export(client, support, demo):
    complete, _ = demo
    client.force_login(support)
    client.post(
        f"/extensions/{complete.pk}/comments/fr/", {"text": "Texte revu par le Comité."}
    )
    client.post(f"/extensions/{complete.pk}/comments/regenerate/")
    comment = CommitteeComment.objects.get(request=complete, language="fr")
    assert comment.edited == "Texte revu par le Comité." and comment.generated
    docx = client.get(f"/extensions/{complete.pk}/comments/fr.docx")
    assert "Texte revu par le Comité." in docx_text(docx.content)
    pdf = client.get(f"/extensions/{complete.pk}/comments/en.pdf")
    assert "Article 5 Committee" in pdf_text(pdf.content)


def test_edit_form_forgets_the_cell_of_a_corrected_value(client, support, demo):
    complete, _ = demo
    client.force_login(support)
    page = client.get(f"/extensions/{complete.pk}/edit/")
    form = page.context["form"]
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data["total_cost"] = "10000000"
    data["reference"] = "DEMO-EXT-A2"
    for _title, formset in page.context["formsets"]:
        data.update(
            {
                f"{formset.prefix}-{k}": v
                for k, v in formset.management_form.initial.items()
            }
        )
        for i, row in enumerate(formset.forms):
            for name, field in row.fields.items():
                value = row.initial.get(name, field.initial)
                if value is not None and name != "DELETE":
                    data[f"{formset.prefix}-{i}-{name}"] = getattr(value, "pk", value)
    data = {k: v for k, v in data.items() if v is not False}
    data["version"] = page.context["version"]  # the page's version (optimistic lock)
    response = client.post(f"/extensions/{complete.pk}/edit/", data)
    assert response.status_code == 302, response.context and [
        fs.errors for _t, fs in response.context["formsets"]
    ]
    complete.refresh_from_db()
    assert complete.reference == "DEMO-EXT-A2"
    assert (
        "reference" not in complete.cells
        and complete.cells["total_cost"] == "Request!B8"
    )


def test_history_page_counts_granted_extensions(client):
    body = client.get("/extensions/state/KHM/").content.decode()
    assert "1 extension granted so far." in body


def test_analysis_xlsx_export(client, support, demo):
    client.force_login(support)
    response = client.get(f"/extensions/{demo[1].pk}/analysis.xlsx")
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('-analysis.xlsx"')


NON_PUBLIC = [
    ("get", "/extensions/{pk}/"),
    ("get", "/extensions/{pk}/edit/"),
    ("post", "/extensions/{pk}/import/"),
    ("post", "/extensions/{pk}/comments/en/"),
    ("post", "/extensions/{pk}/comments/regenerate/"),
    ("get", "/extensions/{pk}/comments/fr.docx"),
    ("get", "/extensions/{pk}/comments/en.pdf"),
    ("get", "/extensions/{pk}/analysis.xlsx"),
]


@pytest.mark.parametrize(("method", "url"), NON_PUBLIC)
def test_every_private_view_sends_anonymous_to_login(client, demo, method, url):
    response = getattr(client, method)(url.format(pk=demo[1].pk))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize(("method", "url"), NON_PUBLIC)
def test_every_private_view_is_404_for_another_states_focal_point(
    client, outsider, demo, method, url
):
    client.force_login(outsider)
    assert getattr(client, method)(url.format(pk=demo[1].pk)).status_code == 404


def test_new_request_is_for_editors_only(client, owner, committee_member):
    assert client.get("/extensions/new/").status_code == 302
    client.force_login(owner)
    assert client.get("/extensions/new/").status_code == 403
    client.force_login(committee_member)
    response = client.post(
        "/extensions/new/",
        {
            "state": ExtensionRequest._meta.get_field("state")
            .related_model.objects.get(iso3="PER")
            .pk,
            "reference": "BY-HAND",
            "decision": "pending",
            "currency": "usd",
        },
    )
    created = ExtensionRequest.objects.get(reference="BY-HAND")
    assert response["Location"] == f"/extensions/{created.pk}/edit/"
    assert created.currency == "USD" and created.comments.count() == len(LANGUAGES)


def test_committee_member_cannot_publish(client, committee_member, demo):
    client.force_login(committee_member)
    form = client.get(f"/extensions/{demo[0].pk}/edit/").context["form"]
    assert "is_published" not in form.fields


def test_prefill_offers_the_analysers_figures_and_cites_the_page(client, support, demo):
    from django.core.files.uploadedfile import SimpleUploadedFile

    _, gaps = demo
    client.force_login(support)
    text = (
        b"Extension request\n\nThe remaining contaminated area is 1,200,000 square metres.\n\n"
        b"The total cost of the work plan is US$ 5,000,000.\n"
    )
    url = f"/extensions/{gaps.pk}/prefill/"
    page = client.post(url, {"file": SimpleUploadedFile("request.txt", text)})
    body = page.content.decode()
    assert 'value="5000000.00|1|USD"' in body and 'value="1200000.00|1|"' in body
    response = client.post(
        url,
        {
            "confirm": "1",
            "filename": "request.txt",
            "total_cost": "5000000.00|1|USD",
            "remaining_area_m2": "1200000.00|1|",
        },
    )
    assert response.status_code == 302
    gaps.refresh_from_db()
    assert gaps.remaining_area_m2 == 1_200_000
    assert gaps.cells["total_cost"] == "request.txt, p. 1"
    detail = client.get(f"/extensions/{gaps.pk}/").content.decode()
    assert (
        "request.txt, p. 1" in detail
    )  # the yearly budgets no longer match that total


def test_prefill_is_for_editors_only(client, outsider, owner, demo):
    url = f"/extensions/{demo[0].pk}/prefill/"
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    client.force_login(owner)
    assert client.get(url).status_code == 403
