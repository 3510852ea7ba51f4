"""The funding pages: public for published data, the rest for the support unit."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DatabaseError
from django.urls import reverse
from django.utils import translation

from casework.exports.readback import docx_text
from casework.funding.demo import load_demo
from casework.funding.models import Contribution, ExchangeRate, ImportBatch, Need
from casework.funding.tests.factories import ContributionFactory, NeedFactory

pytestmark = pytest.mark.django_db

STAFF_PAGES = ["funding:imports", "funding:rates", "funding:need_new"]


@pytest.fixture
def demo():
    load_demo()


def test_dashboard_is_public_and_shows_published_entries_only(client, demo):
    ContributionFactory(donor__name="Hidden Donor", is_published=False)

    response = client.get(reverse("funding:dashboard"), {"status": "all"})

    assert response.status_code == 200
    body = response.content.decode()
    assert "Demo Northland" in body
    assert "Hidden Donor" not in body
    assert "<svg" in body and "sankey" in body
    assert "LM2019" in body  # the global series with its source


def test_dashboard_query_count_is_bounded(client, demo, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        client.get(reverse("funding:dashboard"))


@pytest.mark.parametrize(
    "table", ["year", "donor", "recipient", "sector", "flows", "series"]
)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_every_dashboard_table_downloads(client, demo, table, fmt):
    response = client.get(
        reverse("funding:dashboard"), {"download": table, "format": fmt}
    )
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'.{fmt}"')


def test_series_download_keeps_blanks_unknown(client):
    response = client.get(
        reverse("funding:dashboard"), {"download": "series", "format": "csv"}
    )
    lines = response.content.decode("utf-8-sig").splitlines()
    row_2016 = next(line for line in lines if line.startswith("2016,"))
    assert row_2016.startswith("2016,,482.9,,")


def test_ledger_shows_source_duplicate_and_missing_rate(
    client, demo, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get(reverse("funding:ledger"))
    body = response.content.decode()
    assert "IATI file" in body
    assert "Same money as an entry from" in body
    assert "no rate" in body


def test_ledger_download_has_every_entry(client, demo):
    response = client.get(reverse("funding:ledger"), {"format": "csv"})
    rows = response.content.decode("utf-8-sig").strip().splitlines()
    assert len(rows) == Contribution.objects.filter(is_published=True).count() + 1


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages_send_anonymous_visitors_to_login(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages_refuse_focal_points(client, outsider, name):
    client.force_login(outsider)
    assert client.get(reverse(name)).status_code == 403


def test_committee_member_reads_imports_but_cannot_upload(client, committee_member):
    client.force_login(committee_member)
    assert client.get(reverse("funding:imports")).status_code == 200
    response = client.post(reverse("funding:imports"), {"kind": "iati"})
    assert response.status_code == 403


def test_focal_point_cannot_publish(client, outsider):
    entry = ContributionFactory(is_published=False)
    client.force_login(outsider)
    response = client.post(
        reverse("funding:publish"), {"ids": [entry.pk], "action": "publish"}
    )
    assert response.status_code == 403
    entry.refresh_from_db()
    assert not entry.is_published


def test_support_imports_iati_through_the_page_twice(
    client,
    support,
    run_queued_tasks,
    settings,
    tmp_path,
    django_capture_on_commit_callbacks,
):
    from casework.funding.tests.test_iati_import import SAMPLE

    settings.DATA_DIR = tmp_path
    client.force_login(support)
    for _ in range(2):
        upload = SimpleUploadedFile(SAMPLE.name, SAMPLE.read_bytes(), "text/xml")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("funding:imports"),
                {"kind": "iati", "file": upload, "publish": "on"},
            )
        assert response.status_code == 302
        waiting = client.get(response["Location"], HTTP_HX_REQUEST="true")
        assert b"<progress" in waiting.content  # queued: the bar polls
        run_queued_tasks()
    first, second = ImportBatch.objects.order_by("pk")
    assert (first.created_count, second.created_count) == (3, 0)
    assert second.unchanged_count == 3
    detail = client.get(reverse("funding:import_detail", args=[first.pk]))
    assert "incoming funds" in detail.content.decode()


def test_support_loads_a_rate_and_the_flagged_entry_is_converted(client, support):
    entry = ContributionFactory(currency="CHF", amount=Decimal(900), year=2022)
    assert entry.amount_usd is None
    client.force_login(support)
    response = client.post(
        reverse("funding:rates"),
        {
            "kind": "one",
            "currency": "chf",
            "year": 2022,
            "units_per_usd": "0.9",
            "source": "x",
        },
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.amount_usd == Decimal("1000.00")
    said = [str(m) for m in client.get(response["Location"]).context["messages"]]
    assert "Rate saved; 1 entry converted with it." in said  # the singular form


def test_needs_page_puts_largest_gap_first(client):
    from casework.states.models import StateParty

    NeedFactory(state=StateParty.objects.get(iso3="SEN"), amount=Decimal(100))
    NeedFactory(amount=Decimal(5_000_000))
    ContributionFactory(recipient_iso3="AGO", year=2024, amount=Decimal(1_000_000))
    response = client.get(reverse("funding:needs"))
    rows = response.context["rows"]
    assert [row.iso3 for row in rows] == ["AGO", "SEN"]
    assert rows[0].gap_usd == Decimal(4_000_000)
    assert rows[0].coverage_percent == 20


def test_state_page_and_suggestions_for_support(client, support, demo):
    client.force_login(support)
    page = client.get(reverse("funding:state", args=["AGO"]))
    assert page.status_code == 200
    assert 'id="needs-versus-funding"' in page.content.decode()
    need = Need.objects.filter(state__iso3="AGO", year=2025).first()
    response = client.get(reverse("funding:suggestions", args=[need.pk]))
    body = response.content.decode()
    assert "Demo Northland" in body
    assert "to Angola in" in body
    old_link = client.get(
        reverse("funding:suggestions", args=[need.pk]), {"format": "docx"}
    )
    assert old_link.status_code == 301
    assert old_link["Location"] == f"/funding/needs/{need.pk}/suggestions/en.docx"
    docx = client.get(old_link["Location"])
    assert docx["Content-Disposition"].endswith('-AGO-2025-en.docx"')
    assert "Demo Northland" in docx_text(docx.content)


def test_suggestions_send_anonymous_to_login_and_refuse_other_states(
    client, outsider, demo
):
    need = Need.objects.filter(state__iso3="AGO").first()
    url = reverse("funding:suggestions", args=[need.pk])
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_templates_are_published(client):
    response = client.get(reverse("funding:template", args=["contributions", "csv"]))
    assert response.status_code == 200
    assert response.content.decode("utf-8-sig").startswith("donor,donor_kind")


def test_a_rates_table_is_saved_whole_or_not_at_all(client, support, monkeypatch):
    from casework.funding.views import imports as views

    real, calls = views.set_rate, []

    def failing(*args, **kwargs):
        calls.append(args)
        if len(calls) == 2:
            raise DatabaseError("disk I/O error")
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "set_rate", failing)
    table = b"currency,year,units_per_usd,source\nCHF,2022,0.9,x\nEUR,2022,0.95,x\n"
    client.force_login(support)
    client.raise_request_exception = False
    response = client.post(
        reverse("funding:rates"),
        {"kind": "upload", "file": SimpleUploadedFile("rates.csv", table)},
    )
    assert response.status_code == 500 and len(calls) == 2
    assert not ExchangeRate.objects.filter(currency="CHF", year=2022).exists()


def test_the_rates_form_states_its_row_limit_in_the_page_language(client, support):
    client.force_login(support)
    with translation.override("fr"):
        page = client.get(reverse("funding:rates"), HTTP_ACCEPT_LANGUAGE="fr")
    text = page.content.decode()
    assert "Jusqu'à 5" in text and "000 lignes" in text
