"""The organisation registry (identifiers, names, aliases, suggestions, merge) and the
duplicates across sources, side by side."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from casework.funding.forms import MergeForm
from casework.funding.models import Contribution, Donor, DonorAlias, DonorMatch
from casework.funding.organisations import merge
from casework.funding.permissions import can_manage, managers_only, readers_only


@readers_only
def organisations(request: HttpRequest) -> HttpResponse:
    """The registry for readers; confirming a suggestion or merging for the support unit."""
    if request.method == "POST":
        return _change(request)
    return _page(request, MergeForm())


def _page(request: HttpRequest, form: MergeForm) -> HttpResponse:
    donors = Donor.objects.annotate(entries=Count("contributions")).prefetch_related(
        Prefetch("aliases", queryset=DonorAlias.objects.order_by("name"))
    )
    context = {
        "donors": donors,
        "suggestions": DonorMatch.objects.filter(
            decision=DonorMatch.Decision.PENDING
        ).select_related("donor", "suggested"),
        "form": form,
        "can_manage": can_manage(request.user),
    }
    return render(request, "funding/organisations.html", context)


@managers_only
def _change(request: HttpRequest) -> HttpResponse:
    action = request.POST.get("action")
    if action in ("confirm", "refuse"):
        match = get_object_or_404(
            DonorMatch, pk=request.POST.get("match", "0") or 0, decision="pending"
        )
        if action == "confirm":
            kept = merge(match.donor, match.suggested)
            messages.success(
                request,
                _("“%(name)s” is now an alias of %(kept)s.")
                % {"name": match.imported_name, "kept": kept.name},
            )
        else:
            match.decision = DonorMatch.Decision.REFUSED
            match.decided_by = request.user  # type: ignore[assignment]
            match.save()
            messages.info(
                request,
                _("“%(name)s” stays a separate organisation.")
                % {"name": match.imported_name},
            )
        return redirect("funding:organisations")
    form = MergeForm(request.POST)
    if not form.is_valid():
        return _page(request, form)
    source, into = form.cleaned_data["source"], form.cleaned_data["into"]
    name = source.name
    merge(source, into)
    messages.success(
        request,
        _("%(source)s merged into %(into)s; its names are kept as aliases.")
        % {"source": name, "into": into.name},
    )
    return redirect("funding:organisations")


@readers_only
@require_safe
def duplicates(request: HttpRequest) -> HttpResponse:
    """Entries counted once: each one next to the entry of another source it repeats."""
    pairs = (
        Contribution.objects.filter(duplicate_of__isnull=False)
        .select_related("donor", "duplicate_of__donor", "batch", "duplicate_of__batch")
        .order_by("-year", "donor__name", "recipient_iso3")
    )
    page = Paginator(pairs, 50).get_page(request.GET.get("page"))
    return render(request, "funding/duplicates.html", {"page": page})
