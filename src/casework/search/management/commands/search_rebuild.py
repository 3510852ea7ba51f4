"""`casework manage search_rebuild`: fill the search index from every record again."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from casework.search.index import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search index (documents, findings, observations, cases, events)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        count = rebuild()
        self.stdout.write(f"{count} records indexed")
