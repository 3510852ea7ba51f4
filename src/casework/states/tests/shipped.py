"""The product's registry file read directly (csv module), for tests to derive expectations."""

from __future__ import annotations

import csv
import datetime as dt
import functools

from casework.states.services import SHIPPED_REGISTRY


@functools.cache
def _rows() -> tuple[dict[str, str], ...]:
    with SHIPPED_REGISTRY.open(encoding="utf-8") as handle:
        return tuple(csv.DictReader(handle))


def rows() -> tuple[dict[str, str], ...]:
    return _rows()


def row(iso3: str) -> dict[str, str]:
    return next(r for r in _rows() if r["iso3"] == iso3)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)
