"""Data versions: cheap stamps that change when a kind of data changes.

A stamp is one cache read, never a query. Saving or deleting a row of a watched model
(`apps.WebConfig.ready`) drops the stamp, so the next reader makes a new one; a stamp
also lapses after `LIFETIME`, which catches writes that bypass model signals
(`QuerySet.update`, `bulk_create`, raw SQL). Caches keyed by a stamp are therefore
rebuilt once per change of their data, and at most once per `LIFETIME` otherwise.
"""

from __future__ import annotations

import functools
import secrets

from django.core.cache import cache
from django.db import transaction

LIFETIME = 3600  # seconds
_PREFIX = "version:"


def stamp(kind: str) -> str:
    """The current stamp of `kind` (e.g. "states"), made on first use."""
    key = _PREFIX + kind
    current: str | None = cache.get(key)
    if current is None:
        fresh = secrets.token_hex(6)
        # add() keeps the first writer's stamp when two requests race.
        cache.add(key, fresh, timeout=LIFETIME)
        current = cache.get(key) or fresh
    return current


def bump(kind: str) -> None:
    """Mark `kind` as changed: the next `stamp(kind)` is a new one."""
    cache.delete(_PREFIX + kind)


def bump_on_commit(*kinds: str) -> None:
    """Bump `kinds` now and again when the current transaction commits (at once outside
    one). For bulk writes that send no signal (`QuerySet.update`, `bulk_create`)."""
    for kind in kinds:
        bump(kind)
        transaction.on_commit(functools.partial(bump, kind))
