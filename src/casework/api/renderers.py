"""`?format=csv` on the open data API: the same rows as the JSON, one line each.

Nested objects become dotted columns (`donor.name`), lists are joined with "; ". Cells go
through the one exporter (`casework.exports.tables.render_csv`), so text a spreadsheet would
run as a formula is neutralised. A list answers its current page (`limit`/`offset` as for
JSON, at most `OpenDataPagination.max_limit` rows); the next page is in the `Link` header.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from rest_framework.renderers import BaseRenderer

from casework.exports.tables import render_csv

Flat = dict[str, object]


def flatten(value: object, prefix: str = "") -> Flat:
    """{"donor": {"name": "Norway"}} -> {"donor.name": "Norway"}."""
    if isinstance(value, Mapping):
        flat: Flat = {}
        for key, item in value.items():
            flat.update(flatten(item, f"{prefix}{key}."))
        return flat
    name = prefix.removesuffix(".") or "value"
    if isinstance(value, list | tuple):
        if all(not isinstance(item, Mapping | list | tuple) for item in value):
            return {
                name: "; ".join("" if item is None else str(item) for item in value)
            }
        return {name: "; ".join(str(flatten(item)) for item in value)}
    return {name: value}


def rows_of(data: object) -> list[Flat]:
    if isinstance(data, Mapping) and isinstance(data.get("results"), list):
        data = data["results"]
    items: Iterable[object] = data if isinstance(data, list) else [data]
    return [flatten(item) for item in items]


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        context = renderer_context or {}
        rows = rows_of(data)
        header: list[str] = []
        for row in rows:
            header += [key for key in row if key not in header]
        response = context.get("response")
        view = context.get("view")
        if response is not None and response.status_code < 400:
            stem = getattr(view, "basename", None) or "data"
            response["Content-Disposition"] = f'attachment; filename="{stem}.csv"'
            if isinstance(data, Mapping) and data.get("next"):
                response["Link"] = f'<{data["next"]}>; rel="next"'
        return render_csv(header, ([row.get(key) for key in header] for row in rows))
