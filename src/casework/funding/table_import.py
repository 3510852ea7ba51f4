"""CSV/XLSX imports with published templates: contributions and exchange rates.

Every row is checked on its own; a bad row gets a message naming its row number and
column, and the good rows are still imported.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from openpyxl import load_workbook

from casework.funding.models import Channel, DonorKind, Sector, Source, Status
from casework.funding.services import ContributionRow

CONTRIBUTION_COLUMNS = (
    "donor",
    "donor_kind",
    "donor_iso3",
    "recipient_iso3",
    "year",
    "amount",
    "currency",
    "status",
    "sector",
    "channel",
    "source",
    "source_reference",
    "description",
)
CONTRIBUTION_EXAMPLE = (
    "Norway",
    "state",
    "NOR",
    "AGO",
    "2024",
    "1500000",
    "NOK",
    "disbursed",
    "clearance",
    "ngo",
    "article7",
    "Norway Article 7 report 2024, form J",
    "Survey and clearance in Cuando Cubango",
)
RATE_COLUMNS = ("currency", "year", "units_per_usd", "source")
RATE_EXAMPLE = ("NOK", "2024", "10.75", "central bank annual average")
REQUIRED = {
    "donor",
    "recipient_iso3",
    "year",
    "amount",
    "currency",
    "status",
    "source",
    "source_reference",
}


class TableError(ValueError):
    """The file cannot be read as the template; the message says what to do."""


@dataclass
class ParsedTable:
    rows: list = field(default_factory=list)
    skipped: int = 0
    messages: list[tuple[str, str]] = field(default_factory=list)


def read_table(data: bytes, *, filename: str) -> list[dict[str, str]]:
    """The rows of a CSV or XLSX file as dicts keyed by the header (lower-cased)."""
    if filename.lower().endswith(".xlsx"):
        try:
            workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        except Exception as exc:  # openpyxl raises many types for a broken file
            raise TableError(f"{filename}: not a readable XLSX file ({exc})") from exc
        sheet = workbook.worksheets[0]
        values = [
            ["" if cell is None else str(cell).strip() for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    elif filename.lower().endswith(".csv"):
        text = data.decode("utf-8-sig", errors="replace")
        values = [
            [cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))
        ]
    else:
        raise TableError(
            f"{filename}: upload a .csv or .xlsx file made from the template"
        )
    if not values:
        raise TableError(f"{filename}: the file is empty")
    header = [name.strip().lower() for name in values[0]]
    return [
        dict(zip(header, row, strict=False))
        for row in values[1:]
        if any(cell for cell in row)
    ]


def _choice(value: str, choices: type, default: str | None) -> str:
    value = value.strip().lower().replace(" ", "_")
    if not value and default is not None:
        return default
    if value in choices.values:
        return value
    raise ValueError(f"'{value}' is not one of {', '.join(choices.values)}")


def _decimal(value: str) -> Decimal:
    cleaned = value.replace(",", "").replace(" ", "")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(f"'{value}' is not a number") from None
    if not number.is_finite():
        raise ValueError(f"'{value}' is not a number")
    return number


def _year(value: str) -> int:
    if not re.fullmatch(r"\d{4}(\.0)?", value):
        raise ValueError(f"'{value}' is not a year")
    year = int(value[:4])
    if not 1990 <= year <= 2100:
        raise ValueError(f"{year} is outside 1990-2100")
    return year


def parse_contributions(
    data: bytes, *, filename: str, publish: bool = False
) -> ParsedTable:
    parsed = ParsedTable()
    table = read_table(data, filename=filename)
    if table:
        missing = REQUIRED - set(table[0])
        if missing:
            raise TableError(
                f"{filename}: columns missing: {', '.join(sorted(missing))}; "
                "start from the published template"
            )
    for number, raw in enumerate(table, start=2):
        where = f"row {number}"
        try:
            parsed.rows.append(_contribution_row(raw, publish=publish))
        except ValueError as exc:
            parsed.skipped += 1
            parsed.messages.append((where, str(exc)))
    return parsed


def _field(raw: dict[str, str], name: str, parse, *args):
    try:
        return parse(raw.get(name, "") or "", *args)
    except ValueError as exc:
        raise ValueError(f"{name}: {exc}") from None


def _required(value: str) -> str:
    if not value.strip():
        raise ValueError("is empty")
    return value.strip()


def _iso3(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{3}", value.strip()):
        raise ValueError(f"'{value}' is not an ISO 3166 alpha-3 code")
    return value.strip().upper()


def _currency(value: str) -> str:
    if not re.fullmatch(r"[A-Za-z]{3}", value.strip()):
        raise ValueError(f"'{value}' is not an ISO 4217 code")
    return value.strip().upper()


def _contribution_row(raw: dict[str, str], *, publish: bool) -> ContributionRow:
    donor = _field(raw, "donor", _required)
    recipient = _field(raw, "recipient_iso3", _iso3)
    year = _field(raw, "year", _year)
    amount = _field(raw, "amount", _decimal)
    currency = _field(raw, "currency", _currency)
    status = _field(raw, "status", _choice, Status, None)
    source = _field(raw, "source", _choice, Source, None)
    reference = _field(raw, "source_reference", _required)
    sector = _field(raw, "sector", _choice, Sector, Sector.UNSPECIFIED)
    channel = _field(raw, "channel", _choice, Channel, Channel.UNKNOWN)
    kind = _field(raw, "donor_kind", _choice, DonorKind, DonorKind.OTHER)
    donor_iso3 = raw.get("donor_iso3", "").strip().upper()
    if donor_iso3:
        donor_iso3 = _field(raw, "donor_iso3", _iso3)
    key = ":".join(
        [
            "table",
            source,
            reference,
            donor,
            recipient,
            str(year),
            status,
            sector,
            currency,
            str(amount.normalize()),
        ]
    )
    return ContributionRow(
        natural_key=key,
        donor_name=donor,
        donor_kind=kind,
        donor_iso3=donor_iso3,
        recipient_iso3=recipient,
        year=year,
        amount=amount,
        currency=currency,
        status=status,
        source=source,
        source_reference=reference,
        sector=sector,
        channel=channel,
        description=raw.get("description", "").strip(),
        is_published=publish,
    )


@dataclass(frozen=True, slots=True)
class RateRow:
    currency: str
    year: int
    units_per_usd: Decimal
    source: str


def parse_rates(data: bytes, *, filename: str) -> ParsedTable:
    parsed = ParsedTable()
    for number, raw in enumerate(read_table(data, filename=filename), start=2):
        try:
            rate = _field(raw, "units_per_usd", _decimal)
            if rate <= 0:
                raise ValueError("units_per_usd: must be more than 0")
            parsed.rows.append(
                RateRow(
                    currency=_field(raw, "currency", _currency),
                    year=_field(raw, "year", _year),
                    units_per_usd=rate,
                    source=raw.get("source", "").strip(),
                )
            )
        except ValueError as exc:
            parsed.skipped += 1
            parsed.messages.append((f"row {number}", str(exc)))
    return parsed
