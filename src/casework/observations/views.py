"""Observation pages: list per year, draft editing, status flow, compilation downloads."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from casework.accounts.permissions import signed_in_required
from casework.documents.permissions import visible_documents
from casework.domain.indicators import COUNT
from casework.domain.languages import LANGUAGES, NATIVE
from casework.exports import word_views
from casework.exports.registry import DOCUMENT_FORMATS, document_response
from casework.observations import services
from casework.observations.compilation import build_compilation
from casework.observations.knowledge import gather
from casework.observations.models import Observation, Revision
from casework.observations.permissions import (
    can_compile,
    can_edit,
    compilers_only,
    editors_only,
    get_observation_for_user,
    get_word_upload_for_user,
    visible_observations,
)
from casework.states.models import StateParty
from casework.states.services import get_state


def _year(request: HttpRequest) -> int:
    value = request.GET.get("year", "")
    return int(value) if value.isdigit() else timezone.localdate().year - 1


def _editor(request: HttpRequest) -> User:
    """The signed-in user; the access decorators have already turned others away."""
    assert isinstance(request.user, User)
    return request.user


def compilation_links(year: int) -> list[dict[str, str]]:
    """One link per language and document format, for the list page."""
    return [
        {
            "url": reverse("observations:compilation", args=[year, language, fmt]),
            "language": language,
            "label": f"{fmt.upper()} ({NATIVE[language]})",
        }
        for language in LANGUAGES
        for fmt in DOCUMENT_FORMATS
    ]


@signed_in_required
def observation_list(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    observations = services.with_texts(
        visible_observations(request.user).filter(year=year)
    )
    drafted = {o.state_id for o in observations}
    pending_ids = (
        visible_documents(request.user)
        .filter(year=year)
        .exclude(state_id__in=drafted)
        .values("state_id")
    )
    years = sorted(
        set(
            visible_documents(request.user)
            .order_by()
            .values_list("year", flat=True)
            .distinct()
        )
        | {year},
        reverse=True,
    )
    context = {
        "year": year,
        "years": years,
        "observations": observations,
        "pending_states": StateParty.objects.filter(pk__in=pending_ids),
        "indicator_count": COUNT,
        "can_edit": can_edit(request.user),
        "compilation_links": (
            compilation_links(year) if can_compile(request.user) else []
        ),
    }
    return render(request, "observations/list.html", context)


@editors_only
@require_POST
def generate(request: HttpRequest, iso3: str, year: int) -> HttpResponse:
    state = get_state(iso3)
    discard = request.POST.get("discard_edits") == "1"
    observation = services.generate(state, year, discard_edits=discard)
    messages.success(request, _("Observations drafted from the reviewed findings."))
    return redirect("observations:detail", pk=observation.pk)


@signed_in_required
def observation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    observation = get_observation_for_user(request.user, pk)
    texts = {item.language: item for item in observation.texts.all()}
    revisions = (
        Revision.objects.filter(text__observation=observation)
        .select_related("author", "text")
        .order_by("-created_at", "-pk")[:10]
    )
    knowledge = gather(observation.state, observation.year)
    editor = can_edit(request.user)
    stale = services.is_stale(observation, knowledge)
    updates = (
        [
            (NATIVE.get(u.language, u.language), u, list(enumerate(u.changes)))
            for u in services.proposed_update(observation, knowledge)
            if u.changes
        ]
        if editor and stale
        else []
    )
    context = {
        "observation": observation,
        "texts": [(NATIVE[lang], texts[lang]) for lang in LANGUAGES if lang in texts],
        "formats": DOCUMENT_FORMATS,
        "revisions": revisions,
        "can_edit": editor,
        "stale": stale,
        "updates": updates,
        "pending": sorted(knowledge.pending - knowledge.informed),
        "blockers": (
            services.blockers(observation, knowledge)
            if editor and observation.status == Observation.Status.DRAFT
            else []
        ),
    }
    return render(request, "observations/detail.html", context)


@editors_only
@require_POST
def accept_update(request: HttpRequest, pk: int) -> HttpResponse:
    """Take the ticked changes of a fresh draft (the sources changed since drafting)."""
    observation = get_observation_for_user(request.user, pk)
    accepted = {
        language: {
            int(value)
            for value in request.POST.getlist(f"accept-{language}")
            if value.isdigit()
        }
        for language in LANGUAGES
    }
    services.accept_update(observation, accepted, user=_editor(request))
    count = sum(len(v) for v in accepted.values())
    messages.success(
        request,
        ngettext(
            "%(count)s change accepted; the draft is up to date with its sources.",
            "%(count)s changes accepted; the draft is up to date with its sources.",
            count,
        )
        % {"count": count},
    )
    return redirect("observations:detail", pk=observation.pk)


@editors_only
@require_POST
def edit_text(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    observation = get_observation_for_user(request.user, pk)
    services.edit(
        observation, language, request.POST.get("text", ""), user=_editor(request)
    )
    messages.success(request, _("Text saved."))
    return redirect("observations:detail", pk=observation.pk)


@editors_only
@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    observation = get_observation_for_user(request.user, pk)
    if request.POST.get("action") == "reopen":
        services.reopen(observation, by=_editor(request))
    else:
        try:
            services.advance(observation, by=_editor(request))
        except services.AgreeError as error:
            messages.error(
                request,
                _("The draft cannot be marked as agreed yet: %(reasons)s")
                % {"reasons": error},
            )
            return redirect("observations:detail", pk=observation.pk)
    messages.success(
        request, _("Status: %(status)s.") % {"status": observation.get_status_display()}
    )
    return redirect("observations:detail", pk=observation.pk)


@compilers_only
def compilation(
    request: HttpRequest, year: int, language: str, fmt: str
) -> HttpResponse:
    """`/observations/compilation/<year>/<language>.<docx|pdf>`; `?drafts=1` adds drafts."""
    spec = build_compilation(
        year, language=language, include_drafts=request.GET.get("drafts") == "1"
    )
    return document_response(
        spec, fmt=fmt, stem=f"preliminary-observations-{year}-{language}"
    )


def old_compilation(
    request: HttpRequest, year: int, language: str, fmt: str
) -> HttpResponse:
    """The former `compilation/<year>/<language>/<fmt>/`: a permanent redirect, or 404."""
    if language not in LANGUAGES or fmt not in DOCUMENT_FORMATS:
        raise Http404("No such compilation")
    url = reverse("observations:compilation", args=[year, language, fmt])
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{url}?{query}" if query else url, permanent=True)


@signed_in_required
def observation_document(
    request: HttpRequest, pk: int, language: str, fmt: str
) -> HttpResponse:
    """`/observations/<pk>/<language>.<docx|pdf>`: one language text, to read or edit
    in Word (a draft is marked as such)."""
    observation = get_observation_for_user(request.user, pk)
    if not observation.texts.filter(language=language).exists():
        raise Http404("No text in this language")
    spec = services.word_spec(observation, language)
    stem = f"observations-{observation.state.iso3}-{observation.year}-{language}"
    return document_response(spec, fmt=fmt, stem=stem)


@editors_only
@require_POST
def word_upload(request: HttpRequest, pk: int, language: str) -> HttpResponse:
    """An edited Word copy comes back: its changes are shown for review, not saved yet."""
    observation = get_observation_for_user(request.user, pk)
    if not observation.texts.filter(language=language).exists():
        raise Http404("No text in this language")
    return word_views.receive(
        request,
        back=reverse("observations:detail", args=[observation.pk])
        + f"#text-{language}",
        read=lambda data, filename: services.read_word(
            observation, language, data, filename=filename, user=_editor(request)
        ),
        review=lambda stored: reverse("observations:word_review", args=[stored.pk]),
    )


@editors_only
def word_review(request: HttpRequest, pk: int) -> HttpResponse:
    """The uploaded copy's changes, paragraph by paragraph; apply the ones ticked."""
    upload = get_word_upload_for_user(request.user, pk)
    observation = upload.text.observation
    found = services.word_changes(upload)
    if request.method == "POST" and upload.applied_at is None:
        return word_views.apply_ticked(
            request,
            found=found,
            apply=lambda accepted: services.apply_word(
                upload, accepted, user=_editor(request)
            ),
            back=reverse("observations:detail", args=[observation.pk]),
        )
    context = {
        "upload": upload,
        "observation": observation,
        "language_name": NATIVE.get(upload.text.language, upload.text.language),
        "changes": list(enumerate(found)),
    }
    return render(request, "observations/word_review.html", context)
