"""The open data API: read-only JSON over published data, described at /api/schema/."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, TypeVar

from django.apps import apps
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.http import require_safe
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.settings import spectacular_settings
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets
from rest_framework.request import Request
from rest_framework.response import Response

from casework.api.pagination import OpenDataPagination
from casework.api.serializers import (
    ContributionSerializer,
    IndicatorSerializer,
    ObservationSerializer,
    StatePartySerializer,
    SubmissionSerializer,
)
from casework.compliance.models import Submission
from casework.domain.indicators import CODES, INDICATORS, is_indicator
from casework.domain.indicators import indicator as find_indicator
from casework.funding.models import Contribution, Sector, Source, Status
from casework.observations.models import Observation
from casework.states.models import StateParty
from casework.states.services import parse_day, parties_on

YEAR = OpenApiParameter(
    "year",
    {"type": "integer", "minimum": 1990, "maximum": 2100},
    description="Only this year.",
)
BAD_REQUEST = OpenApiResponse(description="A filter value is not valid.")
SWAGGER_DIST = "drf_spectacular_sidecar/swagger-ui-dist"
NOT_FOUND = OpenApiResponse(description="Nothing published under this key.")


M = TypeVar("M", bound=Model)


class ListViewSet(mixins.ListModelMixin, viewsets.GenericViewSet[M]):
    """List only: these rows have no identifier of their own worth publishing."""

    pagination_class = OpenDataPagination


STATE = OpenApiParameter(
    "state", OpenApiTypes.STR, description="ISO 3166 alpha-3 code of the State."
)


def _year(request: Request) -> int | None:
    raw = request.query_params.get("year")
    if raw is None:
        return None
    if not raw.isdigit() or not 1990 <= int(raw) <= 2100:
        raise serializers.ValidationError({"year": "a year from 1990 to 2100"})
    return int(raw)


def _choice(request: Request, name: str, values: list[str]) -> str:
    raw: str = request.query_params.get(name, "")
    if raw and raw not in values:
        raise serializers.ValidationError({name: f"one of {', '.join(values)}"})
    return raw


ON = OpenApiParameter(
    "on",
    OpenApiTypes.DATE,
    description="A day (YYYY-MM-DD): `is_party` answers for it; the list keeps only "
    "the States that were parties on that day.",
)


def _on(request: Request) -> dt.date | None:
    raw = request.query_params.get("on")
    if raw is None:
        return None
    try:
        return parse_day(raw)
    except ValueError as exc:
        raise serializers.ValidationError({"on": [str(exc)]}) from None


@extend_schema_view(
    list=extend_schema(
        summary="States Parties to the Convention",
        parameters=[ON],
        responses={200: StatePartySerializer(many=True), 400: BAD_REQUEST},
    ),
    retrieve=extend_schema(
        summary="One State Party by ISO3 code",
        parameters=[ON],
        responses={200: StatePartySerializer, 400: BAD_REQUEST, 404: NOT_FOUND},
    ),
)
class StatePartyViewSet(viewsets.ReadOnlyModelViewSet[StateParty]):
    serializer_class = StatePartySerializer
    pagination_class = OpenDataPagination
    queryset = StateParty.objects.order_by("iso3")
    lookup_field = "iso3"
    lookup_value_regex = "[A-Za-z]{3}"

    def get_queryset(self) -> QuerySet[StateParty]:
        states = StateParty.objects.order_by("iso3")
        day = _on(self.request)
        if self.action == "list" and day is not None:
            states = states.filter(pk__in=[state.pk for state in parties_on(day)])
        return states

    def get_serializer_context(self) -> dict[str, Any]:
        context = super().get_serializer_context()
        context["on"] = _on(self.request)
        return context

    def get_object(self) -> StateParty:
        self.kwargs["iso3"] = self.kwargs["iso3"].upper()
        return super().get_object()


@extend_schema_view(
    list=extend_schema(
        summary="Published contributions",
        responses={200: ContributionSerializer(many=True), 400: BAD_REQUEST},
        parameters=[
            YEAR,
            OpenApiParameter(
                "recipient", OpenApiTypes.STR, description="ISO3 of the recipient."
            ),
            OpenApiParameter("status", OpenApiTypes.STR, enum=Status.values),
            OpenApiParameter("sector", OpenApiTypes.STR, enum=Sector.values),
            OpenApiParameter("source", OpenApiTypes.STR, enum=Source.values),
        ],
    ),
    retrieve=extend_schema(
        summary="One published contribution",
        responses={200: ContributionSerializer, 404: NOT_FOUND},
    ),
)
class ContributionViewSet(viewsets.ReadOnlyModelViewSet[Contribution]):
    serializer_class = ContributionSerializer
    pagination_class = OpenDataPagination

    def get_queryset(self) -> QuerySet[Contribution]:
        contributions = (
            Contribution.objects.filter(is_published=True)
            .select_related("donor")
            .order_by("-year", "pk")
        )
        if self.action != "list":
            return contributions
        params = self.request.query_params
        year = _year(self.request)
        if year is not None:
            contributions = contributions.filter(year=year)
        if params.get("recipient"):
            contributions = contributions.filter(
                recipient_iso3=params["recipient"].upper()
            )
        for name, values in (
            ("status", Status.values),
            ("sector", Sector.values),
            ("source", Source.values),
        ):
            value = _choice(self.request, name, values)
            if value:
                contributions = contributions.filter(**{name: value})
        return contributions


@extend_schema_view(
    list=extend_schema(
        summary="Article 7 report submissions (compliance)",
        parameters=[YEAR, STATE],
        responses={200: SubmissionSerializer(many=True), 400: BAD_REQUEST},
    )
)
class SubmissionViewSet(ListViewSet[Submission]):
    serializer_class = SubmissionSerializer

    def get_queryset(self) -> QuerySet[Submission]:
        submissions = Submission.objects.select_related("state").order_by(
            "-year", "state__iso3"
        )
        if self.action != "list":
            return submissions
        year = _year(self.request)
        if year is not None:
            submissions = submissions.filter(year=year)
        if self.request.query_params.get("state"):
            submissions = submissions.filter(
                state__iso3=self.request.query_params["state"].upper()
            )
        return submissions


@extend_schema_view(
    list=extend_schema(
        summary="Published preliminary observations",
        parameters=[YEAR, STATE],
        responses={200: ObservationSerializer(many=True), 400: BAD_REQUEST},
    )
)
class ObservationViewSet(ListViewSet[Observation]):
    serializer_class = ObservationSerializer

    def get_queryset(self) -> QuerySet[Observation]:
        observations = (
            Observation.objects.filter(status="published")
            .select_related("state")
            .prefetch_related("texts")
            .order_by("-year", "state__iso3")
        )
        if self.action != "list":
            return observations
        year = _year(self.request)
        if year is not None:
            observations = observations.filter(year=year)
        if self.request.query_params.get("state"):
            observations = observations.filter(
                state__iso3=self.request.query_params["state"].upper()
            )
        return observations


@extend_schema_view(
    list=extend_schema(
        summary="The Committee's indicators, in checklist order",
        responses={200: IndicatorSerializer(many=True)},
    ),
    retrieve=extend_schema(
        summary="One indicator by code",
        parameters=[
            OpenApiParameter(
                "code",
                # A schema, not `enum=`: drf-spectacular sorts an `enum=` list, and the
                # codes keep their checklist order everywhere.
                {"type": "string", "enum": list(CODES)},
                OpenApiParameter.PATH,
            )
        ],
        responses={200: IndicatorSerializer, 404: NOT_FOUND},
    ),
)
class IndicatorViewSet(viewsets.ViewSet):
    """The indicators of `casework.domain.indicators`: codes, themes, labels."""

    lookup_field = "code"
    lookup_value_regex = "|".join(CODES)

    def list(self, request: Request) -> Response:
        return Response([IndicatorSerializer(found).data for found in INDICATORS])

    def retrieve(self, request: Request, code: str) -> Response:
        if not is_indicator(code):
            raise Http404(f"No indicator {code}")
        return Response(IndicatorSerializer(find_indicator(code)).data)


@require_safe
def docs(request: HttpRequest) -> HttpResponse:
    """A server-rendered list of the endpoints, read from the OpenAPI schema."""
    # drf-spectacular ships no type information for its generator.
    generator: Any = SchemaGenerator
    schema: dict[str, Any] = generator().get_schema(request=None, public=True)
    endpoints = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("summary", ""),
                    "parameters": [p["name"] for p in operation.get("parameters", [])],
                }
            )
    return render(
        request,
        "api/docs.html",
        {
            "endpoints": endpoints,
            "info": schema["info"],
            "has_swagger": apps.is_installed("drf_spectacular_sidecar"),
        },
    )


@require_safe
def swagger_ui(request: HttpRequest) -> HttpResponse:
    """Swagger UI from drf-spectacular-sidecar's static files: no CDN.

    A plain Django view (not DRF's): the site's context processors need the session user,
    which DRF replaces with None (UNAUTHENTICATED_USER) inside API views.
    """
    context = {
        "title": spectacular_settings.TITLE,
        "swagger_ui_css": static(f"{SWAGGER_DIST}/swagger-ui.css"),
        "swagger_ui_bundle": static(f"{SWAGGER_DIST}/swagger-ui-bundle.js"),
        "swagger_ui_standalone": static(
            f"{SWAGGER_DIST}/swagger-ui-standalone-preset.js"
        ),
        "favicon_href": static(f"{SWAGGER_DIST}/favicon-32x32.png"),
        "schema_url": reverse("api:schema"),
        "settings": json.dumps(spectacular_settings.SWAGGER_UI_SETTINGS),
        "oauth2_config": json.dumps(spectacular_settings.SWAGGER_UI_OAUTH2_CONFIG),
        "template_name_js": "drf_spectacular/swagger_ui.js",
        # The start-up script is served by this view (?script), not inline: the
        # Content-Security-Policy allows scripts from the site only (issue 15).
        "script_url": f"{request.path}?script",
        "csrf_header_name": "X-CSRFTOKEN",
        "schema_auth_names": "[]",
    }
    if "script" in request.GET:
        return render(
            request,
            "drf_spectacular/swagger_ui.js",
            context,
            content_type="application/javascript",
        )
    return render(request, "drf_spectacular/swagger_ui.html", context)
