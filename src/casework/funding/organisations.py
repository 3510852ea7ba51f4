"""The organisation registry: who a donor is, whatever name a source gives it.

An imported row is matched, in order, by
1. its IATI organisation identifier (the donor's `iati_ref`, or an alias holding it);
2. its name: the donor's name in EN/FR/ES or one of its aliases, compared normalised
   (case, accents, punctuation and a leading "the" do not count);
3. a State donor's ISO3 (the State it belongs to);
otherwise a new organisation is created and, when a known one has a close name, a
`DonorMatch` suggestion waits for the support unit, who confirms (merge) or refuses.
"""

from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from casework.funding.models import (
    Contribution,
    Donor,
    DonorAlias,
    DonorKind,
    DonorMatch,
    DonorPriority,
)

SEED = Path(__file__).parent / "data" / "organisations.csv"
# difflib ratio of two normalised names from which a suggestion is offered.
SUGGEST_FROM = 0.82


def normalise(name: str) -> str:
    """'The  Foreign, Commonwealth & Development Office' -> 'foreign commonwealth development office'."""
    text = unicodedata.normalize("NFKD", name.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = re.sub(r"[^\w]+", " ", text.replace("&", " and ")).strip()
    text = re.sub(r"^(the|le|la|les|el|los|las) ", "", text)
    return re.sub(r"\s+", " ", re.sub(r"\band\b", " ", text)).strip()[:200]


@dataclass(frozen=True, slots=True)
class Match:
    donor: Donor | None
    how: str  # "identifier", "alias", "name", "state" or "" (not found)
    suggestion: Donor | None = None
    score: float = 0.0


class Matcher:
    """Matches names and identifiers against the registry, loaded once per import."""

    def __init__(self) -> None:
        self.by_ref: dict[str, Donor] = {}
        self.by_name: dict[str, tuple[Donor, str]] = {}
        self.by_state: dict[str, Donor] = {}
        self.reload()

    def reload(self) -> None:
        self.by_ref.clear()
        self.by_name.clear()
        self.by_state.clear()
        donors = {donor.pk: donor for donor in Donor.objects.all()}
        for donor in donors.values():
            if donor.iati_ref:
                self.by_ref[donor.iati_ref.upper()] = donor
            for name in (donor.name, donor.name_fr, donor.name_es):
                if name:
                    self.by_name.setdefault(normalise(name), (donor, "name"))
            if donor.kind == DonorKind.STATE and donor.iso3:
                self.by_state.setdefault(donor.iso3.upper(), donor)
        for alias in DonorAlias.objects.all():
            donor = donors[alias.donor_id]
            self.by_ref.setdefault(alias.name.strip().upper(), donor)
            self.by_name.setdefault(alias.normalised, (donor, "alias"))

    def match(self, name: str, *, iati_ref: str = "", iso3: str = "") -> Match:
        if iati_ref and (found := self.by_ref.get(iati_ref.strip().upper())):
            return Match(found, "identifier")
        key = normalise(name)
        if key in self.by_name:
            donor, how = self.by_name[key]
            return Match(donor, how)
        if iso3 and (found := self.by_state.get(iso3.upper())):
            return Match(found, "state")
        best, score = None, 0.0
        for known, (donor, _how) in self.by_name.items():
            ratio = difflib.SequenceMatcher(None, key, known).ratio()
            if ratio > score:
                best, score = donor, ratio
        if best is not None and score >= SUGGEST_FROM:
            return Match(None, "", best, round(score, 3))
        return Match(None, "")

    def resolve(
        self, name: str, *, kind: str, iso3: str = "", iati_ref: str = ""
    ) -> tuple[Donor, str]:
        """The organisation of an imported row and how it was found ("new" if created)."""
        found = self.match(name, iati_ref=iati_ref, iso3=iso3)
        if found.donor is not None:
            return found.donor, found.how
        clean = name.strip()[:200]
        donor, _created = Donor.objects.get_or_create(
            name=clean, defaults={"kind": kind, "iso3": iso3, "iati_ref": iati_ref}
        )
        if found.suggestion is not None and found.suggestion.pk != donor.pk:
            DonorMatch.objects.get_or_create(
                donor=donor,
                suggested=found.suggestion,
                defaults={"imported_name": clean, "score": found.score},
            )
        self.by_name[normalise(clean)] = (donor, "name")
        if iati_ref:
            self.by_ref[iati_ref.upper()] = donor
        return donor, "new"


def add_alias(donor: Donor, name: str) -> bool:
    """Record `name` as an alias of `donor`; False when it is already someone's alias."""
    key = normalise(name)
    if not key or normalise(donor.name) == key:
        return False
    _alias, created = DonorAlias.objects.get_or_create(
        normalised=key, defaults={"donor": donor, "name": name.strip()[:200]}
    )
    return created


def seed() -> int:
    """Load `data/organisations.csv` (names, identifiers, aliases); returns organisations added."""
    added = 0
    with SEED.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            donor, created = Donor.objects.get_or_create(
                name=row["name_en"],
                defaults={
                    "name_fr": row["name_fr"],
                    "name_es": row["name_es"],
                    "kind": row["kind"],
                    "iso3": row["iso3"],
                    "iati_ref": row["iati_ref"],
                    "dac_code": row["dac_code"],
                },
            )
            added += created
            for alias in filter(None, row["aliases"].split("|")):
                add_alias(donor, alias)
    return added


@transaction.atomic
def merge(source: Donor, into: Donor) -> Donor:
    """Fold `source` into `into`: its entries, priorities and aliases move, its names and
    identifier become aliases, and entries that now repeat another source are linked."""
    from casework.funding.services import relink_duplicates

    if source.pk == into.pk:
        return into
    Contribution.objects.filter(donor=source).update(donor=into)
    DonorPriority.objects.filter(donor=source).update(donor=into)
    DonorAlias.objects.filter(donor=source).update(donor=into)
    names = [source.name, source.name_fr, source.name_es]
    if source.iati_ref and not into.iati_ref:
        into.iati_ref = source.iati_ref
    elif source.iati_ref and source.iati_ref.upper() != into.iati_ref.upper():
        names.append(source.iati_ref)
    for field in ("dac_code", "name_fr", "name_es", "iso3"):
        if not getattr(into, field) and getattr(source, field):
            setattr(into, field, getattr(source, field))
    into.save()
    # The suggestions about `source` go with it (cascade); those pointing at it now
    # point at the organisation it became.
    DonorMatch.objects.filter(suggested=source).exclude(donor=into).update(
        suggested=into
    )
    source.delete()
    for name in filter(None, names):
        add_alias(into, name)
    relink_duplicates(into)
    return into
