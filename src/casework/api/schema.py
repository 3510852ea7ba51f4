"""OpenAPI components built from `casework.domain`, named once.

drf-spectacular names an enum after the field that uses it, so the indicator codes
would appear twice ("CodeEnum", "IndicatorsEnum"). This extension makes every
`IndicatorCodeField` a reference to one component, `IndicatorCode`, whose values are
`casework.domain.indicators.CODES` in checklist order.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent

from casework.domain.indicators import CODES

INDICATOR_CODE = "IndicatorCode"
# drf-spectacular's component class carries no annotations.
_Component: Any = ResolvedComponent


# The base's __init_subclass__ (which registers the extension) is unannotated upstream.
class IndicatorCodeFieldExtension(OpenApiSerializerFieldExtension):  # type: ignore[no-untyped-call]
    target_class = "casework.api.serializers.IndicatorCodeField"

    def map_serializer_field(self, auto_schema: Any, direction: str) -> dict[str, Any]:
        component = _Component(
            name=INDICATOR_CODE,
            type=_Component.SCHEMA,
            object=INDICATOR_CODE,
            schema={
                "type": "string",
                "enum": list(CODES),
                "description": "An indicator code of the Committee's checklist "
                "(see /api/indicators/).",
            },
        )
        auto_schema.registry.register_on_missing(component)
        ref: dict[str, Any] = component.ref
        return ref
