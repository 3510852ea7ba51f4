"""Load test (not a test): p95 of the compliance page, a State page and the cross-State view.

Seeds a database with 4,500 documents and 50,000 findings (once), starts the production
server (gunicorn via `casework serve`), then has N concurrent users fetch the pages for a
while and prints per-page request counts, p50, p95 and max in milliseconds.

PostgreSQL (the target of issue 4):
    .venv/bin/python bench/load_pages.py \
        --database-url postgres://postgres@/casework_bench?host=/var/run/postgresql
SQLite (default, a file under a temporary data directory):
    .venv/bin/python bench/load_pages.py
Options: --users 50 --seconds 20 --workers 4 --think 1 (mean pause between a user's
requests; 0 = closed loop, every user hammering). The last line is
`p95 compliance N ms state N ms coverage N ms`.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import requests

ROOT = Path(__file__).resolve().parents[1]
CASEWORK = str(Path(sys.executable).with_name("casework"))
PASSWORD = "a-Long-pass-phrase-42"
PAGES = {
    "compliance": "/compliance/2025/",
    "state": "/states/SEN/",
    "coverage": "/findings/coverage/",
}


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


SEED = """
import random
from django.db import transaction
from casework.accounts.models import Role
from casework.accounts.services import create_user
from django.contrib.auth.models import User
from casework.documents.models import AnalysisRun, Document, StoredOriginal
from casework.findings.indicators import CODES
from casework.findings.models import Finding
from casework.compliance.models import Submission
from casework.states.models import StateParty
from casework.states.services import load_reference_data
import datetime as dt

load_reference_data()
if not User.objects.filter(username="bench").exists():
    create_user("bench", {password!r}, role=Role.SUPPORT_UNIT, email="bench@example.org")
target_docs, target_findings = {documents}, {findings}
have = Document.objects.count()
states = list(StateParty.objects.all())
rng = random.Random(4)
with transaction.atomic():
    originals = StoredOriginal.objects.bulk_create(
        [StoredOriginal(sha256=f"{{have + i:064x}}", size=1000, extension=".pdf")
         for i in range(target_docs - have)]
    )
    documents = Document.objects.bulk_create([
        Document(state=states[i % len(states)], kind="article7_report", year=2016 + i % 10,
                 filename=f"bench-{{have + i}}.pdf", original=original, language="en", pages=30,
                 text="Bench text.")
        for i, original in enumerate(originals)
    ], batch_size=1000)
    AnalysisRun.objects.bulk_create(
        [AnalysisRun(document=d, status="done", progress=100) for d in documents], batch_size=1000
    )
    per_doc = max(1, target_findings // max(target_docs, 1))
    decisions = ["accepted", "accepted", "rejected", "pending", "corrected"]
    Finding.objects.bulk_create([
        Finding(document=d, indicator=code, source="analyser", present=True, score=0.9,
                evidence=[{{"page": 1, "text": "Bench text.", "rule": "bench"}}],
                decision=rng.choice(decisions), corrected_present=True)
        for d in documents for code in rng.sample(CODES, per_doc)
    ], batch_size=2000)
    for year in range(2016, 2027):
        Submission.objects.bulk_create([
            Submission(state=s, year=year, submitted_at=dt.date(year, 3, 1) + dt.timedelta(days=rng.randint(0, 90)), source="demo")
            for s in states if rng.random() < 0.8
        ], ignore_conflicts=True)
print(Document.objects.count(), Finding.objects.count())
"""


def seed(env: dict[str, str], *, documents: int, findings: int) -> str:
    subprocess.run(
        [CASEWORK, "manage", "migrate", "--verbosity", "0"], env=env, check=True
    )
    code = SEED.format(password=PASSWORD, documents=documents, findings=findings)
    done = subprocess.run(
        [CASEWORK, "manage", "shell", "-c", code],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return done.stdout.strip().splitlines()[-1]


def log_in(base: str) -> requests.Session:
    session = requests.Session()
    session.get(f"{base}/accounts/login/")
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


def load(
    base: str, *, users: int, seconds: float, think: float
) -> dict[str, list[float]]:
    timings: dict[str, list[float]] = {name: [] for name in PAGES}
    errors: list[str] = []
    lock = threading.Lock()
    sessions = [log_in(base) for _ in range(users)]
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
                timings[name].append(elapsed)
            i += 1
            # Like Locust's between(think/2, 3*think/2): people read before clicking on.
            time.sleep(rng.uniform(think / 2, think * 1.5) if think else 0)

    threads = [
        threading.Thread(target=user, args=(s, n)) for n, s in enumerate(sessions)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"{len(errors)} users stopped; first: {errors[0]}")
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default="")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument(
        "--think", type=float, default=1.0, help="mean seconds between clicks"
    )
    parser.add_argument("--documents", type=int, default=4500)
    parser.add_argument("--findings", type=int, default=50000)
    parser.add_argument("--port", type=int, default=8765)
    args = parser.parse_args()

    data_dir = Path(tempfile.mkdtemp(prefix="casework-bench-"))
    env = {
        **os.environ,
        "CASEWORK_DATA_DIR": str(data_dir),
        "CASEWORK_DEBUG": "0",
        "CASEWORK_SECRET_KEY": "bench-" + "x" * 50,
        "CASEWORK_LOG_LEVEL": "WARNING",
        "CASEWORK_ALLOWED_HOSTS": "127.0.0.1,localhost",
    }
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
        if args.database_url.startswith("postgres"):
            _ensure_postgres_database(args.database_url)
    counts = seed(env, documents=args.documents, findings=args.findings)
    print(
        f"database: {args.database_url or 'sqlite'}; documents, findings: {counts}",
        flush=True,
    )
    subprocess.run(
        [CASEWORK, "manage", "collectstatic", "--noinput", "-v", "0"],
        env=env,
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
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{args.port}"
    try:
        for _ in range(100):
            try:
                requests.get(base + "/compliance/2025/", timeout=10)
                break
            except requests.RequestException:
                time.sleep(0.2)
        timings = load(base, users=args.users, seconds=args.seconds, think=args.think)
    finally:
        server.terminate()
        server.wait()
    p95s = []
    for name, values in timings.items():
        values.sort()
        p95 = values[int(len(values) * 0.95) - 1] if values else float("nan")
        p95s.append(f"{name} {p95:.0f} ms")
        print(
            f"{PAGES[name]:24} n={len(values):5} p50={statistics.median(values):6.0f} ms "
            f"p95={p95:6.0f} ms max={values[-1]:6.0f} ms"
        )
    print("p95 " + " ".join(p95s))


if __name__ == "__main__":
    main()
