"""The search page: one box, results of every kind the user may open."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from casework.search.models import SearchEntry
from casework.search.permissions import searchers_only
from casework.search.services import search


@searchers_only
@require_safe
def search_page(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    kind = request.GET.get("kind", "")
    results = search(request.user, query, kind=kind) if query else None
    context = {
        "query": query,
        "kind": kind,
        "kinds": SearchEntry.Kind.choices,
        "results": results,
    }
    return render(request, "search/results.html", context)
