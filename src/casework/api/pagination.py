"""Paging of the open data API: limit/offset, bounded so that the database never overflows."""

from __future__ import annotations

from rest_framework.pagination import LimitOffsetPagination
from rest_framework.request import Request

MAX_OFFSET = 10**9


class OpenDataPagination(LimitOffsetPagination):
    default_limit = 100
    # SQLite refuses LIMIT/OFFSET beyond 64-bit integers: found by the Schemathesis test.
    max_limit = 1000

    def get_offset(self, request: Request) -> int:
        return min(super().get_offset(request), MAX_OFFSET)
