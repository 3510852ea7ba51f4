"""Needs held by other apps, pulled into the funding app's `Need` table.

- Extension requests (issue 7): each budget year's "international funding sought" is a need
  of the requesting State for that year (source: extension request). Pulled by
  `pull_needs_from_extensions()`, which updates what it pulled before and never touches
  needs entered by hand.
- Online Article 7 reports: on submission, Form J's needs and the support received are
  recorded by `record_online_report()` (called by the reporting app's feed).
- Individualised-approach cases hold no amounts yet, so their needs are entered by hand.
"""

from __future__ import annotations

import logging
from decimal import Decimal

from django.apps import apps
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from casework.domain.languages import DEFAULT
from casework.funding.models import Need, NeedSource, Sector
from casework.funding.services import save_need

logger = logging.getLogger(__name__)
ORIGIN_PREFIX = "extensions.budgetyear:"


def needs_from_other_apps() -> list[tuple[str, bool]]:
    """Which other apps can give needs now: (label, available)."""
    return [
        (
            str(_("Extension requests: international funding sought per year")),
            _has_extensions(),
        ),
        (
            str(_("Online Article 7 reports: Form J needs, recorded on submission")),
            True,
        ),
        (
            str(_("Individualised-approach cases: no amounts held yet; enter by hand")),
            False,
        ),
    ]


def _has_extensions() -> bool:
    try:
        apps.get_model("extensions", "BudgetYear")
    except LookupError:
        return False
    return True


@transaction.atomic
def pull_needs_from_extensions() -> int:
    """Create or update a Need for every budget year that states funding sought."""
    if not _has_extensions():
        return 0
    budget_year = apps.get_model("extensions", "BudgetYear")
    count = 0
    seen = set()
    for item in budget_year.objects.select_related("request__state").filter(
        sought__isnull=False, sought__gt=0
    ):
        request = item.request
        currency = (item.currency or request.currency or "").upper()
        if len(currency) != 3:
            logger.warning("budget year %s: no currency, need not pulled", item.pk)
            continue
        key = f"{ORIGIN_PREFIX}{item.pk}"
        seen.add(key)
        need = Need.objects.filter(origin_key=key).first() or Need(origin_key=key)
        need.state = request.state
        need.year = item.year
        need.amount = item.sought
        need.currency = currency
        need.sector = Sector.CLEARANCE
        need.source = NeedSource.EXTENSION_REQUEST
        need.source_reference = str(
            _("Extension request %(ref)s, budget %(year)d")
            % {"ref": request.reference or request.pk, "year": item.year}
        )[:400]
        need.is_published = bool(request.is_published)
        save_need(need)
        count += 1
    stale = Need.objects.filter(origin_key__startswith=ORIGIN_PREFIX).exclude(
        origin_key__in=seen
    )
    stale.delete()
    return count


ONLINE_REPORT_PREFIX = "reporting.report:"


@transaction.atomic
def record_online_report(
    *,
    report_pk: int,
    iso3: str,
    year: int,
    language: str,
    needs: list[dict[str, str]],
    received: list[dict[str, str]],
) -> tuple[int, int]:
    """What a submitted online report says, into the ledger "as reported by the State".

    Its needs (Form J) become `Need` rows (source: Article 7 report) and the support it
    received becomes recipient-reported lines (`record_state_report`, source
    "state_report", never counted in totals but shown beside what donors reported).
    Submitting the report again replaces what it said before. A row whose amount
    cannot be read is left out and logged (the report's validation refused such
    amounts before submission). Returns (needs recorded, received lines recorded).
    """
    from casework.domain.locale import NumberFormatError, parse_number
    from casework.funding.services import ReceivedLine, record_state_report
    from casework.states.models import StateParty

    def amount(row: dict[str, str]) -> Decimal | None:
        try:
            value = parse_number(str(row.get("amount", "")), language=language)
        except NumberFormatError:
            logger.warning("online report %s: amount %r not read", report_pk, row)
            return None
        return value if value > 0 else None

    state = StateParty.objects.get(iso3=iso3.upper())
    prefix = f"{ONLINE_REPORT_PREFIX}{report_pk}:"
    Need.objects.filter(origin_key__startswith=prefix).delete()
    # The ledger keeps one wording of its sources, in English like the State names it
    # stores, whoever submits the report in whatever interface language.
    with translation.override(DEFAULT):
        reference = str(
            _("Online Article 7 report of %(state)s for %(year)d")
            % {"state": state.name_en, "year": year}
        )
    kept = 0
    for n, row in enumerate(needs):
        value = amount(row)
        currency = str(row.get("currency", "")).strip().upper()
        if value is None or len(currency) != 3:
            continue
        purpose = " – ".join(
            x for x in (str(row.get("kind", "")), str(row.get("purpose", ""))) if x
        )
        save_need(
            Need(
                origin_key=f"{prefix}{n}",
                state=state,
                year=year,
                amount=value,
                currency=currency,
                source=NeedSource.REPORT,
                source_reference=f"{reference}: {purpose}"[:400],
                is_published=False,
            )
        )
        kept += 1
    lines = []
    for row in received:
        value = amount(row)
        currency = str(row.get("currency", "")).strip().upper()
        donor = str(row.get("donor", "")).strip()
        if value is None or len(currency) != 3 or not donor:
            continue
        lines.append(
            ReceivedLine(
                donor_name=donor,
                amount=value,
                currency=currency,
                description=str(row.get("purpose", ""))[:500],
                year=row_year(row, default=year),
            )
        )
    record_state_report(
        iso3,
        year,
        lines,
        reference=f"{ONLINE_REPORT_PREFIX}{report_pk}",
        label=reference,
    )
    return kept, len(lines)


def row_year(row: dict[str, str], *, default: int) -> int:
    """The year a row of the report gives (a form's optional "Year" column), else the
    report's year; a value that is not a plausible year is not guessed at."""
    text = str(row.get("year", "")).strip()
    if text.isdigit() and 1997 <= int(text) <= default + 1:
        return int(text)
    return default
