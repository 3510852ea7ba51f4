"""Donor-said against recipient-said: per donor → recipient pair and year, what the donor
reported giving (IATI, tables, its Article 7 Form J / online report) against what the
recipient's own report records receiving (source "state_report").

Only years for which the recipient's report is in the ledger are compared: a State that
has not reported is not a mismatch. Amounts are compared in US dollars (disbursements on
the donors' side, counted once); a pair is a mismatch when the two differ by more than
`MISMATCH_FROM` of the larger, or when one side has nothing. A pair with an entry that
waits for an exchange rate cannot be compared and says so.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import QuerySet

from casework.domain import state_names
from casework.funding.models import Contribution, Donor, Source, Status
from casework.funding.money import in_words
from casework.funding.totals import counted

MISMATCH_FROM = Decimal("0.10")

# "Norway reported USD 1.2 million to Senegal; Senegal's report records USD 0.8 million."
LINE = {
    "en": "{donor} reported {given} to {to} for {year}; {subject_cap}'s report records {received}.",
    "fr": "{donor} a déclaré {given} {dative} pour {year} ; le rapport {of} en mentionne {received}.",
    "es": "{donor} declaró {given} {dative} para {year}; el informe {of} registra {received}.",
}
NOTHING = {"en": "nothing", "fr": "rien", "es": "nada"}


@dataclass(frozen=True, slots=True)
class Pair:
    donor: Donor
    recipient_iso3: str
    year: int
    donor_said: Decimal
    recipient_said: Decimal
    comparable: bool  # False: an entry waits for an exchange rate

    @property
    def gap(self) -> Decimal:
        return self.donor_said - self.recipient_said

    @property
    def is_mismatch(self) -> bool:
        if not self.comparable:
            return False
        top = max(self.donor_said, self.recipient_said)
        return top > 0 and abs(self.gap) > MISMATCH_FROM * top

    def line(self, language: str) -> str:
        """The sentence an observation can quote, in `language`."""
        try:
            forms = state_names.forms(self.recipient_iso3, language)
            names = {
                "to": forms.subject,
                "dative": forms.dative,
                "of": forms.of,
                "subject_cap": forms.subject_cap,
            }
        except KeyError:  # not in the table of State names: the ISO3 code
            names = dict.fromkeys(
                ("to", "dative", "of", "subject_cap"), self.recipient_iso3
            )
        nothing = NOTHING.get(language, NOTHING["en"])
        template = LINE.get(language, LINE["en"])
        return template.format(
            donor=self.donor.name_in(language),
            given=in_words(self.donor_said, language) if self.donor_said else nothing,
            received=in_words(self.recipient_said, language)
            if self.recipient_said
            else nothing,
            year=self.year,
            **names,
        )


def pairs(contributions: QuerySet[Contribution]) -> list[Pair]:
    """Every donor → recipient pair and year where the recipient's report is in the ledger."""
    reports = contributions.filter(source=Source.STATE_REPORT)
    reported = set(reports.order_by().values_list("recipient_iso3", "year").distinct())
    if not reported:
        return []
    given: dict[tuple[int, str, int], Decimal] = defaultdict(Decimal)
    received: dict[tuple[int, str, int], Decimal] = defaultdict(Decimal)
    unconverted: set[tuple[int, str, int]] = set()
    donors: dict[int, Donor] = {}
    iso3s = {iso3 for iso3, _year in reported}
    donor_side = counted(
        contributions.filter(status=Status.DISBURSED, recipient_iso3__in=iso3s)
    ).select_related("donor")
    for side, entries in (
        (given, donor_side),
        (received, reports.select_related("donor")),
    ):
        for entry in entries:
            if (entry.recipient_iso3, entry.year) not in reported:
                continue
            key = (entry.donor_id, entry.recipient_iso3, entry.year)
            donors[entry.donor_id] = entry.donor
            if entry.amount_usd is None:
                unconverted.add(key)
            else:
                side[key] += entry.amount_usd
    keys = sorted(
        set(given) | set(received) | unconverted,
        key=lambda k: (-k[2], k[1], donors[k[0]].name),
    )
    return [
        Pair(
            donors[key[0]],
            key[1],
            key[2],
            given.get(key, Decimal(0)),
            received.get(key, Decimal(0)),
            key not in unconverted,
        )
        for key in keys
    ]


def mismatches(contributions: QuerySet[Contribution]) -> list[Pair]:
    return [pair for pair in pairs(contributions) if pair.is_mismatch]
