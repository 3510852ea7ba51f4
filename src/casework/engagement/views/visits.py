"""Cooperation and Assistance Fund exchange visits and the lessons library."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from casework.engagement import forms
from casework.engagement.models import NEXT_STATUS, ExchangeVisit
from casework.engagement.permissions import committee_only, get_visit_for_user
from casework.engagement.services import advance_visit, search_lessons


@committee_only
def visit_list(request: HttpRequest) -> HttpResponse:
    visits = ExchangeVisit.objects.select_related("requesting_state", "host_state")
    form = forms.VisitForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        visit = form.save()
        messages.success(request, _("Exchange visit requested."))
        return redirect("engagement:visit", visit.pk)
    return render(
        request, "engagement/visit_list.html", {"visits": visits, "form": form}
    )


@committee_only
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = get_visit_for_user(request.user, pk)
    form = forms.VisitForm(
        request.POST if "save" in request.POST else None, instance=visit
    )
    if request.method == "POST" and "advance" in request.POST:
        try:
            advance_visit(visit)
            messages.success(
                request,
                _("Status: %(status)s.") % {"status": visit.get_status_display()},
            )
        except ValueError:
            messages.error(
                request, _("Write the lessons learned, save, then record them.")
            )
        return redirect("engagement:visit", visit.pk)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Exchange visit saved."))
        return redirect("engagement:visit", visit.pk)
    following = NEXT_STATUS.get(ExchangeVisit.Status(visit.status))
    context = {
        "visit": visit,
        "form": form,
        "next_status": ExchangeVisit.Status(following).label if following else None,
    }
    return render(request, "engagement/visit_detail.html", context)


@committee_only
def lessons(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    return render(
        request,
        "engagement/lessons.html",
        {"query": query, "visits": search_lessons(query)},
    )
