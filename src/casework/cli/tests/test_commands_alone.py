"""The commands as a user runs them, in real processes on a fresh data directory: the
secret key found in var/secret_key, `documents add` then `worker --burst` seeing "done",
and the demo's worker child stopped with it."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from casework.cli import processes

pytestmark = pytest.mark.slow

CASEWORK = [sys.executable, "-m", "casework"]
LOAD = "from casework.states.services import load_reference_data as l; l()"


def _env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CASEWORK_", "DJANGO_"))
    }
    env.pop("DATABASE_URL", None)
    env.update(CASEWORK_DATA_DIR=str(data_dir), CASEWORK_LOG_LEVEL="WARNING", **extra)
    return env


def _run(args: list[str], env: dict[str, str], timeout: int = 300):
    return subprocess.run(
        [*CASEWORK, *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def test_documents_add_then_worker_burst_shows_done(tmp_path):
    data = tmp_path / "var"
    data.mkdir()
    # As `casework demo` leaves it: a key in the data directory, none in the environment.
    (data / "secret_key").write_text(secrets.token_urlsafe(50), encoding="utf-8")
    env = _env(data)
    assert "CASEWORK_SECRET_KEY" not in env
    migrated = _run(["manage", "migrate", "-v", "0"], env)
    assert migrated.returncode == 0, migrated.stderr
    loaded = _run(["manage", "shell", "-c", LOAD], env)
    assert loaded.returncode == 0, loaded.stderr
    report = tmp_path / "sen-2025-report.txt"
    report.write_text(
        "Article 7 report 2025.\n\nSenegal received support from Norway for the "
        "clearance of mined areas in Casamance.\n",
        encoding="utf-8",
    )
    added = _run(
        ["documents", "add", str(report), "--state", "SEN", "--year", "2025"], env
    )
    assert added.returncode == 0, added.stderr
    assert "queued" in added.stdout
    before = _run(["documents", "status"], env)
    assert "queued" in before.stdout, before.stdout + before.stderr

    worked = _run(["worker", "--burst"], env)
    assert worked.returncode == 0, worked.stdout + worked.stderr
    after = _run(["documents", "status", "--state", "SEN"], env)
    line = next(line for line in after.stdout.splitlines() if report.name in line)
    assert " done " in f" {line} ", after.stdout


def test_every_command_reads_the_data_directory_key(tmp_path, monkeypatch):
    data = tmp_path / "var"
    data.mkdir()
    assert _run(["check"], _env(data)).returncode != 0  # no key anywhere: refused
    (data / "secret_key").write_text("k" * 60, encoding="utf-8")
    result = _run(["check"], _env(data))
    assert result.returncode == 0, result.stderr
    monkeypatch.delenv("CASEWORK_SECRET_KEY", raising=False)
    monkeypatch.setenv("CASEWORK_DATA_DIR", str(data))
    assert processes.use_data_dir_secret() is True
    assert os.environ["CASEWORK_SECRET_KEY"] == "k" * 60
    monkeypatch.setenv("CASEWORK_SECRET_KEY", "explicit")
    assert processes.use_data_dir_secret() is False  # the variable wins
    assert os.environ["CASEWORK_SECRET_KEY"] == "explicit"


def test_the_worker_child_runs_in_its_own_group_and_is_stopped(tmp_path):
    saved = {s: signal.getsignal(s) for s in (signal.SIGTERM, signal.SIGHUP)}
    env = _env(tmp_path, CASEWORK_SECRET_KEY=secrets.token_urlsafe(50))
    try:
        child = processes.start_worker(env=env)
        assert os.getpgid(child.pid) == child.pid  # its own session: killed as a group
        assert os.getpgid(child.pid) != os.getpgid(0)
        time.sleep(1)
        processes.stop_worker(child)
        assert child.poll() is not None
    finally:
        for number, handler in saved.items():
            signal.signal(number, handler)


def test_demo_serves_and_its_worker_stops_with_it(tmp_path):
    """`casework demo` starts the worker: a text file added with `documents add` is
    analysed ("done") within 60 seconds; SIGTERM to the demo stops both."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = _env(tmp_path / "var")
    demo = subprocess.Popen(
        [*CASEWORK, "demo", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    worker_pid = None
    try:
        deadline = time.monotonic() + 400
        assert demo.stdout is not None
        for line in demo.stdout:
            if "Worker started (pid " in line:
                worker_pid = int(line.split("(pid ", 1)[1].split(")", 1)[0])
            if "Serving on" in line or time.monotonic() > deadline:
                break
        assert worker_pid is not None
        os.kill(worker_pid, 0)  # alive
        report = tmp_path / "per-2025-report.txt"
        report.write_text(
            "Article 7 report 2025.\n\nPeru provided technical assistance to "
            "Ecuador for the clearance of the border area.\n",
            encoding="utf-8",
        )
        added = _run(
            ["documents", "add", str(report), "--state", "PER", "--year", "2025"], env
        )
        assert added.returncode == 0, added.stderr
        started, line = time.monotonic(), ""
        while time.monotonic() - started < 60:
            status = _run(["documents", "status", "--state", "PER"], env)
            line = next(
                (row for row in status.stdout.splitlines() if report.name in row), ""
            )
            if " done " in f" {line} ":
                break
            time.sleep(2)
        assert " done " in f" {line} ", line
    finally:
        demo.send_signal(signal.SIGTERM)
        demo.wait(timeout=60)
    assert worker_pid is not None
    for _ in range(60):
        try:
            os.kill(worker_pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.5)
    else:
        pytest.fail(f"the worker {worker_pid} outlived the demo")
