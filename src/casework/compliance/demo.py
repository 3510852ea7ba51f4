"""Demo Article 7 submissions for two years (dates derived from the ISO3, so stable)."""

from __future__ import annotations

import datetime as dt
import zlib

from casework.compliance import services
from casework.states.models import StateParty

YEARS = (2024, 2025)


def load_demo() -> None:
    for state in StateParty.objects.all():
        for year in YEARS:
            if state.is_party_on(services.deadline(year)) is not True:
                continue  # not yet (or no longer) bound: no report was due
            seed = zlib.crc32(f"{state.iso3}{year}".encode()) % 100
            if seed < 15:
                continue  # missing
            # Most on time (mid-January to late April), some late (May to early July).
            offset = (seed - 15) * 3 // 2 if seed < 80 else 106 + (seed - 80) * 3
            submitted = dt.date(year, 1, 15) + dt.timedelta(days=offset)
            services.record_submission(
                state, year, submitted_at=submitted, source="demo"
            )
