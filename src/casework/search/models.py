"""One row per searchable record; the full-text index is built over `folded`.

On SQLite the FTS5 table `search_fts` (external content: this table) is kept in step by
triggers; on PostgreSQL a GIN index over `to_tsvector('simple', folded)` serves the
search. Rows themselves are kept in step by signals (`signals.py`) and can be rebuilt
(`casework manage search_rebuild`).
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.states.models import StateParty


class SearchEntry(models.Model):
    class Kind(models.TextChoices):
        DOCUMENT = "document", _("Document")
        FINDING = "finding", _("Finding")
        OBSERVATION = "observation", _("Preliminary observations")
        CASE = "case", _("Individualised-approach case")
        EVENT = "event", _("Event")

    kind = models.CharField(max_length=12, choices=Kind.choices)
    object_id = models.PositiveBigIntegerField()
    state = models.ForeignKey(
        StateParty, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    title = models.CharField(max_length=300)
    url = models.CharField(max_length=300)
    body = models.TextField()  # the text as written, for excerpts
    folded = models.TextField()  # lower case, accents removed: what is searched
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_id"], name="search_entry_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id}"
