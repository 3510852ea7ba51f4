"""Services of the extensions app: rows <-> analysis dataclasses, imports, comments, exports."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from casework.domain.languages import LANGUAGES, checked
from casework.exports.spec import Block, DocumentSpec, Heading, Paragraph, Table
from casework.extensions import analysis as an
from casework.extensions import comments as drafting
from casework.extensions.models import (
    BudgetYear,
    CommitteeComment,
    ContaminatedArea,
    Decision,
    ExtensionRequest,
    PastRelease,
    RequestDocument,
    WorkPlanYear,
)
from casework.extensions.template_io import CellError, ParsedRequest, read_template
from casework.states.models import Article5Event, StateParty

logger = logging.getLogger(__name__)


def _float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def request_data(request: ExtensionRequest) -> an.RequestData:
    """The request and its tables as the analysis's plain dataclasses."""
    return an.RequestData(
        state=request.state.iso3,
        current_deadline=request.current_deadline,
        requested_deadline=request.requested_deadline,
        currency=request.currency,
        stated_total_cost=_float(request.total_cost),
        stated_area_m2=request.remaining_area_m2,
        entered_past_rate_m2=request.past_release_rate_m2,
        has_resource_mobilisation_plan=request.has_resource_mobilisation_plan,
        has_risk_education=bool(request.risk_education.strip()),
        has_gender_diversity=bool(request.gender_diversity.strip()),
        has_survey_of_remaining_areas=request.has_survey_of_remaining_areas,
        regions=tuple(
            an.Region(a.region, a.confirmed_m2, a.suspected_m2, a.cells)
            for a in request.areas.all()
        ),
        plan=tuple(
            an.PlanYear(
                p.year,
                p.cancel_m2,
                p.reduce_m2,
                p.clear_m2,
                p.teams,
                p.milestones,
                p.cells,
            )
            for p in request.plan_years.all()
        ),
        budget=tuple(
            an.BudgetYear(
                b.year,
                _float(b.total),
                _float(b.national),
                _float(b.secured),
                _float(b.sought),
                b.currency,
                b.cells,
            )
            for b in request.budget_years.all()
        ),
        past=tuple(
            an.PastYear(p.year, p.released_m2, _float(p.cost), p.cells)
            for p in request.past_releases.all()
        ),
        cells=request.cells,
    )


def other_requests(request: ExtensionRequest) -> list[an.OtherRequest]:
    """Cost per m² of every other request in Casework that has both figures (two queries)."""
    costs = dict(
        BudgetYear.objects.exclude(request=request)
        .values_list("request")
        .annotate(total=Sum("total"))
        .values_list("request", "total")
    )
    areas = (
        ContaminatedArea.objects.exclude(request=request)
        .values_list("request")
        .annotate(area=Sum("confirmed_m2") + Sum("suspected_m2"))
        .values_list("request", "area")
    )
    others = []
    for pk, area in areas:
        cost = costs.get(pk)
        if area and cost:
            others.append(an.OtherRequest(str(pk), float(cost) / area))
    return others


def analyse_request(request: ExtensionRequest) -> tuple[an.RequestData, an.Analysis]:
    data = request_data(request)
    return data, an.analyse(data, others=other_requests(request))


@transaction.atomic
def refresh_comments(request: ExtensionRequest) -> list[CommitteeComment]:
    """Redraft the comments in every language; a person's edits are kept apart."""
    data, result = analyse_request(request)
    drafted = []
    for language in LANGUAGES:
        text = "\n\n".join(drafting.draft(result, data, language=language))
        comment, _created = CommitteeComment.objects.get_or_create(
            request=request, language=language
        )
        comment.generated = text
        comment.save(update_fields=["generated", "updated_at"])
        drafted.append(comment)
    return drafted


def save_comment_edit(comment: CommitteeComment, text: str, *, user: User) -> None:
    """Keep a person's text; an empty text goes back to the draft."""
    comment.edited = text.strip().replace("\r\n", "\n")
    if comment.edited == comment.generated.strip():
        comment.edited = ""
    comment.edited_from = comment.generated if comment.edited else ""
    comment.edited_by = user if comment.edited else None
    comment.edited_at = timezone.now() if comment.edited else None
    comment.save()


TITLES = {
    "en": "Comments for the Article 5 Committee",
    "fr": "Commentaires à l'intention du Comité sur l'application de l'article 5",
    "es": "Observaciones para el Comité sobre la Aplicación del Artículo 5",
}
# {of}: the State's name after "of" (domain.state_names): "of Senegal", "du Sénégal".
SUBTITLES = {
    "en": "Extension request {of}: funding and resource mobilisation",
    "fr": "Demande de prolongation {of} : financement et mobilisation des ressources",
    "es": "Solicitud de prórroga {of}: financiación y movilización de recursos",
}
GAP_HEADER = {
    "en": ("Year", "Cost", "National", "Secured", "Gap"),
    "fr": ("Année", "Coût", "National", "Acquis", "Déficit"),
    "es": ("Año", "Costo", "Nacional", "Obtenido", "Déficit"),
}
ANNEX = {"en": "Annex", "fr": "Annexe", "es": "Anexo"}


def comments_spec(request: ExtensionRequest, language: str) -> DocumentSpec:
    """The comments in one language as a document for exports.docx / exports.pdf."""
    language = checked(language)
    comment = request.comments.filter(language=language).first()
    if comment is None:
        comment = next(c for c in refresh_comments(request) if c.language == language)
    _, result = analyse_request(request)
    state = drafting.state_forms(request.state.iso3, language)
    paragraphs = [p.strip() for p in comment.text.split("\n\n") if p.strip()]
    blocks: list[Block] = [
        Paragraph(text, number=f"{i}.") for i, text in enumerate(paragraphs, start=1)
    ]
    if result.years:
        blocks.append(Heading(ANNEX[language], level=2))
        blocks.append(
            Table(
                header=GAP_HEADER[language],
                rows=tuple(
                    (
                        str(y.year),
                        *(
                            drafting.number(v, language)
                            for v in (y.total, y.national, y.secured, y.gap)
                        ),
                    )
                    for y in result.years
                ),
                caption=request.currency,
            )
        )
    return DocumentSpec(
        title=TITLES[language],
        language=language,
        subtitle=SUBTITLES[language].format(of=state.of),
        date_line=drafting.day(timezone.localdate(), language),
        blocks=tuple(blocks),
    )


# --- import ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ImportResult:
    request: ExtensionRequest | None
    errors: tuple[CellError, ...]


def import_template(
    data: bytes, filename: str, *, into: ExtensionRequest | None = None
) -> ImportResult:
    """Create a request from a filled template (or replace `into`'s values); all or nothing.

    Raises template_io.TemplateError when the file cannot be read at all.
    """
    return import_parsed(read_template(data, filename), filename, into=into)


def import_parsed(
    parsed: ParsedRequest, filename: str, *, into: ExtensionRequest | None = None
) -> ImportResult:
    """Check a template read by `read_template` and save it (all or nothing): the
    worker reads the file first, then saves in one short transaction (issue 15)."""
    state = None
    if parsed.fields.get("state"):
        state = StateParty.objects.filter(iso3=parsed.fields["state"]).first()
        if state is None:
            parsed.errors.append(
                CellError(
                    parsed.cells["state"],
                    _("“%(code)s” is not the ISO code of a State Party.")
                    % {"code": parsed.fields["state"]},
                )
            )
    if into is not None and state is not None and state != into.state:
        parsed.errors.append(
            CellError(
                parsed.cells["state"],
                _("this request is for %(iso3)s.") % {"iso3": into.state.iso3},
            )
        )
    if parsed.errors:
        return ImportResult(None, tuple(parsed.errors))
    assert state is not None
    request = _save_parsed(parsed, state=state, filename=filename, into=into)
    logger.info("extension request %s imported from %s", request.pk, filename)
    return ImportResult(request, ())


REQUEST_COLUMNS = {
    "reference": "reference",
    "submitted_on": "submitted_on",
    "current_deadline": "current_deadline",
    "requested_deadline": "requested_deadline",
    "currency": "currency",
    "total_cost": "total_cost",
    "remaining_area_m2": "remaining_area_m2",
    "past_release_rate_m2": "past_release_rate_m2",
    "resource_mobilisation_plan": "has_resource_mobilisation_plan",
    "risk_education": "risk_education",
    "gender_diversity": "gender_diversity",
    "survey_of_remaining_areas": "has_survey_of_remaining_areas",
}
TEXT_FIELDS = {"reference", "currency", "risk_education", "gender_diversity"}


@transaction.atomic
def _save_parsed(
    parsed: ParsedRequest,
    *,
    state: StateParty,
    filename: str,
    into: ExtensionRequest | None,
) -> ExtensionRequest:
    request = into or ExtensionRequest(state=state)
    for name, attribute in REQUEST_COLUMNS.items():
        value = parsed.fields.get(name)
        if value is None and name in TEXT_FIELDS:
            value = ""
        setattr(request, attribute, value if value is not None else _default(attribute))
    request.cells = dict(parsed.cells)
    request.source_file = filename[:200]
    request.save()
    for manager in (
        request.areas,
        request.plan_years,
        request.budget_years,
        request.past_releases,
        request.documents,
    ):
        manager.all().delete()
    tables = parsed.tables
    ContaminatedArea.objects.bulk_create(
        ContaminatedArea(
            request=request,
            cells=row.cells,
            **_values(row.values, zero=("confirmed_m2", "suspected_m2")),
        )
        for row in tables["Contamination"]
    )
    WorkPlanYear.objects.bulk_create(
        WorkPlanYear(
            request=request,
            cells=row.cells,
            **_values(
                row.values,
                zero=("cancel_m2", "reduce_m2", "clear_m2"),
                text=("milestones",),
            ),
        )
        for row in tables["WorkPlan"]
    )
    BudgetYear.objects.bulk_create(
        BudgetYear(
            request=request, cells=row.cells, **_values(row.values, text=("currency",))
        )
        for row in tables["Budget"]
    )
    PastRelease.objects.bulk_create(
        PastRelease(
            request=request,
            cells=row.cells,
            **_values(row.values, zero=("released_m2",)),
        )
        for row in tables["PastRelease"]
    )
    RequestDocument.objects.bulk_create(
        RequestDocument(
            request=request, **_values(row.values, text=("title", "reference"))
        )
        for row in tables["Documents"]
    )
    refresh_comments(request)
    return request


def _default(attribute: str) -> object:
    return False if attribute.startswith("has_") else None


def _values(
    values: dict[str, object],
    *,
    zero: tuple[str, ...] = (),
    text: tuple[str, ...] = (),
) -> dict[str, object]:
    out = dict(values)
    for name in zero:
        out[name] = out.get(name) or 0
    for name in text:
        out[name] = out.get(name) or ""
    return out


# --- history --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HistoryLine:
    year: int
    what: str
    meeting: str
    new_deadline: str
    granted: bool = False
    request: ExtensionRequest | None = None


def state_history(state: StateParty) -> list[HistoryLine]:
    """The State's Article 5 events (read-only, states app) and the requests held here."""
    lines = [
        HistoryLine(
            e.year,
            e.get_kind_display(),
            e.meeting,
            e.new_deadline,
            granted=e.kind == Article5Event.Kind.GRANTED,
        )
        for e in Article5Event.objects.filter(state=state)
    ]
    for request in state.extension_requests.all():
        year = (
            request.decision_date or request.submitted_on or request.created_at
        ).year
        deadline = request.granted_deadline or request.requested_deadline
        lines.append(
            HistoryLine(
                year,
                request.get_decision_display(),
                request.decision_meeting,
                deadline.isoformat() if deadline else "",
                granted=request.decision == Decision.GRANTED,
                request=request,
            )
        )
    return sorted(lines, key=lambda line: (line.year, line.request is not None))


def granted_count(lines: list[HistoryLine]) -> int:
    """Extensions granted; a request held here and an event of the same year count once."""
    event_years = {line.year for line in lines if line.granted and line.request is None}
    held = {
        line.year for line in lines if line.granted and line.request is not None
    } - event_years
    return len([line for line in lines if line.granted and line.request is None]) + len(
        held
    )
