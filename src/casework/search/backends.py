"""The full-text match: SQLite FTS5 on the embedded default, PostgreSQL's own search
otherwise. Both search `SearchEntry.folded` (lower case, no accents) with the words of
the query as prefixes, all of them required; a State's names are alternatives."""

from __future__ import annotations

from django.db import connection
from django.db.models import Case, QuerySet, Value, When

from casework.search.models import SearchEntry
from casework.search.text import state_names, words

# How many matches are ranked before access rules and the page size apply.
CANDIDATES = 2000


def _fts5(groups: list[list[list[str]]]) -> str:
    """[[["soudan", "du", "sud"], ["south", "sudan"]], [["demin"]]] ->
    ("soudan du sud" OR "south sudan") AND "demin"*"""
    clauses = []
    for alternatives in groups:
        options = []
        for phrase in alternatives:
            quoted = " ".join(phrase)
            options.append(f'"{quoted}"' + ("*" if len(alternatives) == 1 else ""))
        clauses.append("(" + " OR ".join(options) + ")")
    return " AND ".join(clauses)


def _tsquery(groups: list[list[list[str]]]) -> str:
    clauses = []
    for alternatives in groups:
        options = []
        for phrase in alternatives:
            if len(alternatives) == 1 and len(phrase) == 1:
                options.append(f"{phrase[0]}:*")
            else:
                options.append("(" + " <-> ".join(phrase) + ")")
        clauses.append("(" + " | ".join(options) + ")")
    return " & ".join(clauses)


def groups_for(states: list[str], rest: list[str]) -> list[list[list[str]]]:
    """Each State named: any of its names; each other word: itself (as a prefix)."""
    found: list[list[list[str]]] = []
    for iso3 in states:
        names = []
        for written in state_names(iso3):
            phrase = words(written)
            if phrase and phrase not in names:
                names.append(phrase)
        found.append(names)
    found += [[[word]] for word in rest]
    return found


def match(groups: list[list[list[str]]]) -> QuerySet[SearchEntry]:
    """Entries matching every group, best first (at most CANDIDATES)."""
    if not groups:
        return SearchEntry.objects.none()
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import (
            SearchQuery,
            SearchRank,
            SearchVector,
        )

        vector = SearchVector("folded", config="simple")
        query = SearchQuery(_tsquery(groups), config="simple", search_type="raw")
        return (
            SearchEntry.objects.annotate(found=vector)
            .filter(found=query)
            .annotate(rank=SearchRank(vector, query))
            .order_by("-rank", "-year", "pk")
        )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT rowid FROM search_fts WHERE search_fts MATCH %s "
            "ORDER BY rank LIMIT %s",
            [_fts5(groups), CANDIDATES],
        )
        ids = [row[0] for row in cursor.fetchall()]
    if not ids:
        return SearchEntry.objects.none()
    ranked = Case(*(When(pk=pk, then=Value(n)) for n, pk in enumerate(ids)))
    return SearchEntry.objects.filter(pk__in=ids).order_by(ranked)
