"""Subcommands that run the Django site: demo, serve, worker, states, check, manage."""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

import click

DEMO_USERNAME = "support"
DEMO_HOST = "127.0.0.1"
DEMO_PORT = 8000


def setup_django() -> None:
    """Configure Django once; commands that touch the database call this first."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casework.site.settings")
    from casework.cli.processes import use_data_dir_secret

    use_data_dir_secret()  # var/secret_key, written by `casework demo`
    import django
    from django.core.exceptions import ImproperlyConfigured

    try:
        django.setup()
    except ImproperlyConfigured as exc:
        raise click.ClickException(str(exc)) from None


def _data_dir() -> Path:
    return Path(os.environ.get("CASEWORK_DATA_DIR", "var")).resolve()


def _ensure_demo_secret() -> None:
    """The demo runs like production (DEBUG off), with a key kept in the data directory."""
    if os.environ.get("CASEWORK_SECRET_KEY"):
        return
    data_dir = _data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    key_file = data_dir / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    os.environ["CASEWORK_SECRET_KEY"] = key_file.read_text(encoding="utf-8").strip()


def prepare_site(*, quiet: bool = False) -> None:
    """Create the data directory, migrate, collect static files, load reference data."""
    from django.conf import settings
    from django.core.management import call_command

    settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
    verbosity = 0 if quiet else 1
    call_command("migrate", interactive=False, verbosity=verbosity)
    call_command("collectstatic", interactive=False, verbosity=0)
    from casework.states.services import load_reference_data

    counts = load_reference_data()
    if not quiet:
        click.echo(
            f"Reference data: {counts['states']} States, "
            f"{counts['committees']} committees."
        )


def _demo_account() -> tuple[str, str]:
    """Create the demo support-unit account once; the password is kept in the data dir."""
    from django.conf import settings
    from django.contrib.auth.models import User

    from casework.accounts.models import Role
    from casework.accounts.services import create_user

    password_file = settings.DATA_DIR / "demo_password"
    if not password_file.exists():
        password_file.write_text(secrets.token_urlsafe(12), encoding="utf-8")
        password_file.chmod(0o600)
    password = password_file.read_text(encoding="utf-8").strip()
    user = User.objects.filter(username=DEMO_USERNAME).first()
    if user is None:
        create_user(
            DEMO_USERNAME, password, role=Role.SUPPORT_UNIT, email="support@localhost"
        )
    elif not user.check_password(password):
        user.set_password(password)
        user.save(update_fields=["password"])
    return DEMO_USERNAME, password


# Apps that bring demo content, in the order it must be loaded: each has a `demo.py`
# module with an idempotent `load_demo() -> None`.
DEMO_APPS = (
    "states",
    "documents",
    "findings",
    "observations",
    "compliance",
    "reporting",
    "engagement",
    "extensions",
    "funding",
)


def _load_demo_content() -> None:
    import importlib

    for app in DEMO_APPS:
        try:
            module = importlib.import_module(f"casework.{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name != f"casework.{app}.demo":
                raise
            continue
        module.load_demo()


@click.command()
@click.option("--no-serve", is_flag=True, help="Prepare everything, then exit.")
@click.option("--port", default=DEMO_PORT, show_default=True, help="Port to serve on.")
@click.option(
    "--no-worker",
    is_flag=True,
    help="Serve without starting the background worker (run `casework worker` yourself).",
)
def demo(no_serve: bool, port: int, no_worker: bool) -> None:
    """Set up the embedded database with reference data and a demo account, then serve
    the site and run the background worker beside it (stopped with it).

    Example: casework demo --no-serve
    """
    _ensure_demo_secret()
    setup_django()
    prepare_site()
    username, password = _demo_account()
    _load_demo_content()
    click.echo(f"Demo support-unit login: user {username!r}, password {password!r}")
    if no_serve:
        click.echo("Ready. Run `casework demo` (without --no-serve) to serve the site.")
        return
    from django.conf import settings

    # With the immediate backend tasks run inside the request: there is no worker.
    if not no_worker and settings.TASK_BACKEND != "immediate":
        from casework.cli.processes import start_worker

        child = start_worker()
        click.echo(f"Worker started (pid {child.pid}); it stops with the site.")
    click.echo(f"Serving on http://{DEMO_HOST}:{port}/ (Ctrl+C to stop)")
    _exec_gunicorn(f"{DEMO_HOST}:{port}", workers=2)


def _exec_gunicorn(bind: str, *, workers: int) -> None:
    # gunicorn ships no type information (no py.typed marker).
    from gunicorn.app.wsgiapp import run  # type: ignore[import-untyped]

    sys.argv = [
        "gunicorn",
        "casework.site.wsgi:application",
        "--bind",
        bind,
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--timeout",
        "120",
    ]
    run()


@click.command()
@click.option("--bind", default=f"{DEMO_HOST}:{DEMO_PORT}", show_default=True)
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64))
def serve(bind: str, workers: int) -> None:
    """Serve the site with gunicorn (the production server).

    Example: casework serve --bind 0.0.0.0:8000 --workers 4
    """
    setup_django()
    _exec_gunicorn(bind, workers=workers)


@click.command()
@click.option("--burst", is_flag=True, help="Run the queued tasks, then exit.")
@click.option("--queue", default="default", show_default=True)
def worker(burst: bool, queue: str) -> None:
    """Run the background worker (database queue, or Redis when CASEWORK_REDIS_URL is set).

    Example: casework worker
    """
    from casework.core.isolate import shared_child

    # The analysis child forks first and loads its models while Django starts.
    with shared_child(start=True):
        _work(burst, queue)


def _work(burst: bool, queue: str) -> None:
    setup_django()
    from django.conf import settings
    from django.core.management import call_command

    from casework import housekeeping
    from casework.cli import worker_loop
    from casework.documents.tasks import with_db_retry

    if settings.TASK_BACKEND == "immediate":
        raise click.ClickException(
            "CASEWORK_TASK_BACKEND=immediate runs tasks inside the web request; "
            "there is no worker to start."
        )
    worker_loop.install_signal_handlers()
    from casework.compliance.services import ensure_reminders_scheduled
    from casework.notifications.deadlines import ensure_scheduled as deadline_checks

    try:
        # The reminder task re-schedules itself; starting a worker starts the cycle.
        with_db_retry(ensure_reminders_scheduled, what="worker start")
        with_db_retry(
            deadline_checks, what="worker start"
        )  # daily, re-schedules itself
        if settings.TASK_BACKEND == "redis":
            args = [queue, "--job-class", "django_tasks_rq.Job", "--with-scheduler"]
            if burst:
                args.append("--burst")
            # The database queue sweeps in its loop; with Redis, once here and then
            # by the housekeeping task.
            with_db_retry(housekeeping.sweep, what="worker start")
            worker_loop.supervise(
                lambda: call_command("rqworker", *args), what="rqworker", batch=burst
            )
        else:
            worker_loop.SupervisedWorker(queue=queue, batch=burst).run()
    except KeyboardInterrupt:
        click.echo("Worker stopped.", err=True)
    except (
        Exception
    ) as exc:  # at start, or with --burst: the loop keeps going otherwise
        raise click.ClickException(
            f"The worker stopped on {type(exc).__name__}: {exc}. Check that the "
            "database is reachable and migrated (casework manage migrate), then retry."
        ) from None


@click.group()
def states() -> None:
    """The registry of States Parties."""


@states.command("import")
@click.argument("csv_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--apply", "apply_", is_flag=True, help="Write the changes (default: only show)."
)
@click.option(
    "--listed-on",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Date of the list (default: today): a State in it was a party on that day.",
)
def states_import(csv_file: Path, apply_: bool, listed_on: object) -> None:
    """Compare the registry with a newer list of States Parties; --apply writes the changes.

    Example: casework states import states_parties_2027.csv --apply
    """
    setup_django()
    import datetime as dt

    from django.utils import timezone

    from casework.states import registry, services

    try:
        diff = services.plan_import(csv_file)
    except registry.RegistryFileError as exc:
        raise click.ClickException(str(exc)) from None
    for line in registry.describe(diff):
        click.echo(line)
    if diff.is_empty:
        click.echo("No changes: the registry already matches the file.")
        return
    click.echo(f"{len(diff.added)} to add, {len(diff.changed)} to change.")
    if not apply_:
        click.echo("Nothing written. Run again with --apply to write these changes.")
        return
    day = (
        listed_on.date() if isinstance(listed_on, dt.datetime) else timezone.localdate()
    )
    services.apply_import(diff, listed_on=day)
    click.echo("Applied.")


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def check(args: tuple[str, ...]) -> None:
    """Run Django's system checks (add --deploy for the production checklist).

    Example: casework check --deploy
    """
    setup_django()
    from django.core.management import call_command

    call_command("check", *args)


@click.command(context_settings={"ignore_unknown_options": True})
@click.argument("args", nargs=-1, type=click.UNPROCESSED)
def manage(args: tuple[str, ...]) -> None:
    """Run any Django management command (migrate, createsuperuser, shell...).

    Example: casework manage createsuperuser
    """
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["casework manage", *args])


COMMANDS = [demo, serve, worker, states, check, manage]
