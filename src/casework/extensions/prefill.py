"""Pre-fill a request's stated totals from its uploaded document, via the core analyser.

The analyser (casework.core) finds amounts and areas with their page, not per-year tables,
so only the request-level totals are offered; the person confirms each value, which is
then cited by file and page ("request.pdf, p. 12"). The upload is analysed in a temporary
directory and not kept: originals belong to the documents app.
"""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from casework.core.isolate import analyse_isolated
from casework.core.model import PipelineConfig
from casework.extensions.models import ExtensionRequest, RequestDocument
from casework.extensions.services import refresh_comments

logger = logging.getLogger(__name__)

READABLE = (".pdf", ".docx", ".doc", ".odt", ".html", ".htm", ".txt")
MAX_CANDIDATES = 12


@dataclass(frozen=True, slots=True)
class Candidate:
    value: float
    page: int
    text: str
    currency: str = ""

    @property
    def choice(self) -> str:
        """The value a radio button posts back: value|page|currency."""
        return f"{self.value:.2f}|{self.page}|{self.currency}"


@dataclass(frozen=True, slots=True)
class Figures:
    filename: str
    amounts: tuple[Candidate, ...]
    areas: tuple[Candidate, ...]
    issues: tuple[str, ...]


def find_figures(data: bytes, filename: str) -> Figures:
    """Amounts and areas the analyser finds in the document, largest first."""
    name = Path(filename).name
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"upload{Path(name).suffix.lower()}"
        path.write_bytes(data)
        # Figures only: the learned reader would cost the web process its memory.
        analysis = analyse_isolated(path, PipelineConfig(model=False))
    amounts = sorted(
        {
            Candidate(m.amount, m.page, m.text, m.currency)
            for m in analysis.figures.money
        },
        key=lambda c: -c.value,
    )
    areas = sorted(
        {Candidate(a.value_m2, a.page, a.text) for a in analysis.figures.areas},
        key=lambda c: -c.value,
    )
    logger.info("prefill %s: %d amounts, %d areas", name, len(amounts), len(areas))
    return Figures(
        name,
        tuple(amounts[:MAX_CANDIDATES]),
        tuple(areas[:MAX_CANDIDATES]),
        tuple(issue.message for issue in analysis.issues),
    )


def parse_choice(choice: str) -> tuple[Decimal, int, str] | None:
    """value|page|currency as posted back; None for "keep the current value"."""
    if not choice:
        return None
    value, page, currency = choice.split("|")
    return Decimal(value), int(page), currency


@transaction.atomic
def apply_choices(
    request: ExtensionRequest,
    *,
    filename: str,
    total_cost: str = "",
    remaining_area_m2: str = "",
) -> list[str]:
    """Save the confirmed values, each cited by file and page; return the fields changed."""
    changed = []
    cost = parse_choice(total_cost)
    if cost is not None:
        request.total_cost = cost[0]
        request.cells["total_cost"] = f"{filename}, p. {cost[1]}"
        if cost[2] and not request.currency:
            request.currency = cost[2]
        changed.append("total_cost")
    area = parse_choice(remaining_area_m2)
    if area is not None:
        request.remaining_area_m2 = int(area[0])
        request.cells["remaining_area_m2"] = f"{filename}, p. {area[1]}"
        changed.append("remaining_area_m2")
    if changed:
        request.save()
        RequestDocument.objects.get_or_create(request=request, title=filename)
        refresh_comments(request)
    return changed
