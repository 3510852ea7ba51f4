"""GET /api/: where the open data is, in what formats, and under which limits."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

ENDPOINTS = {
    "states": "api:state-list",
    "contributions": "api:contribution-list",
    "compliance_submissions": "api:submission-list",
    "observations": "api:observation-list",
    "indicators": "api:indicator-list",
}


class ApiRoot(APIView):
    """The list of endpoints, the schema and the documentation."""

    @extend_schema(exclude=True)
    def get(self, request: Request) -> Response:
        absolute = request.build_absolute_uri
        return Response(
            {
                "endpoints": {
                    name: absolute(reverse(route)) for name, route in ENDPOINTS.items()
                },
                "schema": absolute(reverse("api:schema")),
                "documentation": absolute(reverse("api:docs")),
                "formats": ["json", "csv"],
                "paging": "limit and offset; at most 1000 rows per page",
                "rate_limit": getattr(settings, "CASEWORK_API_RATE", None) or None,
                "methods": ["GET", "HEAD", "OPTIONS"],
            }
        )


api_root = ApiRoot.as_view()
