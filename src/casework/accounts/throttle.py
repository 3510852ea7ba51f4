"""Password-reset throttling: so many requests an hour per client address and per e-mail.

Each reset request counts once against its address (`client_address`, trusted proxies
only) and once against the e-mail address typed (hashed, lower case), in the shared
cache. Beyond `settings.PASSWORD_RESET_PER_HOUR` for either, the request is refused with
a message saying when to try again; whether the e-mail belongs to an account is never
revealed (the same limit applies to every address typed).
"""

from __future__ import annotations

import hashlib
import time

from django.conf import settings
from django.core.cache import cache

WINDOW_SECONDS = 3600


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.strip().lower().encode()).hexdigest()[:32]
    return f"casework:reset:{kind}:{digest}"


def _count(key: str, now: float) -> tuple[int, float]:
    """This hour's requests for `key`, counting this one, and when the hour ends."""
    started = cache.get(key + ":start")
    if started is None or now - float(started) >= WINDOW_SECONDS:
        cache.set(key + ":start", now, WINDOW_SECONDS)
        cache.set(key, 1, WINDOW_SECONDS)
        return 1, now + WINDOW_SECONDS
    try:
        count = cache.incr(key)
    except ValueError:  # expired between the two reads
        cache.set(key, 1, WINDOW_SECONDS)
        count = 1
    return int(count), float(started) + WINDOW_SECONDS


def reset_allowed(*, address: str, email: str) -> tuple[bool, int]:
    """(allowed, minutes until the next request is allowed when it is not)."""
    limit = int(getattr(settings, "PASSWORD_RESET_PER_HOUR", 5))
    if limit <= 0:
        return True, 0
    now = time.time()
    ends = now
    allowed = True
    for kind, value in (("address", address), ("email", email)):
        count, until = _count(_key(kind, value), now)
        if count > limit:
            allowed = False
            ends = max(ends, until)
    return allowed, max(1, round((ends - now) / 60)) if not allowed else 0
