"""The global mine action funding series (Landmine Monitor), shipped as data with its sources."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from casework.domain.locale import format_number

SERIES_FILE = Path(__file__).resolve().parent / "data" / "mine_action_funding.csv"
_LEADING_NUMBER = re.compile(r"^\s*([~>]?)\s*(\d+(?:\.\d+)?)\s*(.*)$")


@dataclass(frozen=True, slots=True)
class Figure:
    """A cell as published: its text, and the number in it when there is one."""

    text: str
    value: Decimal | None
    is_exact: bool

    @property
    def is_unknown(self) -> bool:
        return self.text == ""

    def localised(self, language: str) -> str:
        """The text with its number in the language's notation: "482.9" -> "482,9"."""
        match = _LEADING_NUMBER.match(self.text)
        if self.value is None or not match:
            return self.text
        qualifier, _number, rest = match.groups()
        written = format_number(self.value, language)
        return f"{qualifier}{written}{' ' + rest if rest else ''}"


def parse_figure(text: str) -> Figure:
    """'622' -> exact; '>1000' or '~794 (derived)' -> approximate; '' -> unknown."""
    text = text.strip()
    match = _LEADING_NUMBER.match(text)
    if not match:
        return Figure(text=text, value=None, is_exact=False)
    qualifier, number, rest = match.groups()
    return Figure(
        text=text, value=Decimal(number), is_exact=not qualifier and not rest.strip()
    )


@dataclass(frozen=True, slots=True)
class SeriesYear:
    year: int
    total_musd: Figure
    international_musd: Figure
    national_musd: Figure
    donors_reporting: Figure
    affected_states_reporting: Figure
    victim_assistance_intl_musd: Figure
    top_donors: str
    top_recipients: str
    monitor_edition: str
    source: str
    note: str


@lru_cache(maxsize=1)
def global_series() -> tuple[SeriesYear, ...]:
    """Every year of the shipped series, oldest first; blanks stay unknown."""
    with SERIES_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    return tuple(
        SeriesYear(
            year=int(row["year"]),
            total_musd=parse_figure(row["total_musd"]),
            international_musd=parse_figure(row["international_musd"]),
            national_musd=parse_figure(row["national_musd"]),
            donors_reporting=parse_figure(row["donors_reporting"]),
            affected_states_reporting=parse_figure(row["affected_states_reporting"]),
            victim_assistance_intl_musd=parse_figure(
                row["victim_assistance_intl_musd"]
            ),
            top_donors=row["top_donors"],
            top_recipients=row["top_recipients"],
            monitor_edition=row["monitor_edition"],
            source=row["source"],
            note=row["note"],
        )
        for row in rows
    )
