"""Needs held by other apps, pulled into the funding app's `Need` table.

- Extension requests (issue 7): each budget year's "international funding sought" is a need
  of the requesting State for that year (source: extension request). Pulled by
  `pull_needs_from_extensions()`, which updates what it pulled before and never touches
  needs entered by hand.
- Article 7 reports (issue 5) and individualised-approach cases (issue 6) hold no amounts
  yet, so their needs are entered by hand with the matching source.
"""

from __future__ import annotations

import logging

from django.apps import apps
from django.db import transaction
from django.utils.translation import gettext_lazy as _

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
        (str(_("Article 7 reports: no amounts held yet; enter by hand")), False),
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
