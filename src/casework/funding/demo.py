"""Demo funding data: invented donors, contributions, rates, needs and priorities.

Every figure here is invented for the demo; every reference says "Demo". Running it twice
changes nothing (natural keys and get_or_create).
"""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from casework.funding.models import (
    Donor,
    DonorKind,
    DonorPriority,
    Need,
    NeedSource,
    Sector,
    Source,
    Status,
)
from casework.funding.needs_sources import pull_needs_from_extensions
from casework.funding.services import (
    ContributionRow,
    ImportResult,
    ReceivedLine,
    record_state_report,
    save_need,
    save_rows,
    set_rate,
)
from casework.states.models import StateParty

DEMO = "Demo data (invented)"
RATES = [
    ("EUR", 2021, "0.85"),
    ("EUR", 2022, "0.95"),
    ("EUR", 2023, "0.92"),
    ("EUR", 2024, "0.92"),
    ("NOK", 2021, "8.6"),
    ("NOK", 2022, "9.6"),
    ("NOK", 2023, "10.6"),
    ("JPY", 2022, "131"),
    ("JPY", 2023, "140"),
    ("JPY", 2024, "151"),
    # No GBP rate for 2024 on purpose: the demo shows a flagged, unconverted entry.
    ("GBP", 2023, "0.80"),
]
DONORS = [
    ("Demo Northland", DonorKind.STATE, "NOK"),
    ("Demo Union", DonorKind.EU, "EUR"),
    ("Demo Eastern Isles", DonorKind.STATE, "JPY"),
    ("Demo Westshire", DonorKind.STATE, "GBP"),
    ("Demo Foundation for Recovery", DonorKind.PRIVATE, "USD"),
    ("Demo UN Trust Fund", DonorKind.UN, "USD"),
]
# donor index, recipient, year, amount (thousands), sector, channel, status
FLOWS = [
    (0, "AGO", 2021, 30000, Sector.CLEARANCE, "ngo", Status.DISBURSED),
    (0, "AGO", 2022, 32000, Sector.CLEARANCE, "ngo", Status.DISBURSED),
    (0, "AGO", 2023, 45000, Sector.CLEARANCE, "ngo", Status.DISBURSED),
    (0, "COL", 2023, 20000, Sector.RISK_EDUCATION, "ngo", Status.DISBURSED),
    (0, "KHM", 2022, 15000, Sector.VICTIM_ASSISTANCE, "ngo", Status.DISBURSED),
    (1, "AGO", 2023, 2500, Sector.CLEARANCE, "trust_fund", Status.DISBURSED),
    (1, "UKR", 2023, 12000, Sector.CLEARANCE, "un", Status.DISBURSED),
    (1, "UKR", 2024, 15000, Sector.CLEARANCE, "un", Status.COMMITTED),
    (1, "BIH", 2022, 3000, Sector.CLEARANCE, "bilateral", Status.DISBURSED),
    (1, "ZWE", 2024, 1800, Sector.CLEARANCE, "ngo", Status.DISBURSED),
    (2, "KHM", 2022, 300000, Sector.CLEARANCE, "bilateral", Status.DISBURSED),
    (2, "KHM", 2024, 450000, Sector.CAPACITY, "bilateral", Status.DISBURSED),
    (2, "AFG", 2023, 200000, Sector.RISK_EDUCATION, "un", Status.DISBURSED),
    (3, "IRQ", 2023, 4000, Sector.CLEARANCE, "ngo", Status.DISBURSED),
    (3, "AGO", 2024, 1500, Sector.CLEARANCE, "ngo", Status.DISBURSED),
    (4, "SEN", 2023, 250, Sector.VICTIM_ASSISTANCE, "ngo", Status.DISBURSED),
    (4, "AGO", 2024, 400, Sector.VICTIM_ASSISTANCE, "ngo", Status.DISBURSED),
    (5, "SDN", 2022, 1200, Sector.CLEARANCE, "trust_fund", Status.DISBURSED),
    (5, "ZWE", 2023, 900, Sector.CLEARANCE, "trust_fund", Status.PLEDGED),
]
# recipient, year, amount (thousands USD unless a currency is given), sector, source
NEEDS = [
    ("AGO", 2023, 12000, "USD", Sector.CLEARANCE, NeedSource.EXTENSION_REQUEST),
    ("AGO", 2024, 15000, "USD", Sector.CLEARANCE, NeedSource.EXTENSION_REQUEST),
    ("AGO", 2025, 16000, "USD", Sector.CLEARANCE, NeedSource.REPORT),
    ("SEN", 2024, 900, "EUR", Sector.CLEARANCE, NeedSource.CASE),
    ("ZWE", 2024, 6000, "USD", Sector.CLEARANCE, NeedSource.EXTENSION_REQUEST),
    ("KHM", 2024, 30000, "USD", Sector.CLEARANCE, NeedSource.REPORT),
    ("COL", 2025, 8000, "GBP", Sector.RISK_EDUCATION, NeedSource.MANUAL),
]
PRIORITIES = [
    (0, Sector.CLEARANCE, "africa", "", "Land release in Africa"),
    (4, Sector.VICTIM_ASSISTANCE, "", "", "Survivors' economic inclusion"),
    (3, "", "", "SEN", "Casamance clearance"),
]


@transaction.atomic
def load_demo() -> None:
    for currency, year, rate in RATES:
        set_rate(currency, year, Decimal(rate), source=DEMO)
    donors: list[Donor] = []
    for name, kind, _currency in DONORS:
        donor, _ = Donor.objects.get_or_create(name=name, defaults={"kind": kind})
        donors.append(donor)
    rows: list[ContributionRow] = []
    for index, (number, iso3, year, thousands, sector, channel, status) in enumerate(
        FLOWS
    ):
        name, kind, currency = DONORS[number]
        rows.append(
            ContributionRow(
                natural_key=f"demo:{index}",
                donor_name=name,
                donor_kind=kind,
                recipient_iso3=iso3,
                year=year,
                amount=Decimal(thousands * 1000),
                currency=currency,
                status=status,
                source=Source.MANUAL if index % 3 else Source.ARTICLE7,
                source_reference=f"{DEMO}, entry {index + 1}",
                sector=sector,
                channel=channel,
                is_published=True,
            )
        )
    # The same money as entry 1, as the demo IATI file would report it: a duplicate.
    rows.append(
        ContributionRow(
            natural_key="demo:iati-duplicate",
            donor_name=DONORS[0][0],
            donor_kind=DONORS[0][1],
            recipient_iso3="AGO",
            year=2021,
            amount=Decimal(30_000_000),
            currency="NOK",
            status=Status.DISBURSED,
            source=Source.IATI,
            source_reference=f"{DEMO}, IATI activity XX-DEMO-1",
            sector=Sector.CLEARANCE,
            channel="ngo",
            is_published=True,
        )
    )
    save_rows(rows, batch=None, result=ImportResult())
    # Angola's own (invented) report on assistance received in 2023: it agrees with Demo
    # Union and records less than Demo Northland says it gave, a mismatch to reconcile.
    record_state_report(
        "AGO",
        2023,
        [
            ReceivedLine("Demo Northland", Decimal(2_800_000), "USD", Sector.CLEARANCE),
            ReceivedLine("Demo Union", Decimal(2_500_000), "EUR", Sector.CLEARANCE),
        ],
        reference=f"{DEMO}, Angola Article 7 report 2023, assistance received",
        publish=False,
    )
    for iso3, year, thousands, currency, sector, source in NEEDS:
        state = StateParty.objects.get(iso3=iso3)
        if Need.objects.filter(
            state=state, year=year, source=source, source_reference__startswith=DEMO
        ).exists():
            continue
        save_need(
            Need(
                state=state,
                year=year,
                amount=Decimal(thousands * 1000),
                currency=currency,
                sector=sector,
                source=source,
                source_reference=f"{DEMO}",
                is_published=True,
            )
        )
    # Needs stated in the demo extension requests (budget: international funding sought).
    pull_needs_from_extensions()
    for number, priority_sector, region, iso3, statement in PRIORITIES:
        DonorPriority.objects.get_or_create(
            donor=donors[number],
            sector=priority_sector,
            region=region,
            recipient_iso3=iso3,
            defaults={"statement": statement, "source_reference": DEMO},
        )
