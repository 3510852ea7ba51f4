"""The organisation registry's first entries (`data/organisations.csv`)."""

import csv
from pathlib import Path

from django.db import migrations

SEED = Path(__file__).resolve().parent.parent / "data" / "organisations.csv"


def seed(apps, schema_editor):
    from casework.funding.organisations import normalise

    Donor = apps.get_model("funding", "Donor")
    DonorAlias = apps.get_model("funding", "DonorAlias")
    with SEED.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            donor, _created = Donor.objects.get_or_create(
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
            for alias in filter(None, row["aliases"].split("|")):
                key = normalise(alias)
                if key and key != normalise(donor.name):
                    DonorAlias.objects.get_or_create(
                        normalised=key, defaults={"donor": donor, "name": alias}
                    )


class Migration(migrations.Migration):
    dependencies = [("funding", "0002_organisations_identities_corrections")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
