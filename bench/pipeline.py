"""Benchmark (not a test): pipeline documents/min beside the analyser's own, and their ratio.

Writes N text documents (reports of a few pages in English, French and Spanish, each one
different), then takes turns (`--rounds` times):

- pipeline: the documents are uploaded (`documents.services.upload_documents`, which
  stores each file and queues its analysis), then the real worker runs in burst mode
  (`casework worker --burst`, a child process: its start-up is part of the cost) until
  the queue is empty; the clock runs from the first upload to the worker's exit, and
  every run must end `done`;
- running worker: the same, but the worker (`casework worker`, not burst) was started
  and has analysed one document before the clock starts, as a deployed worker runs all
  the time; the clock runs from the first upload until every run has ended;
- in process: the same files through `casework.core.run.analyse_path` in this process,
  one after the other, after one warm-up document (the models loaded once), the learned
  reader's embedding cache emptied before each document (as in the worker's child).

It prints documents/min for each turn, the best of each, and the ratios pipeline/in-process
and running worker/in-process (the issue's target: ≥ 0.6; the burst turn also pays the
worker's start-up, a few seconds, once), with the load average during each turn: on a shared machine
compare the pairs, taken in turns, not the absolute values. It measures only: the worker
and `core/isolate.py` are used as they are.

    .venv/bin/python bench/pipeline.py --documents 30 --rounds 2
Options: --database-url (SQLite under a temporary directory by default), --pages 4.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CASEWORK = str(Path(sys.executable).with_name("casework"))

# Our own sentences (no third-party text), varied per document by the numbers in them.
SENTENCES = {
    "en": [
        "In {year} the national budget allocated USD {amount:,} to the mine action centre for salaries and field operations.",
        "Survey teams recorded {areas} new hazardous areas covering {m2:,} m² after reports from farmers and returnees.",
        "The centre needs about USD {need} million more to meet its milestones, in particular for machines and training.",
        "With support from partner States, operators released {km} km² of farmland and {roads} km of roads.",
        "A coordination platform met in March with donors, operators and the national authority to review the work plan.",
        "Victim assistance reached {people} survivors, with data broken down by sex, age and disability.",
    ],
    "fr": [
        "En {year}, le Gouvernement a alloué {amount:,} francs CFA au centre national pour les salaires et les locaux.",
        "Les équipes comptent {share} % de femmes et les données sur les victimes sont ventilées par sexe et par âge.",
        "Une réunion de coordination a réuni l'autorité nationale, les bailleurs et les opérateurs pour examiner le plan.",
        "Il reste {m2:,} m² à remettre à disposition dans {areas} zones dangereuses confirmées.",
        "Le centre a besoin d'un appui supplémentaire d'environ {need} millions de dollars pour ses jalons annuels.",
    ],
    "es": [
        "El centro organizó un intercambio con técnicos de la región para compartir su experiencia en gestión de la información.",
        "La estrategia de movilización de recursos prevé una mesa de donantes con una meta de USD {need} millones.",
        "Quedan por liberar {m2:,} m² en {areas} departamentos, según el plan de trabajo hasta {year}.",
        "La asistencia a víctimas llegó a {people} sobrevivientes, con datos desglosados por sexo y edad.",
    ],
}
STATES = ["SEN", "KHM", "COL", "TCD", "PER", "BIH", "AGO", "MOZ", "YEM", "LKA"]


def write_documents(folder: Path, *, count: int, pages: int) -> list[tuple[Path, str]]:
    """`count` different text reports of `pages` pages (form feeds), with their State."""
    rng = random.Random(19)
    files = []
    for n in range(count):
        language = ["en", "fr", "es"][n % 3]
        page_texts = []
        for _page in range(pages):
            lines = []
            for _ in range(12):
                sentence = rng.choice(SENTENCES[language])
                lines.append(
                    sentence.format(
                        year=2020 + rng.randint(0, 10),
                        amount=rng.randint(10, 900) * 10_000,
                        areas=rng.randint(2, 90),
                        m2=rng.randint(1_000, 9_000_000),
                        need=rng.randint(1, 40),
                        km=rng.randint(1, 60),
                        roads=rng.randint(1, 300),
                        people=rng.randint(10, 4_000),
                        share=rng.randint(5, 60),
                    )
                )
            page_texts.append("\n".join(lines))
        path = folder / f"report-{n:03d}-{language}.txt"
        path.write_text("\f".join(page_texts), encoding="utf-8")
        files.append((path, STATES[n % len(STATES)]))
    return files


@dataclass
class Turn:
    kind: str  # "pipeline", "running" (worker) or "in process"
    documents: int
    seconds: float = 0.0
    load: list[float] = field(default_factory=list)

    @property
    def per_minute(self) -> float:
        return self.documents / self.seconds * 60 if self.seconds else float("nan")


class LoadSampler:
    """The 1-minute load average, every second, while a turn runs."""

    def __init__(self, turn: Turn) -> None:
        self.turn, self.running = turn, True
        self.thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self) -> None:
        while self.running:
            self.turn.load.append(os.getloadavg()[0])
            time.sleep(1)

    def __enter__(self) -> LoadSampler:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.running = False
        self.thread.join()


def _site_ready() -> None:
    """What a running site has imported already: the tasks, the URLconf (the search
    index reverses URLs on the first upload)."""
    from django.urls import reverse

    import casework.documents.tasks  # noqa: F401

    reverse("documents:detail", args=[1])


def _upload(files: list[tuple[Path, str]]) -> int:
    """File the documents afresh (a new year, so every one is analysed again)."""
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casework.documents.models import Document
    from casework.documents.services import upload_documents
    from casework.states.models import StateParty

    year = 2000 + Document.objects.values("year").distinct().count()
    for path, iso3 in files:
        upload_documents(
            [SimpleUploadedFile(path.name, path.read_bytes())],
            state=StateParty.objects.get(iso3=iso3),
            kind=Document.Kind.ARTICLE7_REPORT,
            year=year,
            user=None,
        )
    return year


def _unfinished(year: int) -> bool:
    from django.db import connection

    from casework.documents.models import AnalysisRun

    pending = (
        AnalysisRun.objects.filter(document__year=year)
        .filter(status__in=[AnalysisRun.Status.QUEUED, AnalysisRun.Status.RUNNING])
        .exists()
    )
    connection.close()  # SQLite: no lock kept between looks
    return pending


def _check(kind: str, year: int, count: int) -> None:
    from casework.documents.models import AnalysisRun

    runs = AnalysisRun.objects.filter(document__year=year)
    statuses = sorted(set(runs.values_list("status", flat=True)))
    if runs.count() != count or statuses != ["done"]:
        raise SystemExit(f"{kind} turn: {runs.count()} runs, statuses {statuses}")


def pipeline_turn(files: list[tuple[Path, str]], env: dict[str, str]) -> Turn:
    from django.db import connection

    _site_ready()
    turn = Turn("pipeline", len(files))
    with LoadSampler(turn):
        started = time.perf_counter()
        year = _upload(files)
        connection.close()  # SQLite: let the worker write
        subprocess.run([CASEWORK, "worker", "--burst"], env=env, check=True)
        turn.seconds = time.perf_counter() - started
    _check(turn.kind, year, len(files))
    return turn


def running_worker_turn(files: list[tuple[Path, str]], env: dict[str, str]) -> Turn:
    from django.db import connection

    _site_ready()
    worker = subprocess.Popen([CASEWORK, "worker"], env=env)
    try:
        warm = _upload(files[:1])  # the worker starts and loads its models on this one
        connection.close()
        while _unfinished(warm):
            time.sleep(0.1)
        turn = Turn("running", len(files))
        with LoadSampler(turn):
            started = time.perf_counter()
            year = _upload(files)
            connection.close()
            while _unfinished(year):
                time.sleep(0.05)
            turn.seconds = time.perf_counter() - started
    finally:
        worker.send_signal(signal.SIGTERM)
        worker.wait(60)
    _check(turn.kind, year, len(files))
    return turn


def in_process_turn(files: list[tuple[Path, str]]) -> Turn:
    from casework.core.indicators.learned import encoder
    from casework.core.model import PipelineConfig
    from casework.core.run import analyse_path

    config = PipelineConfig()
    turn = Turn("in process", len(files))
    with LoadSampler(turn):
        started = time.perf_counter()
        for path, iso3 in files:
            # Each document embedded afresh, as in the worker's child (forked per
            # document, its embedding cache starts empty): no head start from a turn
            # that saw the same passages.
            encoder().forget()
            analyse_path(path, config, state=iso3)
        turn.seconds = time.perf_counter() - started
    return turn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=30)
    parser.add_argument("--pages", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--database-url", default="")
    args = parser.parse_args()

    root = Path(tempfile.mkdtemp(prefix="casework-pipeline-"))
    (root / "data").mkdir()
    env = {
        **os.environ,
        "CASEWORK_DATA_DIR": str(root / "data"),
        "CASEWORK_SECRET_KEY": "bench-" + "x" * 50,
        "CASEWORK_LOG_LEVEL": os.environ.get("CASEWORK_LOG_LEVEL", "WARNING"),
        "CASEWORK_TASK_BACKEND": "database",
    }
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    os.environ.update(env)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casework.site.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from casework.states.services import load_reference_data

    call_command("migrate", verbosity=0)
    load_reference_data()
    folder = root / "files"
    folder.mkdir()
    files = write_documents(folder, count=args.documents, pages=args.pages)
    print(
        f"{len(files)} text documents of {args.pages} pages; database "
        f"{args.database_url or 'sqlite'}; CPUs {os.cpu_count()}",
        flush=True,
    )
    in_process_turn(files[:1])  # warm-up: the models load once, as in a worker
    turns: list[Turn] = []
    for _ in range(args.rounds):
        for kind in ("pipeline", "running", "in process"):
            if kind == "pipeline":
                turn = pipeline_turn(files, env)
            elif kind == "running":
                turn = running_worker_turn(files, env)
            else:
                turn = in_process_turn(files)
            turns.append(turn)
            print(
                f"  {turn.kind:10}: {turn.documents} documents in {turn.seconds:6.1f} s"
                f" = {turn.per_minute:6.1f} documents/min; load average "
                f"{statistics.fmean(turn.load or [float('nan')]):.2f}"
                f" (max {max(turn.load, default=0):.2f})",
                flush=True,
            )
    best = {
        kind: max(t.per_minute for t in turns if t.kind == kind)
        for kind in ("pipeline", "running", "in process")
    }
    print(
        f"best: pipeline {best['pipeline']:.1f} documents/min (burst worker, start-up "
        f"included), running worker {best['running']:.1f} documents/min, in process "
        f"{best['in process']:.1f} documents/min; ratio "
        f"{best['pipeline'] / best['in process']:.2f} (burst), "
        f"{best['running'] / best['in process']:.2f} (running worker)"
    )


if __name__ == "__main__":
    main()
