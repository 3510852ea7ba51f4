"""Dialogues and events: panels with speakers, MASG meetings, dialogues, workshops."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from casework.documents.uploads import refused_uploads
from casework.engagement import forms
from casework.engagement.models import Attachment, Event
from casework.engagement.permissions import committee_only, get_event_for_user


@committee_only
def event_list(request: HttpRequest) -> HttpResponse:
    events = Event.objects.prefetch_related("speakers").order_by("-start", "pk")
    form = forms.EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = form.save()
        messages.success(request, _("Event recorded."))
        return redirect("engagement:event", event.pk)
    return render(
        request, "engagement/event_list.html", {"events": events, "form": form}
    )


@committee_only
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = get_event_for_user(request.user, pk)
    form = forms.EventForm(
        request.POST if "save" in request.POST else None, instance=event
    )
    speaker_form = forms.SpeakerForm(
        request.POST if "speaker" in request.POST else None
    )
    document_form = forms.AttachmentForm(prefix="document")
    if request.method == "POST":
        if "save" in request.POST and form.is_valid():
            form.save()
            messages.success(request, _("Event saved."))
            return redirect("engagement:event", event.pk)
        if "speaker" in request.POST and speaker_form.is_valid():
            speaker = speaker_form.save(commit=False)
            speaker.event = event
            speaker.save()
            return redirect("engagement:event", event.pk)
        if "document" in request.POST:
            document_form = forms.AttachmentForm(
                request.POST,
                request.FILES,
                prefix="document",
                refused=refused_uploads(request),
            )
            if document_form.is_valid():
                document = document_form.save(commit=False)
                document.event, document.kind = event, Attachment.Kind.DOCUMENT
                document.save()
                return redirect("engagement:event", event.pk)
        if "delete" in request.POST:
            event.delete()
            messages.success(request, _("Event deleted."))
            return redirect("engagement:events")
    context = {
        "event": event,
        "form": form,
        "speaker_form": speaker_form,
        "document_form": document_form,
    }
    return render(request, "engagement/event_detail.html", context)
