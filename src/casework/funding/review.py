"""What an import page shows beyond its counts: the changes to review, the missing rates."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count

from casework.funding.models import Contribution, Donor, ImportBatch, Status

FIELD_LABELS: dict[str, object] = {
    name: getattr(Contribution._meta.get_field(field), "verbose_name", name)
    for name, field in (
        ("donor_id", "donor"),
        *(
            (name, name)
            for name in (
                "recipient_iso3",
                "year",
                "date",
                "amount",
                "currency",
                "status",
                "sector",
                "channel",
                "description",
            )
        ),
    )
}


@dataclass(frozen=True, slots=True)
class FieldChange:
    label: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class ChangeLine:
    entry: Contribution | None
    key: str
    fields: list[FieldChange]


@dataclass(frozen=True, slots=True)
class Review:
    changed: list[ChangeLine]
    removed: list[ChangeLine]


def _shown(name: str, value: object, donors: dict[int, str]) -> str:
    if name == "donor_id" and isinstance(value, int):
        return donors.get(value, str(value))
    if name == "status" and isinstance(value, str) and value in Status.values:
        return str(Status(value).label)
    return "—" if value in (None, "") else str(value)


def review_of(batch: ImportBatch) -> Review | None:
    """The changes and removals of a re-import, readable (names, labels), or None."""
    pending = batch.pending or {}
    if not pending:
        return None
    ids = [
        item["id"] for item in pending.get("changed", []) + pending.get("removed", [])
    ]
    entries = Contribution.objects.select_related("donor").in_bulk(ids)
    donor_ids = {
        value
        for item in pending.get("changed", [])
        for pair in item["fields"].values()
        for value in pair
        if isinstance(value, int)
    }
    donors = dict(Donor.objects.filter(pk__in=donor_ids).values_list("pk", "name"))
    return Review(
        changed=[
            ChangeLine(
                entries.get(item["id"]),
                item["key"],
                [
                    FieldChange(
                        str(FIELD_LABELS.get(name, name)),
                        _shown(name, before, donors),
                        _shown(name, after, donors),
                    )
                    for name, (before, after) in item["fields"].items()
                ],
            )
            for item in pending.get("changed", [])
        ],
        removed=[
            ChangeLine(entries.get(item["id"]), item["key"], [])
            for item in pending.get("removed", [])
        ],
    )


@dataclass(frozen=True, slots=True)
class MissingRate:
    currency: str
    year: int
    count: int


def missing_rates(batch: ImportBatch) -> list[MissingRate]:
    """Currencies and years of the batch's entries that wait for an exchange rate."""
    rows = (
        batch.contributions.filter(amount_usd__isnull=True)
        .values("currency", "year")
        .annotate(count=Count("pk"))
        .order_by("currency", "year")
    )
    return [MissingRate(row["currency"], row["year"], row["count"]) for row in rows]
