"""The open data API: published data only, read-only, a valid OpenAPI description."""

import pytest
import yaml
from openapi_spec_validator import validate

from casework.funding.tests.factories import ContributionFactory

pytestmark = pytest.mark.django_db


def test_schema_validates(client):
    response = client.get("/api/schema/")
    assert response.status_code == 200
    spec = yaml.safe_load(response.content)
    validate(spec)
    assert {
        "/api/states/",
        "/api/contributions/",
        "/api/compliance/submissions/",
        "/api/observations/",
    } <= set(spec["paths"])


def test_states_are_listed_and_found_by_iso3(client):
    response = client.get("/api/states/", {"limit": 5})
    assert response.json()["count"] == 166
    assert client.get("/api/states/sen/").json()["name_fr"] == "Sénégal"


def test_only_published_contributions_are_served(client):
    ContributionFactory(donor__name="Public", is_published=True)
    hidden = ContributionFactory(donor__name="Hidden", is_published=False)
    names = [
        c["donor"]["name"] for c in client.get("/api/contributions/").json()["results"]
    ]
    assert names == ["Public"]
    assert client.get(f"/api/contributions/{hidden.pk}/").status_code == 404


def test_contributions_filter_by_year_and_reject_a_bad_year(client):
    ContributionFactory(year=2020)
    ContributionFactory(year=2021)
    assert client.get("/api/contributions/", {"year": 2021}).json()["count"] == 1
    assert client.get("/api/contributions/", {"year": "soon"}).status_code == 400


def test_api_writes_nothing(client):
    assert client.post("/api/contributions/", {}).status_code == 405


def test_list_query_count_is_bounded(client, django_assert_max_num_queries):
    for _ in range(5):
        ContributionFactory()
    with django_assert_max_num_queries(3):
        client.get("/api/contributions/")


def test_docs_page_lists_endpoints(client):
    body = client.get("/api/docs/").content.decode()
    assert "/api/contributions/" in body


def test_swagger_ui_uses_vendored_assets(client):
    body = client.get("/api/docs/swagger/").content.decode()
    assert "drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in body
    assert "cdn" not in body.lower()
    from django.contrib.staticfiles import finders

    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")


def test_huge_limit_and_offset_are_bounded(client):
    response = client.get(
        "/api/states/", {"offset": 10**40, "limit": 31638608330337075150035963082702848}
    )
    assert response.status_code == 200
    assert client.get("/api/states/", {"limit": 5000}).json()["count"] == 166
    assert len(client.get("/api/states/", {"limit": 5000}).json()["results"]) == 166


def test_indicators_come_from_the_domain_in_every_language(client):
    from casework.domain.indicators import CODES, label
    from casework.domain.languages import LANGUAGES

    listed = client.get("/api/indicators/").json()
    assert [item["code"] for item in listed] == list(CODES)
    assert [item["position"] for item in listed] == list(range(1, len(CODES) + 1))
    one = client.get("/api/indicators/costed_plan/").json()
    assert one["labels"] == {lang: label("costed_plan", lang) for lang in LANGUAGES}
    assert client.get("/api/indicators/unheard_of/").status_code == 404


def test_schema_enumerates_the_domain_codes_and_languages(client):
    from casework.domain.indicators import CODES
    from casework.domain.languages import LANGUAGES

    spec = yaml.safe_load(client.get("/api/schema/").content)
    schemas = spec["components"]["schemas"]
    assert schemas["IndicatorCode"]["enum"] == list(CODES)
    ref = {"$ref": "#/components/schemas/IndicatorCode"}
    assert schemas["Indicator"]["properties"]["code"] == ref
    assert schemas["Observation"]["properties"]["indicators"]["items"] == ref
    # The codes are listed once, not once per field that uses them.
    assert [
        name for name, s in schemas.items() if "costed_plan" in s.get("enum", ())
    ] == ["IndicatorCode"]
    texts = schemas["Observation"]["properties"]["texts"]
    assert sorted(texts["properties"]) == sorted(LANGUAGES)
    labels = schemas["Indicator"]["properties"]["labels"]
    assert labels["required"] == list(LANGUAGES)
    retrieve = spec["paths"]["/api/indicators/{code}/"]["get"]
    assert retrieve["parameters"][0]["schema"]["enum"] == list(CODES)


def test_published_observations_name_their_indicators(client):
    from casework.observations.models import Observation, ObservationText
    from casework.states.models import StateParty

    observation = Observation.objects.create(
        state=StateParty.objects.get(iso3="SEN"),
        year=2025,
        status="published",
        reported_codes=["costed_plan", "retired_code"],
    )
    ObservationText.objects.create(
        observation=observation, language="fr", generated="Le Comité…"
    )
    item = client.get("/api/observations/").json()["results"][0]
    assert item["indicators"] == ["costed_plan"]
    assert item["texts"] == {"fr": "Le Comité…"}
