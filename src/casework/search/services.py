"""Search: the query read, matched in the index, limited to what the user may see."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from casework.accounts.permissions import AnyUser
from casework.engagement.permissions import can_work_on_engagement
from casework.search.backends import groups_for, match
from casework.search.index import rebuild
from casework.search.models import SearchEntry
from casework.search.permissions import visible_entries
from casework.search.text import excerpt, find_states, fold

PAGE = 50
LONGEST_QUERY = 200


@dataclass(frozen=True, slots=True)
class Hit:
    entry: SearchEntry
    url: str
    excerpt: str


@dataclass(frozen=True, slots=True)
class Results:
    query: str
    states: list[str]
    hits: list[Hit]
    total: int


def _url(entry: SearchEntry, user: AnyUser) -> str:
    """Cases and events open on their public pages for those outside the Committee."""
    if can_work_on_engagement(user):
        return entry.url
    if entry.kind == SearchEntry.Kind.CASE:
        return reverse("engagement:published_case", args=[entry.object_id])
    if entry.kind == SearchEntry.Kind.EVENT:
        return reverse("engagement:calendar")
    return entry.url


def search(user: AnyUser, query: str, *, kind: str = "") -> Results:
    query = " ".join(query.split())[:LONGEST_QUERY]
    if not SearchEntry.objects.exists():
        # A database from before the index (or loaded without signals): fill it once.
        rebuild()
    states, rest = find_states(query)
    entries = visible_entries(user, match(groups_for(states, rest)))
    if kind in SearchEntry.Kind.values:
        entries = entries.filter(kind=kind)
    entries = entries.select_related("state")
    total = entries.count()
    terms = [fold(w) for w in rest]
    hits = [
        Hit(entry, _url(entry, user), excerpt(entry.body, terms))
        for entry in entries[:PAGE]
    ]
    return Results(query=query, states=states, hits=hits, total=total)
