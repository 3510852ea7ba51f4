"""Shared fixtures: reference data once per test database, users of each role."""

from __future__ import annotations

import os
import socket

import pytest

from casework.states.services import load_reference_data

IN_CI = os.environ.get("CI", "").lower() == "true"


def service_reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def need_service(name: str, host: str, port: int) -> None:
    """Skip when a service is absent on a developer machine; fail in CI, where it must be."""
    if service_reachable(host, port):
        return
    message = f"{name} is not reachable on {host}:{port}"
    if IN_CI:
        pytest.fail(message + " (CI=true: the service must be running)")
    pytest.skip(message)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_reference_data()


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Every database test sees the 166 States and the committees.

    Transactional tests (live_server, browser tests) flush the tables afterwards, so the
    data is loaded again when it is missing.
    """
    uses_db = request.node.get_closest_marker("django_db") or {
        "db",
        "transactional_db",
        "live_server",
    } & set(request.fixturenames)
    if not uses_db:
        return
    request.getfixturevalue("_django_db_helper")
    from casework.states.models import StateParty

    if not StateParty.objects.exists():
        load_reference_data()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: figures cached under a data version by an
    earlier test would outlive that test's rolled-back rows (a rollback sends no signal)."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def _fast_hashing(settings):
    # Argon2 is the production hasher (tested on its own); MD5 keeps fixtures fast.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def make_user(db):
    from casework.accounts.models import Role
    from casework.accounts.services import create_user
    from casework.states.models import Committee, StateParty

    def make(
        username: str,
        role: str,
        *,
        iso3: str | None = None,
        committee: str | None = None,
    ):
        return create_user(
            username,
            "a-Long-pass-phrase-42",
            role=Role(role),
            email=f"{username}@example.org",
            state=StateParty.objects.get(iso3=iso3) if iso3 else None,
            committee=Committee.objects.get(code=committee) if committee else None,
        )

    return make


@pytest.fixture
def owner(make_user):
    """A focal point of Senegal."""
    return make_user("owner", "focal_point", iso3="SEN")


@pytest.fixture
def colleague(make_user):
    """A second focal point of Senegal."""
    return make_user("colleague", "focal_point", iso3="SEN")


@pytest.fixture
def outsider(make_user):
    """A focal point of another State (Peru)."""
    return make_user("outsider", "focal_point", iso3="PER")


@pytest.fixture
def committee_member(make_user):
    return make_user("member", "committee_member", iso3="DNK", committee="cooperation")


@pytest.fixture
def support(make_user):
    return make_user("support", "support_unit")


@pytest.fixture
def run_queued_tasks(monkeypatch):
    """Run every queued task with the real database worker, inside the test's transaction.

    The worker closes "old" connections between tasks, which would close the test's own
    connection on PostgreSQL; inside a test the connection is always fresh.
    """
    from django.core.management import call_command

    monkeypatch.setattr(
        "django_tasks_db.management.commands.db_worker.close_old_connections",
        lambda: None,
    )

    def run() -> None:
        call_command(
            "db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0
        )

    return run
