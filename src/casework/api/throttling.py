"""How often one address may call the open data API.

The rate is the setting `CASEWORK_API_RATE` ("120/min" by default, from the environment
variable of the same name; empty or "off" turns the limit off). It is read on every
request, so a test or an operator can change it without a restart. Beyond it the API
answers 429 with a `Retry-After` header and a sentence saying when to try again.
"""

from __future__ import annotations

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class OpenDataThrottle(AnonRateThrottle):
    scope = "open_data"

    def get_rate(self) -> str | None:
        rate = getattr(settings, "CASEWORK_API_RATE", None)
        return rate or None
