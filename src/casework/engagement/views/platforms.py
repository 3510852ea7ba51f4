"""The register of national mine action platforms and its coverage figure."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from casework.documents.uploads import refused_uploads
from casework.engagement import forms
from casework.engagement.models import Attachment, Platform
from casework.engagement.permissions import committee_only
from casework.engagement.services import platform_coverage
from casework.states.models import StateParty
from casework.states.services import get_state


@committee_only
def platform_list(request: HttpRequest) -> HttpResponse:
    """Every affected State, and any other State with an entry, with its platform."""
    platforms = {p.state_id: p for p in Platform.objects.all()}
    states = StateParty.objects.filter(withdrawal_effective__isnull=True)
    rows = [
        (state, platforms.get(state.pk))
        for state in states
        if state.is_affected or state.pk in platforms
    ]
    rows.sort(key=lambda row: row[0].name)
    with_platform, affected = platform_coverage()
    context = {
        "rows": rows,
        "with_platform": with_platform,
        "affected": affected,
        "all_states": sorted(states, key=lambda state: state.name),
    }
    return render(request, "engagement/platform_list.html", context)


@committee_only
def platform_edit(request: HttpRequest, iso3: str) -> HttpResponse:
    state = get_state(iso3)
    platform = Platform.objects.filter(state=state).first() or Platform(state=state)
    form = forms.PlatformForm(
        request.POST or None, instance=platform, prefix="platform"
    )
    minutes_form = forms.AttachmentForm(prefix="minutes")
    if request.method == "POST" and "minutes" in request.POST:
        minutes_form = forms.AttachmentForm(
            request.POST,
            request.FILES,
            prefix="minutes",
            refused=refused_uploads(request),
        )
        if platform.pk and minutes_form.is_valid():
            minutes = minutes_form.save(commit=False)
            minutes.platform, minutes.kind = platform, Attachment.Kind.MINUTES
            minutes.save()
            messages.success(request, _("Minutes uploaded."))
            return redirect("engagement:platform", state.iso3)
    elif request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Platform saved."))
        return redirect("engagement:platform", state.iso3)
    context = {
        "state": state,
        "platform": platform,
        "form": form,
        "minutes_form": minutes_form,
    }
    return render(request, "engagement/platform_edit.html", context)
