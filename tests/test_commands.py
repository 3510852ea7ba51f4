"""The `casework` command as a user runs it: real processes, a real data directory."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CASEWORK = [sys.executable, "-m", "casework"]


def clean_env(data_dir: Path, **extra: str) -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CASEWORK_", "DJANGO_"))
    }
    env.pop("DATABASE_URL", None)
    env["CASEWORK_DATA_DIR"] = str(data_dir)
    env.update(extra)
    return env


def run(
    args: list[str], env: dict[str, str], timeout: int = 180
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CASEWORK, *args], env=env, capture_output=True, text=True, timeout=timeout
    )


def test_demo_without_serving_is_safe_to_run_twice(tmp_path):
    env = clean_env(tmp_path / "var")
    first = run(["demo", "--no-serve"], env)
    assert first.returncode == 0, first.stderr
    assert "Demo support-unit login: user 'support'" in first.stdout
    assert "166 States" in first.stdout
    second = run(["demo", "--no-serve"], env)
    assert second.returncode == 0, second.stderr
    # the same login works both times
    assert first.stdout.splitlines()[-2] == second.stdout.splitlines()[-2]
    assert (tmp_path / "var" / "casework.sqlite3").exists()


def test_missing_secret_key_is_a_clear_message_not_a_traceback(tmp_path):
    result = run(["check"], clean_env(tmp_path))
    assert result.returncode != 0
    assert "CASEWORK_SECRET_KEY is not set" in result.stderr
    assert "Traceback" not in result.stderr


def test_deployment_checks_are_clean_for_a_production_configuration(tmp_path):
    env = clean_env(
        tmp_path,
        CASEWORK_SECRET_KEY=secrets.token_urlsafe(50),
        CASEWORK_HTTPS="1",
        CASEWORK_ALLOWED_HOSTS="casework.example.org",
    )
    result = run(["check", "--deploy", "--fail-level", "WARNING"], env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_a_bad_yes_no_setting_is_named(tmp_path):
    result = run(["check"], clean_env(tmp_path, CASEWORK_DEBUG="maybe"))
    assert result.returncode != 0
    assert "CASEWORK_DEBUG='maybe' is not a yes/no value" in result.stderr


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_runs_gunicorn_and_answers(tmp_path):
    env = clean_env(tmp_path / "var", CASEWORK_SECRET_KEY=secrets.token_urlsafe(50))
    assert run(["demo", "--no-serve"], env).returncode == 0
    port = _free_port()
    server = subprocess.Popen(
        [*CASEWORK, "serve", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        body = ""
        for _ in range(60):
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/states/SEN/", timeout=2
                ) as r:
                    assert r.status == 200
                    body = r.read().decode()
                    break
            except OSError:
                time.sleep(0.25)
        assert "Senegal" in body
        # static files come from the app itself, not a CDN
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
            home = r.read().decode()
        assert "https://" not in home.split("<body", 1)[0]
    finally:
        server.terminate()
        server.wait(timeout=20)
    assert "gunicorn" in (server.stdout.read() if server.stdout else "").lower()


def test_states_import_shows_the_diff_and_applies_only_with_apply(tmp_path):
    env = clean_env(tmp_path / "var", CASEWORK_SECRET_KEY=secrets.token_urlsafe(50))
    assert run(["demo", "--no-serve"], env).returncode == 0
    newer = tmp_path / "newer.csv"
    newer.write_text(
        "iso3,name_en,name_fr,date_signed\nSEN,Senegal,Sénégal,1997-12-04\n",
        encoding="utf-8",
    )
    dry = run(["states", "import", str(newer)], env)
    assert dry.returncode == 0, dry.stderr
    assert "~ SEN date_signed: 1997-12-03 -> 1997-12-04" in dry.stdout
    assert "Run again with --apply" in dry.stdout
    applied = run(["states", "import", str(newer), "--apply"], env)
    assert "Applied." in applied.stdout
    again = run(["states", "import", str(newer)], env)
    assert "~ SEN" not in again.stdout

    broken = tmp_path / "broken.csv"
    broken.write_text("iso3,name_en\nSEN,Senegal\n", encoding="utf-8")
    refused = run(["states", "import", str(broken)], env)
    assert refused.returncode == 1
    assert "missing column(s) name_fr" in refused.stderr
    assert "Traceback" not in refused.stderr
