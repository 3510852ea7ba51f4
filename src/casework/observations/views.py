"""Observation pages: list per year, draft editing, status flow, compilation downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from casework.accounts.permissions import (
    is_committee_member,
    is_support_unit,
    own_state,
    require,
)
from casework.documents.permissions import visible_documents
from casework.observations import services
from casework.observations.models import LANGUAGES
from casework.observations.permissions import (
    can_edit,
    get_observation_for_user,
    visible_observations,
)
from casework.states.services import get_state


def _year(request: HttpRequest) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() else timezone.localdate().year - 1


@login_required
def observation_list(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    observations = services.with_texts(
        visible_observations(request.user).filter(year=year)
    )
    drafted = {o.state_id for o in observations}
    pending_states = (
        visible_documents(request.user)
        .filter(year=year)
        .exclude(state_id__in=drafted)
        .order_by("state__name_en")
        .values_list("state__iso3", "state__name_en")
        .distinct()
    )
    years = sorted(
        set(visible_documents(request.user).values_list("year", flat=True)) | {year},
        reverse=True,
    )
    context = {
        "year": year,
        "years": years,
        "observations": observations,
        "pending_states": pending_states,
        "can_edit": can_edit(request.user),
        "can_compile": is_support_unit(request.user)
        or is_committee_member(request.user),
    }
    return render(request, "observations/list.html", context)


@login_required
@require_POST
def generate(request: HttpRequest, iso3: str, year: int) -> HttpResponse:
    require(can_edit(request.user))
    state = get_state(iso3)
    discard = request.POST.get("discard_edits") == "1"
    observation = services.generate(state, year, discard_edits=discard)
    messages.success(request, _("Observations drafted from the reviewed findings."))
    return redirect("observations:detail", pk=observation.pk)


@login_required
def observation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    observation = get_observation_for_user(request.user, pk)
    texts = {item.language: item for item in observation.texts.all()}
    context = {
        "observation": observation,
        "texts": [texts[lang] for lang in LANGUAGES if lang in texts],
        "can_edit": can_edit(request.user),
        "is_own_state": own_state(request.user) == observation.state,
    }
    return render(request, "observations/detail.html", context)


@login_required
@require_POST
def edit_text(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    observation = get_observation_for_user(request.user, pk)
    require(can_edit(request.user) and language in LANGUAGES)
    services.edit(
        observation, language, request.POST.get("text", ""), user=request.user
    )
    messages.success(request, _("Text saved."))
    return redirect("observations:detail", pk=observation.pk)


@login_required
@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    observation = get_observation_for_user(request.user, pk)
    require(can_edit(request.user))
    if request.POST.get("action") == "reopen":
        services.reopen(observation)
    else:
        services.advance(observation)
    messages.success(
        request, _("Status: %(status)s.") % {"status": observation.get_status_display()}
    )
    return redirect("observations:detail", pk=observation.pk)


@login_required
def compilation(
    request: HttpRequest, year: int, language: str, fmt: str
) -> HttpResponse:
    from casework.exports.docx import render_docx
    from casework.exports.pdf import render_pdf
    from casework.exports.responses import file_response
    from casework.observations.compilation import build_compilation

    require(is_support_unit(request.user) or is_committee_member(request.user))
    spec = build_compilation(
        year, language=language, include_drafts=request.GET.get("drafts") == "1"
    )
    data = render_docx(spec) if fmt == "docx" else render_pdf(spec)
    return file_response(data, f"preliminary-observations-{year}-{language}.{fmt}")
