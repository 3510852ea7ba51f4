"""Read IATI activity files (standard 2.0x) into contribution rows: mine action only.

Which activities are mine action (decision, see README):
- sector vocabulary 1 (OECD DAC 5-digit, the default when `vocabulary` is absent):
  code 15250 "Removal of land mines and explosive remnants of war" only. Its neighbours in
  152 "Conflict, peace & security" are not mine action: 15261 child soldiers, 15240
  reintegration and small arms control, 15230 peacebuilding operations, etc.
- vocabulary 2 (DAC 3-digit): 152 is far too broad on its own, so it counts only when the
  activity's title or description names mine action (keywords below, EN/FR/ES).
- other vocabularies (reporting organisations' own codes) are ignored.
The mine-action share is the sector's percentage; a transaction's own sector wins over the
activity's. Each recipient country gets its percentage of the money.

Numbers (values, percentages) are read by the one parser, `domain.locale.parse_number`,
with the point as decimal mark, as the IATI standard (xsd:decimal) writes them: a value
such as "823,4" is refused with a message naming the transaction, never read as 8234, and
a percentage that cannot be read skips its activity instead of counting as 100 %.

The parser reads no DTD, expands no entity and opens no network connection.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, BinaryIO

import pycountry
from lxml import etree

from casework.domain.locale import NumberFormatError, parse_number
from casework.funding.models import Channel, DonorKind, Sector, Source, Status
from casework.funding.services import ContributionRow

MINE_ACTION_DAC5 = frozenset({"15250"})
BROAD_DAC3 = frozenset({"152"})
MINE_ACTION_WORDS = re.compile(
    r"\b(land ?mines?|mine action|demining|de-mining|mine clearance|explosive remnants"
    r"|ERW|UXO|unexploded|explosive ordnance|mine risk|mine victims?|anti-personnel mines?"
    r"|déminage|mines antipersonnel|restes explosifs|desminado|minas antipersonal"
    r"|restos explosivos|acción contra las minas|action contre les mines)\b",
    re.IGNORECASE,
)
TRANSACTION_STATUS = {
    "2": Status.COMMITTED,  # commitment
    "3": Status.DISBURSED,  # disbursement
    "4": Status.DISBURSED,  # expenditure: spent directly by the reporting organisation
    "12": Status.PLEDGED,  # outgoing pledge (2.03)
}
INCOMING = {"1": "incoming funds", "11": "incoming commitment"}
ORG_KIND = {"10": DonorKind.STATE, "11": DonorKind.STATE, "40": DonorKind.UN}
PRIVATE_ORG_TYPES = {"60", "70", "71", "72", "73"}
CHANNEL_OF_ORG_TYPE = {
    "10": Channel.BILATERAL,
    "11": Channel.BILATERAL,
    "15": Channel.BILATERAL,
    "21": Channel.NGO,
    "22": Channel.NGO,
    "23": Channel.NGO,
    "24": Channel.NGO,
    "40": Channel.UN,
}
SECTOR_WORDS = [
    (
        re.compile(r"victim|survivor|rehabilitation|victime|víctima", re.I),
        Sector.VICTIM_ASSISTANCE,
    ),
    (
        re.compile(r"risk education|EORE|MRE|sensibilisation", re.I),
        Sector.RISK_EDUCATION,
    ),
    (re.compile(r"stockpile|stocks", re.I), Sector.STOCKPILE_DESTRUCTION),
    (re.compile(r"capacity|training|formation|capacidad", re.I), Sector.CAPACITY),
    (re.compile(r"advocacy|universali[sz]ation|plaidoyer", re.I), Sector.ADVOCACY),
    (
        re.compile(r"clearance|demining|survey|déminage|desminado|removal", re.I),
        Sector.CLEARANCE,
    ),
]
# Read as a stream in the worker: the size bounds the disk, not the memory.
MAX_BYTES = 4 * 1024 * 1024 * 1024


class IatiError(ValueError):
    """The file cannot be read as an IATI activity file; the message says why and what to do."""


@dataclass
class ParsedFile:
    rows: list[ContributionRow] = field(default_factory=list)
    skipped: int = 0
    messages: list[tuple[str, str]] = field(default_factory=list)
    activities_seen: int = 0
    activities_mine_action: int = 0
    dropped_messages: int = 0


def safe_parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def iso3_of(iso2: str) -> str:
    country = pycountry.countries.get(alpha_2=iso2.strip().upper())
    return country.alpha_3 if country else ""


def _text(element: etree._Element | None) -> str:
    """The first narrative of an element (2.0x), or its own text."""
    if element is None:
        return ""
    narratives = element.findall("narrative")
    if narratives:
        return " ".join((n.text or "").strip() for n in narratives[:1]).strip()
    return (element.text or "").strip()


def _mine_action_sectors(
    sectors: list[etree._Element], words: str
) -> list[etree._Element]:
    has_keyword: bool | None = None  # searched only when a DAC 3-digit 152 needs it
    found = []
    for sector in sectors:
        vocabulary = sector.get("vocabulary", "1").strip()
        code = sector.get("code", "").strip()
        if vocabulary == "1" and code in MINE_ACTION_DAC5:
            found.append(sector)
        elif vocabulary == "2" and code in BROAD_DAC3:
            if has_keyword is None:
                has_keyword = bool(MINE_ACTION_WORDS.search(words))
            if has_keyword:
                found.append(sector)
    return found


def _is_mine_action(sectors: list[etree._Element], words: str) -> bool:
    return bool(_mine_action_sectors(sectors, words))


def mine_action_share(sectors: list[etree._Element], words: str) -> Decimal | None:
    """The mine-action fraction of the money (0-1), or None when it is not mine action.

    NumberFormatError when a mine-action sector's percentage cannot be read."""
    found = _mine_action_sectors(sectors, words)
    if not found:
        return None
    share = sum((_percentage(s.get("percentage")) for s in found), Decimal(0))
    return min(share, Decimal(1))


IATI_DECIMAL = "."  # xsd:decimal


def iati_number(raw: str) -> Decimal:
    """A number as IATI writes it ("1500000.50"); NumberFormatError says what is wrong."""
    return parse_number(raw, decimal=IATI_DECIMAL)


def _percentage(raw: str | None) -> Decimal:
    """A percentage attribute as a share (0-1); absent means all of it."""
    if raw is None or not raw.strip():
        return Decimal(1)
    return iati_number(raw) / 100


def _unreadable(exc: NumberFormatError, what: str) -> str:
    return (
        f"{what} {exc.raw!r} {exc.reason}; IATI writes numbers with a point before "
        "the decimals and no thousands separator (1500000.5)"
    )


def _sector_of(words: str) -> str:
    for pattern, sector in SECTOR_WORDS:
        if pattern.search(words):
            return sector
    return Sector.UNSPECIFIED


def _donor_kind(org: etree._Element | None, name: str) -> str:
    ref = (org.get("ref", "") if org is not None else "").upper()
    org_type = org.get("type", "") if org is not None else ""
    if "EUROPEAN" in name.upper() or ref.startswith(("XI-IATI-EC", "XI-IATI-EU")):
        return DonorKind.EU
    if org_type in PRIVATE_ORG_TYPES:
        return DonorKind.PRIVATE
    return ORG_KIND.get(org_type, DonorKind.OTHER)


def _donor_iso3(ref: str, kind: str) -> str:
    match = re.match(r"^([A-Z]{2})-(GOV|COH|DAC)", ref.upper())
    if kind == DonorKind.STATE and match and match.group(2) == "GOV":
        return iso3_of(match.group(1))
    return ""


# Messages kept for one file: a publisher's file can repeat one problem thousands of times.
MAX_MESSAGES = 2_000


def read_iati(data: bytes, *, filename: str, publish: bool = False) -> ParsedFile:
    """Contribution rows for the mine action transactions in an IATI activity file."""
    parsed = ParsedFile()
    for row in stream_iati(
        io.BytesIO(data), filename=filename, parsed=parsed, publish=publish
    ):
        parsed.rows.append(row)
    return parsed


def stream_iati(
    handle: BinaryIO,
    *,
    filename: str,
    parsed: ParsedFile,
    publish: bool = False,
    on_activity: Callable[[], None] | None = None,
) -> Iterator[ContributionRow]:
    """The rows of an IATI activity file read as a stream, one activity at a time.

    Each activity is cleared once read and dropped from the tree, so memory holds one
    activity, not the file; `parsed` collects the counts and messages (rows are yielded).
    `on_activity` is called after each activity (the worker reports progress there).
    """
    events = etree.iterparse(
        handle,
        events=("start", "end"),
        tag=("iati-activities", "iati-activity"),
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=True,  # a long text node is fine; entities are never expanded
        remove_comments=True,
        remove_pis=True,
    )
    root: etree._Element | None = None
    try:
        for event, element in events:
            if event == "start":
                if element.tag == "iati-activities" and root is None:
                    root = element
                    version = element.get("version", "")
                    if version and not version.startswith("2."):
                        parsed.messages.append(
                            (
                                filename,
                                f"version {version}: read as 2.0x, check the figures",
                            )
                        )
                continue
            if element.tag != "iati-activity" or root is None:
                continue
            parsed.activities_seen += 1
            found: list[ContributionRow] = []
            _read_activity(
                element, filename=filename, publish=publish, parsed=parsed, found=found
            )
            yield from found
            element.clear()
            while element.getprevious() is not None:
                del root[0]
            if len(parsed.messages) > MAX_MESSAGES:
                parsed.dropped_messages += len(parsed.messages) - MAX_MESSAGES
                del parsed.messages[MAX_MESSAGES:]
            if on_activity is not None:
                on_activity()
    except etree.XMLSyntaxError as exc:
        raise IatiError(
            f"{filename}: not well-formed XML ({exc}); export the activity file again"
        ) from exc
    if root is None:
        raise IatiError(
            f"{filename}: no <iati-activities> root element; upload an IATI activity "
            "file (organisation files hold no transactions)"
        )
    if parsed.dropped_messages:
        parsed.messages.append(
            (filename, f"{parsed.dropped_messages} more messages not listed")
        )


def _read_activity(
    activity: etree._Element,
    *,
    filename: str,
    publish: bool,
    parsed: ParsedFile,
    found: list[ContributionRow],
) -> None:
    identifier = (activity.findtext("iati-identifier") or "").strip()
    where = f"activity {identifier or '(no identifier)'}"
    title = _text(activity.find("title"))
    words = " ".join([title] + [_text(d) for d in activity.findall("description")])
    transactions = activity.findall("transaction")
    if not _is_mine_action(activity.findall("sector"), words) and not any(
        _is_mine_action(t.findall("sector"), words) for t in transactions
    ):
        return  # not mine action: left out without a message, as most of a file is
    parsed.activities_mine_action += 1
    try:
        activity_share = mine_action_share(activity.findall("sector"), words)
        countries = [
            (c.get("code", ""), _percentage(c.get("percentage")))
            for c in activity.findall("recipient-country")
        ]
    except NumberFormatError as exc:
        parsed.messages.append(
            (where, _unreadable(exc, "percentage") + ": activity skipped")
        )
        parsed.skipped += len(transactions)
        return
    if not identifier:
        parsed.messages.append((where, "no <iati-identifier>: activity skipped"))
        parsed.skipped += len(transactions)
        return
    org = activity.find("reporting-org")
    donor_name = _text(org) or (org.get("ref", "") if org is not None else "")
    if not donor_name:
        parsed.messages.append(
            (where, "no reporting-org name or ref: activity skipped")
        )
        parsed.skipped += len(transactions)
        return
    donor_ref = org.get("ref", "").strip() if org is not None else ""
    kind = _donor_kind(org, donor_name)
    default_currency = activity.get("default-currency", "")
    implementer = next(
        (p for p in activity.findall("participating-org") if p.get("role") == "4"), None
    )
    seen: dict[str, int] = {}
    for number, transaction in enumerate(transactions, start=1):
        _read_transaction(
            transaction,
            where=f"{where}, transaction {number}",
            seen=seen,
            found=found,
            context={
                "identifier": identifier,
                "filename": filename,
                "publish": publish,
                "donor_name": donor_name,
                "donor_ref": donor_ref,
                "kind": kind,
                "countries": countries,
                "default_currency": default_currency,
                "implementer_type": implementer.get("type", "")
                if implementer is not None
                else "",
                "activity_share": activity_share,
                "words": words,
                "title": title,
            },
            parsed=parsed,
        )


def _read_transaction(
    transaction: etree._Element,
    *,
    where: str,
    context: dict[str, Any],
    parsed: ParsedFile,
    seen: dict[str, int],
    found: list[ContributionRow],
) -> None:
    type_element = transaction.find("transaction-type")
    type_code = type_element.get("code", "") if type_element is not None else ""
    if type_code in INCOMING:
        parsed.skipped += 1
        parsed.messages.append(
            (
                where,
                f"type {type_code} ({INCOMING[type_code]}): money the reporting "
                "organisation received, not a contribution it made; skipped",
            )
        )
        return
    status = TRANSACTION_STATUS.get(type_code)
    if status is None:
        parsed.skipped += 1
        parsed.messages.append(
            (where, f"transaction type '{type_code}' is not a contribution; skipped")
        )
        return
    own_sectors = transaction.findall("sector")
    try:
        share = (
            mine_action_share(own_sectors, context["words"])
            if own_sectors
            else context["activity_share"]
        )
    except NumberFormatError as exc:
        parsed.skipped += 1
        parsed.messages.append(
            (where, _unreadable(exc, "sector percentage") + "; skipped")
        )
        return
    if share is None:
        return  # this transaction's own sector is not mine action
    value_element = transaction.find("value")
    if value_element is None or not (value_element.text or "").strip():
        parsed.skipped += 1
        parsed.messages.append((where, "no <value>; skipped"))
        return
    try:
        value = iati_number(value_element.text or "")
    except NumberFormatError as exc:
        parsed.skipped += 1
        parsed.messages.append((where, _unreadable(exc, "<value>") + "; skipped"))
        return
    currency = (
        value_element.get("currency", "") or context["default_currency"]
    ).upper()
    if not re.fullmatch(r"[A-Z]{3}", currency):
        parsed.skipped += 1
        parsed.messages.append(
            (where, "no currency on <value> nor default-currency; skipped")
        )
        return
    date_element = transaction.find("transaction-date")
    iso_date = (
        date_element.get("iso-date", "") if date_element is not None else ""
    ) or (value_element.get("value-date", ""))
    if not re.match(r"^\d{4}-\d{2}-\d{2}", iso_date):
        parsed.skipped += 1
        parsed.messages.append((where, "no transaction-date iso-date; skipped"))
        return
    countries = [
        (c.get("code", ""), Decimal(1))
        for c in transaction.findall("recipient-country")
    ] or context["countries"]
    if not countries:
        parsed.skipped += 1
        parsed.messages.append(
            (where, "no recipient-country (regional activity); skipped")
        )
        return
    receiver = transaction.find("receiver-org")
    org_type = (receiver.get("type", "") if receiver is not None else "") or context[
        "implementer_type"
    ]
    ref = (transaction.get("ref") or "").strip()
    # A transaction's identity in its activity: its ref, else its date and type (and its
    # rank among those of the same date and type), never its value, so that a corrected
    # value is a change of the same transaction, not another one.
    moment = ref or iso_date[:10]
    if not ref:
        rank = seen[f"{moment}:{type_code}"] = seen.get(f"{moment}:{type_code}", 0) + 1
        moment = f"{moment}:{type_code}#{rank}"
    else:
        moment = f"{moment}:{type_code}"
    try:
        day: dt.date | None = dt.date.fromisoformat(iso_date[:10])
    except ValueError:
        day = None
    for iso2, country_share in countries:
        iso3 = iso3_of(iso2)
        if not iso3:
            parsed.skipped += 1
            parsed.messages.append(
                (where, f"recipient-country '{iso2}' is not an ISO 3166 code; skipped")
            )
            continue
        amount = (value * share * country_share).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )
        found.append(
            ContributionRow(
                natural_key=f"iati:{context['identifier']}:{moment}:{iso3}",
                scope=f"iati:{context['identifier']}",
                date=day,
                donor_name=context["donor_name"],
                donor_kind=context["kind"],
                donor_iso3=_donor_iso3(context["donor_ref"], context["kind"]),
                donor_iati_ref=context["donor_ref"],
                recipient_iso3=iso3,
                year=int(iso_date[:4]),
                amount=amount,
                currency=currency,
                status=status,
                sector=_sector_of(context["words"]),
                channel=CHANNEL_OF_ORG_TYPE.get(org_type, Channel.UNKNOWN),
                source=Source.IATI,
                source_reference=f"{context['filename']} · {context['identifier']}",
                description=context["title"][:500],
                is_published=context["publish"],
            )
        )
