"""Demo committee: the 2025 Committee on the Enhancement of Cooperation and Assistance.

Members and roles as the Committee's 2025 work describes them. The terms run from the
end of the Fifth Review Conference (29 November 2024) to the end of the Twenty-second
Meeting of the States Parties (5 December 2025); the chair passed from Denmark to Türkiye
at the intersessional meetings (Denmark until 18 June 2025, Türkiye from 19 June).
"""

from __future__ import annotations

import datetime as dt

from casework.states.models import (
    Committee,
    CommitteeMembership,
    CommitteeRole,
    StateParty,
)

TERM = (dt.date(2024, 11, 29), dt.date(2025, 12, 5))
SOURCE = "Demo data: the Committee's composition and roles in 2025."
# iso3 -> roles (kind, from, until) inside the term
COOPERATION_2025: dict[str, tuple[tuple[str, dt.date, dt.date], ...]] = {
    "CMR": (("gender_focal_point", dt.date(2025, 1, 1), dt.date(2025, 12, 5)),),
    "DNK": (("chair", dt.date(2025, 1, 1), dt.date(2025, 6, 18)),),
    "CHE": (),
    "TUR": (("chair", dt.date(2025, 6, 19), dt.date(2025, 12, 5)),),
}


def load_demo() -> None:
    """Create the memberships and roles once (safe to run again)."""
    committee = Committee.objects.get(code=Committee.Code.COOPERATION)
    start, end = TERM
    for iso3, roles in COOPERATION_2025.items():
        membership, _ = CommitteeMembership.objects.get_or_create(
            state=StateParty.objects.get(iso3=iso3),
            committee=committee,
            start=start,
            defaults={"end": end, "source": SOURCE},
        )
        for kind, role_start, role_end in roles:
            CommitteeRole.objects.get_or_create(
                membership=membership,
                kind=kind,
                start=role_start,
                defaults={"end": role_end},
            )
