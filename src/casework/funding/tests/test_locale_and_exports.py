"""Funding screens in the reader's language; downloads through the export registry."""

from decimal import Decimal

import pytest
from django.urls import reverse

from casework.exports.readback import docx_text
from casework.funding.demo import load_demo
from casework.funding.models import Need
from casework.funding.tests.factories import ContributionFactory, NeedFactory

pytestmark = pytest.mark.django_db

NBSP = "\u00a0"


@pytest.fixture
def three_million():
    return ContributionFactory(
        donor__name="Demo Donor", amount=Decimal(3_000_000), year=2023
    )


@pytest.mark.parametrize(
    ("language", "written"),
    [
        ("en", "USD 3,000,000"),
        ("fr", f"3{NBSP}000{NBSP}000{NBSP}USD"),
        ("es", f"3.000.000{NBSP}USD"),
    ],
)
def test_dashboard_amounts_follow_the_reader(client, three_million, language, written):
    body = client.get(
        reverse("funding:dashboard"), HTTP_ACCEPT_LANGUAGE=language
    ).content.decode()
    assert written in body
    assert "USD 3,000,000" not in body or language == "en"


def test_french_charts_and_figures_use_french_notation(client, three_million):
    body = client.get(
        reverse("funding:dashboard"), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "(3 millions)" in body  # the Sankey's node labels
    assert f"3{NBSP}000{NBSP}000{NBSP}USD</title>" in body  # a tooltip in full
    assert "482,9" in body  # the Monitor's 2016 figure, published as 482.9
    assert "3.0M" not in body


def test_ledger_amounts_in_their_currency_and_rates_in_spanish(client):
    ContributionFactory(
        currency="EUR",
        amount=Decimal("1234567.50"),
        amount_usd=Decimal("1341921.20"),
        rate_used=Decimal("0.92"),
    )
    body = client.get(
        reverse("funding:ledger"), HTTP_ACCEPT_LANGUAGE="es"
    ).content.decode()
    assert f"1.234.567,50{NBSP}EUR" in body
    assert f"1.341.921{NBSP}USD" in body
    assert "0,92 EUR/USD" in body


def test_coverage_is_a_localised_percentage(client):
    NeedFactory(amount=Decimal(5_000_000))
    ContributionFactory(year=2024, amount=Decimal(1_000_000))
    body = client.get(
        reverse("funding:needs"), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert f"20{NBSP}%" in body


def test_suggestion_reasons_name_the_state_with_its_grammar(client, support):
    load_demo()
    need = Need.objects.filter(state__iso3="AGO", year=2025).first()
    client.force_login(support)
    body = client.get(
        reverse("funding:suggestions", args=[need.pk]), HTTP_ACCEPT_LANGUAGE="fr"
    ).content.decode()
    assert "A versé" in body and "à l&#x27;Angola sur la période 2015–2024" in body
    assert f"millions{NBSP}USD" in body
    assert "Suggestions de donateurs pour l&#x27;Angola" in body
    spanish = client.get(
        reverse("funding:suggestions_document", args=[need.pk, "es", "docx"])
    )
    assert spanish["Content-Disposition"].endswith('-AGO-2025-es.docx"')
    text = docx_text(spanish.content)
    assert "a Angola" in text and "USD" in text


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_suggestions_document_exists_in_every_language(client, support, language, fmt):
    load_demo()
    need = Need.objects.filter(state__iso3="AGO", year=2025).first()
    client.force_login(support)
    url = reverse("funding:suggestions_document", args=[need.pk, language, fmt])
    assert url.endswith(f"/suggestions/{language}.{fmt}")
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith(f'-{language}.{fmt}"')


def test_suggestions_document_keeps_its_access_rule(client, outsider):
    need = NeedFactory()
    url = reverse("funding:suggestions_document", args=[need.pk, "fr", "pdf"])
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 403


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("funding:dashboard", {"download": "year", "format": "pdf"}),
        ("funding:dashboard", {"download": "nothing", "format": "csv"}),
        ("funding:ledger", {"format": "docx"}),
        ("funding:needs", {"format": "odt"}),
    ],
)
def test_unknown_download_formats_are_404(client, name, query):
    assert client.get(reverse(name), query).status_code == 404


def test_unknown_formats_are_404_on_state_rates_and_suggestions(client, support):
    client.force_login(support)
    need = NeedFactory()
    assert client.get("/funding/states/AGO/", {"format": "ods"}).status_code == 404
    assert client.get(reverse("funding:rates"), {"format": "x"}).status_code == 404
    suggestions = reverse("funding:suggestions", args=[need.pk])
    assert client.get(suggestions, {"format": "odt"}).status_code == 404
    assert client.get(f"/funding/needs/{need.pk}/suggestions/de.pdf").status_code == 404
    assert client.get(f"/funding/needs/{need.pk}/suggestions/fr.odt").status_code == 404
    assert client.get("/funding/templates/rates.ods").status_code == 404


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_known_downloads_keep_their_urls(client, support, fmt):
    client.force_login(support)
    NeedFactory()
    for url in (
        f"/funding/templates/rates.{fmt}",
        f"/funding/rates/?format={fmt}",
        f"/funding/needs/?format={fmt}",
        f"/funding/states/AGO/?format={fmt}",
        f"/funding/contributions/?format={fmt}",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Disposition"].endswith(f'.{fmt}"')


def test_import_links_show_only_to_those_who_may_open_them(client, outsider, support):
    imports = reverse("funding:imports")
    assert imports not in client.get(reverse("funding:dashboard")).content.decode()
    client.force_login(outsider)
    assert imports not in client.get(reverse("funding:dashboard")).content.decode()
    client.force_login(support)
    assert imports in client.get(reverse("funding:dashboard")).content.decode()
