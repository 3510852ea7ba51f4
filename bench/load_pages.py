"""Load test (not a test): do the public pages and the cross-State view stay flat at 10× data?

Builds two databases — 1× (4,500 documents, ~50,000 findings, 3,000 published
contributions) and 10× (45,000 / ~495,000 / 30,000), seeded with bulk_create (once: a second
run only tops them up) — then, in ONE invocation, takes turns (1×, 10×, 1×, 10×, … `--rounds` times): for each turn it starts the production
server (gunicorn via `casework serve`) on that database, warms each page once (a cold
cache is a one-off, not the steady state), has N concurrent users fetch the pages for
`--seconds`, and samples the load average every second. It prints, per page, p50/p95/p99
at both sizes, the ratio p95(10×)/p95(1×) (the issue's target: ≤ 1.5), and the load
average (mean and max of the 1-minute figure) during each turn: on a shared machine
compare the pairs, taken in turns, not the absolute values.

PostgreSQL (two databases are made from the URL's name: <name>_1x and <name>_10x):
    .venv/bin/python bench/load_pages.py \\
        --database-url postgres://postgres@127.0.0.1:5432/casework_bench
SQLite (default: a file under a data directory per size, kept in --data-dir):
    .venv/bin/python bench/load_pages.py
Options: --users 50 --seconds 20 --workers 4 --think 1 (mean pause between a user's
requests; 0 = closed loop) --rounds 2 --scales 1 10.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
CASEWORK = str(Path(sys.executable).with_name("casework"))
PASSWORD = "a-Long-pass-phrase-42"
PAGES = {
    "home": "/",
    "compliance": "/compliance/2025/",
    "state": "/states/SEN/",
    "states": "/states/",
    "coverage": "/findings/coverage/",
    "observations": "/observations/",
    "funding": "/funding/",
    "ledger": "/funding/contributions/",
}
DOCUMENTS, FINDINGS, CONTRIBUTIONS = 4500, 50000, 3000  # 1×


def _ensure_postgres_database(url: str) -> None:
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as db:
        if not db.execute(
            "select 1 from pg_database where datname = %s", (name,)
        ).fetchone():
            db.execute(f'create database "{name}"')


def _scaled_url(url: str, scale: int) -> str:
    from urllib.parse import urlsplit, urlunsplit

    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"{parts.path.rstrip('/')}_{scale}x"))


# Seeds in batches of 1,000 documents with bulk_create: the 10× database (45,000
# documents, 495,000 findings) is built in a minute or two, without holding it in memory.
SEED = """
import datetime as dt
import random
from django.contrib.auth.models import User
from django.db import transaction
from casework.accounts.models import Role
from casework.accounts.services import create_user
from casework.compliance.models import Submission
from casework.documents.models import AnalysisRun, Document, StoredOriginal
from casework.findings.indicators import CODES
from casework.findings.models import Finding
from casework.funding.models import Contribution, Donor
from casework.states.models import StateParty
from casework.states.services import load_reference_data

load_reference_data()
if not User.objects.filter(username="bench").exists():
    create_user("bench", {password!r}, role=Role.SUPPORT_UNIT, email="bench@example.org")
target_docs, target_findings = {documents}, {findings}
states = list(StateParty.objects.all())
rng = random.Random(4)
per_doc = max(1, target_findings // max(target_docs, 1))
decisions = ["accepted", "accepted", "rejected", "pending", "corrected"]
BATCH = 1000
while (have := Document.objects.count()) < target_docs:
    n = min(BATCH, target_docs - have)
    with transaction.atomic():
        originals = StoredOriginal.objects.bulk_create(
            [StoredOriginal(sha256=f"{{have + i:064x}}", size=1000, extension=".pdf")
             for i in range(n)]
        )
        documents = Document.objects.bulk_create([
            Document(state=states[(have + i) % len(states)], kind="article7_report",
                     year=2016 + (have + i) % 10, filename=f"bench-{{have + i}}.pdf",
                     original=original, language="en", pages=30, text="Bench text.")
            for i, original in enumerate(originals)
        ])
        AnalysisRun.objects.bulk_create(
            [AnalysisRun(document=d, status="done", progress=100) for d in documents]
        )
        Finding.objects.bulk_create([
            Finding(document=d, indicator=code, source="analyser", present=True,
                    score=0.9, evidence=[{{"page": 1, "text": "Bench text.", "rule": "bench"}}],
                    decision=rng.choice(decisions), corrected_present=True)
            for d in documents for code in rng.sample(CODES, per_doc)
        ], batch_size=5000)
for year in range(2016, 2027):
    Submission.objects.bulk_create([
        Submission(state=s, year=year, source="demo",
                   submitted_at=dt.date(year, 3, 1) + dt.timedelta(days=rng.randint(0, 90)))
        for s in states if rng.random() < 0.8
    ], ignore_conflicts=True)
donors = [
    Donor.objects.get_or_create(name=f"Bench donor {{n:02d}}")[0] for n in range(30)
]
while (have := Contribution.objects.count()) < {contributions}:
    n = min(BATCH, {contributions} - have)
    Contribution.objects.bulk_create([
        Contribution(donor=donors[(have + i) % len(donors)],
                     recipient_iso3=states[(have + i) % len(states)].iso3,
                     recipient_state=states[(have + i) % len(states)],
                     year=2016 + (have + i) % 10, amount=10_000 + i, currency="USD",
                     amount_usd=10_000 + i, rate_used=1, sector="clearance",
                     channel="bilateral", status="disbursed", source="manual",
                     source_reference="bench", natural_key=f"bench-{{have + i}}",
                     is_published=True)
        for i in range(n)
    ])
print(Document.objects.count(), Finding.objects.count(), Contribution.objects.count())
"""


@dataclass
class Site:
    scale: int
    env: dict[str, str]
    counts: str = ""


@dataclass
class Turn:
    scale: int
    timings: dict[str, list[float]]
    load: list[float] = field(default_factory=list)


def site_for(scale: int, args: argparse.Namespace, root: Path) -> Site:
    data_dir = root / f"{scale}x"
    data_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "CASEWORK_DATA_DIR": str(data_dir),
        "CASEWORK_DEBUG": "0",
        "CASEWORK_SECRET_KEY": "bench-" + "x" * 50,
        "CASEWORK_LOG_LEVEL": "WARNING",
        "CASEWORK_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    if args.database_url:
        url = _scaled_url(args.database_url, scale)
        env["DATABASE_URL"] = url
        if url.startswith("postgres"):
            _ensure_postgres_database(url)
    return Site(scale, env)


def seed(site: Site) -> None:
    started = time.monotonic()
    subprocess.run(
        [CASEWORK, "manage", "migrate", "--verbosity", "0"], env=site.env, check=True
    )
    code = SEED.format(
        password=PASSWORD,
        documents=DOCUMENTS * site.scale,
        findings=FINDINGS * site.scale,
        contributions=CONTRIBUTIONS * site.scale,
    )
    done = subprocess.run(
        [CASEWORK, "manage", "shell", "-c", code],
        env=site.env,
        check=True,
        capture_output=True,
        text=True,
    )
    site.counts = done.stdout.strip().splitlines()[-1]
    print(
        f"{site.scale}×: documents, findings, contributions = {site.counts} "
        f"(ready in {time.monotonic() - started:.0f} s)",
        flush=True,
    )


def log_in(base: str) -> requests.Session:
    session = requests.Session()
    page = session.get(f"{base}/accounts/login/")
    if page.status_code != 200:
        raise SystemExit(f"the login page answered HTTP {page.status_code}")
    response = session.post(
        f"{base}/accounts/login/",
        data={
            "username": "bench",
            "password": PASSWORD,
            "csrfmiddlewaretoken": session.cookies["csrftoken"],
        },
        headers={"Referer": f"{base}/accounts/login/"},
    )
    response.raise_for_status()
    return session


def load(base: str, *, users: int, seconds: float, think: float, turn: Turn) -> None:
    errors: list[str] = []
    lock = threading.Lock()
    sessions = [log_in(base) for _ in range(users)]
    for path in PAGES.values():  # warm: the first visit fills the caches
        sessions[0].get(base + path).raise_for_status()
    stop = time.monotonic() + seconds

    def user(session: requests.Session, offset: int) -> None:
        rng = random.Random(offset)
        names = list(PAGES)
        i = offset
        while time.monotonic() < stop:
            name = names[i % len(names)]
            started = time.perf_counter()
            response = session.get(base + PAGES[name])
            elapsed = (time.perf_counter() - started) * 1000
            if response.status_code != 200 or response.url != base + PAGES[name]:
                errors.append(
                    f"{PAGES[name]}: HTTP {response.status_code} at {response.url}"
                )
                return
            with lock:
                turn.timings[name].append(elapsed)
            i += 1
            # Like Locust's between(think/2, 3*think/2): people read before clicking on.
            time.sleep(rng.uniform(think / 2, think * 1.5) if think else 0)

    def sample_load() -> None:
        while time.monotonic() < stop:
            turn.load.append(os.getloadavg()[0])
            time.sleep(1)

    threads = [
        threading.Thread(target=user, args=(s, n)) for n, s in enumerate(sessions)
    ]
    threads.append(threading.Thread(target=sample_load))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"{len(errors)} users stopped; first: {errors[0]}")


def run_turn(site: Site, args: argparse.Namespace) -> Turn:
    turn = Turn(site.scale, {name: [] for name in PAGES})
    # Each turn: the static files of the code as it is now (the manifest names them).
    subprocess.run(
        [CASEWORK, "manage", "collectstatic", "--noinput", "-v", "0"],
        env=site.env,
        check=True,
    )
    server = subprocess.Popen(
        [
            CASEWORK,
            "serve",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            str(args.workers),
        ],
        env=site.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(300):
            try:
                requests.get(base + "/compliance/2025/", timeout=10)
                break
            except requests.RequestException:
                time.sleep(0.2)
        load(base, users=args.users, seconds=args.seconds, think=args.think, turn=turn)
    finally:
        server.terminate()
        server.wait()
    mean_load = statistics.fmean(turn.load) if turn.load else float("nan")
    n = sum(len(v) for v in turn.timings.values())
    print(
        f"turn {site.scale}×: {n} requests, {n / args.seconds:.1f}/s, "
        f"load average {mean_load:.2f} (max {max(turn.load, default=0):.2f})",
        flush=True,
    )
    return turn


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0–100) of the values; NaN when there are none."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, math.ceil(q / 100 * len(ordered)))
    return ordered[rank - 1]


def report(turns: list[Turn], scales: list[int]) -> None:
    print()
    head = f"{'page':24}" + "".join(
        f"{f'{s}× n':>8}{f'{s}× p50':>9}{f'{s}× p95':>9}{f'{s}× p99':>9}"
        for s in scales
    )
    print(head + f"  p95({scales[-1]}×)/p95({scales[0]}×)")
    for name, path in PAGES.items():
        line = f"{path:24}"
        p95 = {}
        for scale in scales:
            values = [v for t in turns if t.scale == scale for v in t.timings[name]]
            p95[scale] = percentile(values, 95)
            line += (
                f"{len(values):8}{percentile(values, 50):9.0f}{p95[scale]:9.0f}"
                f"{percentile(values, 99):9.0f}"
            )
        ratio = p95[scales[-1]] / p95[scales[0]] if p95[scales[0]] else float("nan")
        print(line + f"  {ratio:.2f}")
    print("times in ms; load average (1 min) during each turn:")
    for i, turn in enumerate(turns, 1):
        mean = statistics.fmean(turn.load) if turn.load else float("nan")
        print(
            f"  turn {i} ({turn.scale}×): mean {mean:.2f}, "
            f"max {max(turn.load, default=0):.2f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--data-dir", default="", help="kept between runs")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--scales", type=int, nargs="+", default=[1, 10])
    parser.add_argument(
        "--think", type=float, default=1.0, help="mean seconds between clicks"
    )
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    root = Path(args.data_dir or tempfile.mkdtemp(prefix="casework-bench-"))
    print(f"database: {args.database_url or 'sqlite'}; data under {root}", flush=True)
    sites = [site_for(scale, args, root) for scale in args.scales]
    for site in sites:
        seed(site)
    turns = [run_turn(site, args) for _ in range(args.rounds) for site in sites]
    report(turns, args.scales)


if __name__ == "__main__":
    main()
