"""The background worker picks up queued tasks: database queue (SQLite, PostgreSQL) and Redis."""

from __future__ import annotations

import os
import secrets
import uuid

import pytest

from conftest import need_service
from tests.test_commands import clean_env, run

pytestmark = pytest.mark.slow

ENQUEUE = (
    "from casework.web.services import request_heartbeat; request_heartbeat(); "
    "request_heartbeat()"
)
COUNT = "from casework.web.models import WorkerHeartbeat as W; print('beats', W.objects.count())"


def _round_trip(env: dict[str, str]) -> None:
    assert run(["manage", "migrate", "-v", "0"], env).returncode == 0
    enqueued = run(["manage", "shell", "-c", ENQUEUE], env)
    assert enqueued.returncode == 0, enqueued.stderr
    before = run(["manage", "shell", "-c", COUNT], env)
    assert "beats 0" in before.stdout, before.stdout + before.stderr
    worked = run(["worker", "--burst"], env)
    assert worked.returncode == 0, worked.stdout + worked.stderr
    after = run(["manage", "shell", "-c", COUNT], env)
    assert "beats 2" in after.stdout, after.stdout + after.stderr


def test_database_queue_on_sqlite(tmp_path):
    _round_trip(clean_env(tmp_path, CASEWORK_SECRET_KEY=secrets.token_urlsafe(50)))


def test_database_queue_on_postgresql(tmp_path):
    need_service("PostgreSQL", "127.0.0.1", 5432)
    import psycopg

    name = f"casework_worker_{uuid.uuid4().hex[:8]}"
    admin = os.environ.get(
        "CASEWORK_TEST_POSTGRES_ADMIN", "postgres://postgres@127.0.0.1:5432/postgres"
    )
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        env = clean_env(
            tmp_path,
            CASEWORK_SECRET_KEY=secrets.token_urlsafe(50),
            DATABASE_URL=admin.rsplit("/", 1)[0] + f"/{name}",
        )
        _round_trip(env)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_redis_queue(tmp_path):
    need_service("Redis", "127.0.0.1", 6379)
    import redis

    db = 15
    url = f"redis://127.0.0.1:6379/{db}"
    redis.Redis.from_url(url).flushdb()
    env = clean_env(
        tmp_path, CASEWORK_SECRET_KEY=secrets.token_urlsafe(50), CASEWORK_REDIS_URL=url
    )
    try:
        _round_trip(env)
    finally:
        redis.Redis.from_url(url).flushdb()


UPLOAD = (
    "from django.core.files.uploadedfile import SimpleUploadedFile; "
    "from casework.states.services import load_reference_data; "
    "from casework.states.models import StateParty; "
    "from casework.documents.services import upload_documents; "
    "from casework.documents.sample_files import FRENCH_REPORT; "
    "load_reference_data(); "
    "text = ('\\n'.join(FRENCH_REPORT) + '\\n').encode(); "
    "[upload_documents([SimpleUploadedFile(f'rapport-{n}.txt', text * (n + 1))], "
    "state=StateParty.objects.get(iso3='SEN'), kind='other', year=2025, user=None) "
    "for n in range(3)]"
)
RUNS = (
    "from django_rq.workers import get_worker_class; "
    "from casework.documents.models import AnalysisRun as R; "
    "print('class', get_worker_class().__name__); "
    "print('runs', sorted(R.objects.values_list('status', flat=True)))"
)


def test_redis_worker_analyses_in_its_own_process_with_one_analysis_child(tmp_path):
    need_service("Redis", "127.0.0.1", 6379)
    import redis

    url = "redis://127.0.0.1:6379/14"
    redis.Redis.from_url(url).flushdb()
    env = clean_env(
        tmp_path, CASEWORK_SECRET_KEY=secrets.token_urlsafe(50), CASEWORK_REDIS_URL=url
    )
    try:
        assert run(["manage", "migrate", "-v", "0"], env).returncode == 0
        uploaded = run(["manage", "shell", "-c", UPLOAD], env)
        assert uploaded.returncode == 0, uploaded.stderr
        worked = run(["worker", "--burst"], env)
        assert worked.returncode == 0, worked.stdout + worked.stderr
        after = run(["manage", "shell", "-c", RUNS], env)
        # rq's SimpleWorker subclass: no work horse forked per job.
        assert "class AnalysisWorker" in after.stdout, after.stdout + after.stderr
        assert "runs ['done', 'done', 'done']" in after.stdout, after.stdout
    finally:
        redis.Redis.from_url(url).flushdb()
