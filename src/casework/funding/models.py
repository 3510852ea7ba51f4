"""Contributions ledger, exchange rates, needs and donors' stated priorities.

Money is kept as given (amount + currency) and, next to it, in US dollars with the rate
used. A rate is never fetched: the support unit loads annual averages, and a contribution
without a rate keeps `amount_usd` empty (flagged on every page) instead of a guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from casework.states.models import (
    StateParty,
    TimeStamped,
)


class DonorKind(models.TextChoices):
    STATE = "state", _("State")
    EU = "eu", _("European Union")
    UN = "un", _("UN body")
    PRIVATE = "private", _("Private")
    OTHER = "other", _("Other")


class Sector(models.TextChoices):
    CLEARANCE = "clearance", _("Clearance")
    RISK_EDUCATION = "risk_education", _("Risk education")
    VICTIM_ASSISTANCE = "victim_assistance", _("Victim assistance")
    STOCKPILE_DESTRUCTION = "stockpile_destruction", _("Stockpile destruction")
    CAPACITY = "capacity", _("Capacity building")
    ADVOCACY = "advocacy", _("Advocacy")
    UNSPECIFIED = "unspecified", _("Not specified")


class Channel(models.TextChoices):
    BILATERAL = "bilateral", _("Bilateral")
    UN = "un", _("UN")
    NGO = "ngo", _("NGO")
    TRUST_FUND = "trust_fund", _("Trust fund")
    UNKNOWN = "unknown", _("Unknown")


class Status(models.TextChoices):
    PLEDGED = "pledged", _("Pledged")
    COMMITTED = "committed", _("Committed")
    DISBURSED = "disbursed", _("Disbursed")


class Source(models.TextChoices):
    ARTICLE7 = "article7", _("Article 7 report")
    ONLINE_REPORT = "online_report", _("Online report")
    IATI = "iati", _("IATI file")
    MANUAL = "manual", _("Manual entry")
    MONITOR = "monitor", _("Landmine Monitor")
    # What a recipient State says it received (its Article 7 / online report), recorded
    # by `services.record_state_report`; compared with what donors said, never added to it.
    STATE_REPORT = "state_report", _("Recipient's report (assistance received)")


# Sources in which a donor says what it gave; the recipient's own account is apart.
DONOR_SOURCES = (
    Source.ARTICLE7,
    Source.ONLINE_REPORT,
    Source.IATI,
    Source.MANUAL,
    Source.MONITOR,
)


class Donor(TimeStamped):
    """Who gives: a State (with its ISO3), the EU, a UN body or a private donor."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(
        _("kind"), max_length=10, choices=DonorKind.choices, default=DonorKind.OTHER
    )
    # ISO 3166 alpha-3 for a State donor; blank otherwise.
    iso3 = models.CharField(_("ISO3"), max_length=3, blank=True)
    # IATI organisation identifier (e.g. "XM-DAC-7"), to recognise the reporting-org.
    iati_ref = models.CharField(
        _("IATI organisation identifier"), max_length=80, blank=True
    )
    # OECD DAC donor code (e.g. "12" for the United Kingdom); blank = not known.
    dac_code = models.CharField(_("OECD DAC donor code"), max_length=10, blank=True)
    name_fr = models.CharField(_("name in French"), max_length=200, blank=True)
    name_es = models.CharField(_("name in Spanish"), max_length=200, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("donor")
        verbose_name_plural = _("donors")

    def __str__(self) -> str:
        return self.name

    def name_in(self, language: str) -> str:
        """The organisation's name in `language`, English when it has none there."""
        return {"fr": self.name_fr, "es": self.name_es}.get(language, "") or self.name


class DonorAlias(TimeStamped):
    """Another name (or identifier) under which an organisation appears in a source."""

    donor = models.ForeignKey(Donor, on_delete=models.CASCADE, related_name="aliases")
    name = models.CharField(_("alias"), max_length=200)
    # `organisations.normalise(name)`: what an imported name is compared with.
    normalised = models.CharField(_("normalised alias"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("alias")
        verbose_name_plural = _("aliases")

    def __str__(self) -> str:
        return f"{self.name} → {self.donor}"


class DonorMatch(TimeStamped):
    """A guess that an organisation created by an import is one already known.

    Neither identifier nor alias matched, but the names are close: the support unit
    confirms (the two are merged, the name kept as an alias) or refuses.
    """

    class Decision(models.TextChoices):
        PENDING = "pending", _("To confirm")
        CONFIRMED = "confirmed", _("Confirmed")
        REFUSED = "refused", _("Refused")

    imported_name = models.CharField(_("name in the file"), max_length=200)
    donor = models.ForeignKey(
        Donor, on_delete=models.CASCADE, related_name="matches_as_new"
    )
    suggested = models.ForeignKey(
        Donor, on_delete=models.CASCADE, related_name="matches_suggested"
    )
    score = models.FloatField(_("likeness"))
    decision = models.CharField(
        _("decision"), max_length=10, choices=Decision.choices, default="pending"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-score"]
        verbose_name = _("organisation match")
        verbose_name_plural = _("organisation matches")

    def __str__(self) -> str:
        return f"{self.imported_name} ≈ {self.suggested}"


class ExchangeRate(TimeStamped):
    """An annual average: 1 US dollar buys `units_per_usd` of `currency` in `year`."""

    currency = models.CharField(_("currency"), max_length=3)
    year = models.PositiveSmallIntegerField(_("year"))
    units_per_usd = models.DecimalField(
        _("units per US dollar"), max_digits=18, decimal_places=8
    )
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        ordering = ["currency", "year"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "year"], name="funding_one_rate_per_currency_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.year} 1 USD = {self.units_per_usd} {self.currency}"


# The share of a table import's progress bar for checking the file (the rest: saving its
# rows), as measured: a CSV is checked about ten times faster than it is saved (20,000
# rows: 0.7 s of 7 s); a 200,000-row XLSX takes 78 s to check (openpyxl), about as long as
# its rows take to save (~2,800 rows/s).
CHECK_SHARE = {".csv": 10, ".xlsx": 50}


class ImportBatch(TimeStamped):
    """One uploaded file and what importing it did, errors row by row."""

    class Kind(models.TextChoices):
        IATI = "iati", _("IATI activity XML")
        TABLE = "table", _("CSV/XLSX template")
        RATES = "rates", _("Exchange rates")

    class State(models.TextChoices):
        QUEUED = "queued", _("Waiting for the worker")
        RUNNING = "running", _("Reading")
        REVIEW = "review", _("Changes to review")
        DONE = "done", _("Imported")
        REFUSED = "refused", _("Changes refused")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default="done"
    )
    # Bytes of the file read so far by the worker, of `size`: the progress bar.
    size = models.PositiveBigIntegerField(_("size"), default=0)
    read_bytes = models.PositiveBigIntegerField(_("bytes read"), default=0)
    # Where the worker finds the uploaded file (under the data directory); "" once read.
    stored_path = models.CharField(max_length=500, blank=True)
    # A table import is read twice by the worker: the file is checked (read_bytes of
    # size), then its rows are saved (rows_done of rows_total, counted by the check).
    rows_total = models.PositiveIntegerField(_("rows"), default=0)
    rows_done = models.PositiveIntegerField(_("rows saved"), default=0)
    # What the upload form said, for the worker: the decimal mark chosen ("" = find it in
    # the file) and the uploader's language, that the messages are written in.
    decimal_mark = models.CharField(max_length=1, blank=True)
    language = models.CharField(max_length=10, blank=True)
    publish = models.BooleanField(
        _("publish the imported contributions"), default=False
    )
    # Changes and removals found by a re-import, waiting for the support unit:
    # {"changed": [{"key", "id", "fields": {name: [old, new]}}], "removed": [{"key", "id"}]}
    pending = models.JSONField(default=dict, blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    sha256 = models.CharField(_("SHA-256"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="funding_imports",
    )
    created_count = models.PositiveIntegerField(_("created"), default=0)
    unchanged_count = models.PositiveIntegerField(_("already present"), default=0)
    skipped_count = models.PositiveIntegerField(_("skipped"), default=0)
    # [{"where": "row 4" | "activity XX-1 transaction 2", "message": "..."}]
    messages = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.filename}"

    @property
    def percent(self) -> int:
        if self.state not in (self.State.QUEUED, self.State.RUNNING):
            return 100
        if self.kind != self.Kind.TABLE:
            return int(100 * self.read_bytes / self.size) if self.size else 0
        # A table: checking the file is the first part of the bar, saving its rows the rest.
        share = CHECK_SHARE.get(Path(self.filename).suffix.lower(), 50)
        if self.rows_total:
            return int(share + (100 - share) * self.rows_done / self.rows_total)
        return int(share * self.read_bytes / self.size) if self.size else 0

    @property
    def is_working(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING)


LEDGER_VERSION = "contributions"  # the `web.versions` kind of the ledger's rows


def _ledger_changed() -> None:
    from casework.web import versions

    versions.bump_on_commit(LEDGER_VERSION)


class LedgerQuerySet(models.QuerySet["Contribution"]):
    """Bulk writes send no model signal: these mark the ledger as changed themselves
    (saves and deletes of single rows do so through `web.signals`), so that cached
    totals (`funding.figures`) are recomputed after an import, a publication or a merge."""

    def update(self, **kwargs: Any) -> int:
        count = super().update(**kwargs)
        _ledger_changed()
        return count

    def delete(self) -> tuple[int, dict[str, int]]:
        deleted = super().delete()
        _ledger_changed()
        return deleted

    def bulk_create(
        self, objs: Iterable[Contribution], *args: Any, **kwargs: Any
    ) -> list[Contribution]:
        created = super().bulk_create(objs, *args, **kwargs)
        _ledger_changed()
        return created

    def bulk_update(
        self, objs: Iterable[Contribution], *args: Any, **kwargs: Any
    ) -> int:
        count = super().bulk_update(objs, *args, **kwargs)
        _ledger_changed()
        return count


class Contribution(TimeStamped):
    """Money given by a donor to a recipient State in a year, as one source reports it."""

    objects = LedgerQuerySet.as_manager()

    donor = models.ForeignKey(
        Donor, on_delete=models.PROTECT, related_name="contributions"
    )
    recipient_iso3 = models.CharField(_("recipient (ISO3)"), max_length=3)
    # Set when the recipient is a State Party; non-parties (e.g. Lao PDR) keep the ISO3 only.
    recipient_state = models.ForeignKey(
        StateParty,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions_received",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    # The day of the payment when the source gives it (IATI transaction-date).
    date = models.DateField(_("date"), null=True, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    amount_usd = models.DecimalField(
        _("amount in USD"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    rate_used = models.DecimalField(
        _("rate used (units per USD)"),
        max_digits=18,
        decimal_places=8,
        null=True,
        blank=True,
    )
    sector = models.CharField(
        _("sector"), max_length=24, choices=Sector.choices, default=Sector.UNSPECIFIED
    )
    # How the import found the donor: "identifier", "alias", "name", "state" or "new".
    donor_match = models.CharField(_("donor matched by"), max_length=12, blank=True)
    channel = models.CharField(
        _("channel"), max_length=12, choices=Channel.choices, default=Channel.UNKNOWN
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    source = models.CharField(_("source"), max_length=16, choices=Source.choices)
    # What exactly the source is: file name, report symbol, URL, IATI activity identifier.
    source_reference = models.CharField(_("source reference"), max_length=400)
    # Re-importing the same source row finds this key and creates nothing.
    natural_key = models.CharField(_("natural key"), max_length=400, unique=True)
    # The same money reported by another source: kept and shown, left out of totals.
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplicate of"),
    )
    description = models.CharField(_("description"), max_length=500, blank=True)
    is_published = models.BooleanField(_("published"), default=False)
    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )

    class Meta:
        ordering = ["-year", "donor__name", "recipient_iso3"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        indexes = [
            # serves the dashboards' totals by year and the duplicate search
            models.Index(fields=["year", "recipient_iso3"]),
            # serves a donor's past support in the suggestions
            models.Index(fields=["donor", "year"]),
        ]

    def __str__(self) -> str:
        return f"{self.donor} → {self.recipient_iso3} {self.year}: {self.amount} {self.currency}"

    @property
    def is_rate_missing(self) -> bool:
        return self.amount_usd is None


class ContributionRevision(TimeStamped):
    """One change a re-import made to the ledger, kept after the entry itself changes."""

    class Action(models.TextChoices):
        CHANGED = "changed", _("Changed")
        REMOVED = "removed", _("Removed")

    contribution = models.ForeignKey(
        Contribution,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
    )
    natural_key = models.CharField(_("natural key"), max_length=400)
    batch = models.ForeignKey(
        ImportBatch,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="revisions",
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    # {field: [before, after]} for a change; the whole entry as it was for a removal.
    changes = models.JSONField(default=dict)
    applied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("contribution revision")
        verbose_name_plural = _("contribution revisions")

    def __str__(self) -> str:
        return f"{self.action} {self.natural_key}"


class NeedSource(models.TextChoices):
    REPORT = "report", _("Article 7 report")
    EXTENSION_REQUEST = "extension_request", _("Extension request")
    CASE = "case", _("Individualised-approach case")
    MANUAL = "manual", _("Manual entry")


class Need(TimeStamped):
    """Money a State says it needs from international support for a year."""

    state = models.ForeignKey(
        StateParty, on_delete=models.PROTECT, related_name="funding_needs"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(_("amount"), max_digits=18, decimal_places=2)
    currency = models.CharField(_("currency"), max_length=3)
    amount_usd = models.DecimalField(
        _("amount in USD"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    rate_used = models.DecimalField(
        _("rate used (units per USD)"),
        max_digits=18,
        decimal_places=8,
        null=True,
        blank=True,
    )
    sector = models.CharField(
        _("sector"), max_length=24, choices=Sector.choices, default=Sector.UNSPECIFIED
    )
    source = models.CharField(_("source"), max_length=20, choices=NeedSource.choices)
    source_reference = models.CharField(
        _("source reference"), max_length=400, blank=True
    )
    # For needs pulled from another app: "extensions.budgetyear:12"; blank when entered here.
    origin_key = models.CharField(_("origin"), max_length=80, blank=True, db_index=True)
    is_published = models.BooleanField(_("published"), default=False)

    class Meta:
        ordering = ["state__name_en", "year"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        # serves coverage per State and year
        indexes = [models.Index(fields=["state", "year"])]

    def __str__(self) -> str:
        return f"{self.state.iso3} {self.year}: {self.amount} {self.currency}"


class DonorPriority(TimeStamped):
    """A priority a donor has stated (a sector, a region or a State); blank = any."""

    donor = models.ForeignKey(
        Donor, on_delete=models.CASCADE, related_name="priorities"
    )
    sector = models.CharField(
        _("sector"), max_length=24, choices=Sector.choices, blank=True
    )
    region = models.CharField(_("region"), max_length=20, blank=True)
    recipient_iso3 = models.CharField(_("State (ISO3)"), max_length=3, blank=True)
    statement = models.CharField(_("as stated"), max_length=400, blank=True)
    source_reference = models.CharField(_("source"), max_length=400, blank=True)

    class Meta:
        ordering = ["donor__name"]
        verbose_name = _("donor priority")
        verbose_name_plural = _("donor priorities")

    def __str__(self) -> str:
        scope = self.recipient_iso3 or self.region or "*"
        return f"{self.donor}: {self.sector or '*'} / {scope}"
