"""Benchmark (not a test): an IATI activity file of any size imported as the worker does.

Generates an IATI 2.03 activity file of about --mb megabytes (default 500) in a temporary
folder: mostly activities of other sectors, as publishers' files are, and one in ten on
mine action (DAC 15250) with a commitment and two disbursements to one or two recipient
countries. Then runs the worker's import (`funding.importing.run_iati_batch`) against a
fresh SQLite database in that folder and prints:
- peak memory: resource.getrusage ru_maxrss (peak resident set size of this process,
  interpreter and Django included), before and after the import;
- with --tracemalloc, the peak of Python allocations during the import (slower);
- activities/s, rows/s (contributions written), by wall-clock and by CPU time.
Run: .venv/bin/python bench/iati_import.py --mb 100
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

COUNTRIES = ["AO", "KH", "CO", "UA", "IQ", "BA", "ZW", "SN", "AF", "SD", "NG", "LA"]
FILLER = (
    "Support to the health system, school meals and rural roads in the districts named in "
    "the programme document, with monitoring by the implementing partners. "
) * 3


def activity(number: int, rng: random.Random) -> str:
    mine_action = number % 10 == 0
    code = "15250" if mine_action else rng.choice(["12220", "11220", "21020", "31120"])
    countries = rng.sample(COUNTRIES, 2 if number % 20 == 0 else 1)
    share = 100 // len(countries)
    recipients = "".join(
        f'<recipient-country code="{c}" percentage="{share}"/>' for c in countries
    )
    transactions = "".join(
        f'<transaction ref="T{number}-{k}"><transaction-type code="{t}"/>'
        f'<transaction-date iso-date="20{20 + k}-0{1 + k}-15"/>'
        f'<value currency="EUR" value-date="20{20 + k}-0{1 + k}-15">{rng.randint(10, 900) * 1000}</value>'
        f'<receiver-org type="22"><narrative>Operator {number % 97}</narrative></receiver-org>'
        "</transaction>"
        for k, t in enumerate(("2", "3", "3"))
    )
    title = (
        "Humanitarian mine action and clearance" if mine_action else "Basic services"
    )
    return (
        f'<iati-activity default-currency="EUR"><iati-identifier>XX-BENCH-{number}</iati-identifier>'
        f'<reporting-org ref="GB-GOV-1" type="10"><narrative>Foreign, Commonwealth and '
        f"Development Office</narrative></reporting-org>"
        f"<title><narrative>{title} {number}</narrative></title>"
        f"<description><narrative>{FILLER}</narrative></description>{recipients}"
        f'<sector vocabulary="1" code="{code}" percentage="100"/>{transactions}</iati-activity>\n'
    )


def generate(path: Path, megabytes: int) -> int:
    rng = random.Random(17)
    target = megabytes * 1024 * 1024
    written = number = 0
    with path.open("w", encoding="utf-8") as out:
        head = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n'
        )
        out.write(head)
        written += len(head)
        while written < target:
            text = activity(number, rng)
            out.write(text)
            written += len(text)
            number += 1
        out.write("</iati-activities>\n")
    return number


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=int, default=500, help="file size in MB")
    parser.add_argument("--tracemalloc", action="store_true")
    parser.add_argument("--keep", help="folder to work in (kept afterwards)")
    args = parser.parse_args()
    folder = Path(args.keep or tempfile.mkdtemp(prefix="iati-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["CASEWORK_DATA_DIR"] = str(folder)
    os.environ.setdefault("CASEWORK_SECRET_KEY", "bench-only")
    os.environ["CASEWORK_TASK_BACKEND"] = "immediate"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casework.site.settings")
    path = folder / "bench.xml"
    started = time.monotonic()
    activities = generate(path, args.mb)
    size = path.stat().st_size
    print(
        f"generated {size / 1024**2:.0f} MB, {activities} activities "
        f"in {time.monotonic() - started:.0f} s"
    )

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from casework.funding.importing import run_iati_batch
    from casework.funding.models import Contribution, ImportBatch
    from casework.states.services import load_reference_data

    load_reference_data()
    batch = ImportBatch.objects.create(
        kind=ImportBatch.Kind.IATI,
        state=ImportBatch.State.QUEUED,
        filename=path.name,
        sha256="bench",
        size=size,
        stored_path=str(path),
    )
    before = rss_mb()
    print(f"peak RSS before the import: {before:.0f} MB")
    if args.tracemalloc:
        tracemalloc.start()
    started, cpu = time.monotonic(), time.process_time()
    created = run_iati_batch(batch.pk)
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu
    if args.tracemalloc:
        _current, peak = tracemalloc.get_traced_memory()
        print(f"tracemalloc peak during the import: {peak / 1024**2:.0f} MB")
    batch.refresh_from_db()
    print(
        f"imported: {created} contributions ({Contribution.objects.count()} in the "
        f"ledger), state {batch.state}, {len(batch.messages)} messages"
    )
    print(
        f"time {elapsed:.0f} s: {activities / elapsed:.0f} activities/s, "
        f"{created / elapsed:.0f} rows/s, {size / 1024**2 / elapsed:.1f} MB/s"
    )
    # On a shared machine wall-clock time measures the neighbours too: CPU time of this
    # process (parsing, Django, SQLite) is the figure to compare.
    print(
        f"CPU time {cpu:.0f} s: {activities / cpu:.0f} activities/s, "
        f"{created / cpu:.0f} rows/s, {size / 1024**2 / cpu:.1f} MB/s of CPU"
    )
    print(f"peak RSS of the process: {rss_mb():.0f} MB (target < 300 MB)")


if __name__ == "__main__":
    main()
