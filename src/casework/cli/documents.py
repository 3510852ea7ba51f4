"""`casework documents`: file documents received outside the site (e-mail, USB) and see
how their analysis runs are doing. Filing goes through the documents app's own service,
so a document added here is stored and queued exactly as an upload is."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

import click

from casework.cli.site import setup_django

KINDS = ("article7_report", "extension_request", "individualised_approach", "other")


@click.group()
def documents() -> None:
    """Documents and their analysis runs."""


@documents.command("add")
@click.argument(
    "paths", nargs=-1, required=True, type=click.Path(path_type=Path, dir_okay=False)
)
@click.option(
    "--state", "iso3", required=True, help="ISO3 code of the State, e.g. SEN."
)
@click.option(
    "--year",
    required=True,
    type=click.IntRange(1999, 2100),
    help="Reporting year, e.g. 2025.",
)
@click.option(
    "--kind",
    type=click.Choice(KINDS),
    default="article7_report",
    show_default=True,
    help="What the document is.",
)
def documents_add(paths: tuple[Path, ...], iso3: str, year: int, kind: str) -> None:
    """Store each file once, file it for the State and year, and queue its analysis.

    The worker (`casework worker`, or the one `casework demo` starts) analyses it.

    Example: casework documents add report-fr.pdf annex.docx --state SEN --year 2025
    """
    setup_django()
    from django.core.files.uploadedfile import SimpleUploadedFile

    from casework.documents.models import Document
    from casework.documents.services import upload_documents
    from casework.documents.storage import EXTENSIONS
    from casework.states.models import StateParty

    if kind not in Document.Kind.values:  # the model's choices are the authority
        raise click.BadParameter(
            f"{kind!r}; use one of {', '.join(Document.Kind.values)}",
            param_hint="--kind",
        )
    state = StateParty.objects.filter(iso3=iso3.strip().upper()).first()
    if state is None:
        raise click.BadParameter(
            f"no State Party with the ISO3 code {iso3!r}; see `casework manage shell` "
            "or /states/ for the codes (e.g. SEN, KHM, PER)",
            param_hint="--state",
        )
    uploads = []
    for path in paths:
        uploads.append(_read(path, EXTENSIONS))
    files = [SimpleUploadedFile(path.name, data) for path, data in uploads]
    outcomes = upload_documents(files, state=state, kind=kind, year=year, user=None)
    for outcome in outcomes:
        document = outcome.document
        run = document.latest_run
        if outcome.created:
            click.echo(
                f"{document.filename}: filed as document {document.pk} for "
                f"{state.iso3} {year}; analysis run {run.pk if run else '-'} queued."
            )
        else:
            click.echo(
                f"{document.filename}: already filed as document {document.pk} for "
                f"{state.iso3} {year} ({kind}); nothing queued."
            )
    click.echo("Follow the runs with: casework documents status")


def _read(path: Path, extensions: tuple[str, ...]) -> tuple[Path, bytes]:
    """The file's bytes, or a message saying what is wrong with it and what to do."""
    if not path.exists():
        raise click.BadParameter(f"{path}: no such file", param_hint="PATHS")
    if path.is_dir():
        raise click.BadParameter(
            f"{path} is a folder; name the files in it", param_hint="PATHS"
        )
    if path.suffix.lower() not in extensions:
        raise click.BadParameter(
            f"{path.name}: the analyser does not read this format "
            f"({path.suffix or 'no extension'}); use {', '.join(extensions)}",
            param_hint="PATHS",
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise click.BadParameter(
            f"{path}: cannot be read ({exc.strerror})", param_hint="PATHS"
        ) from None
    if not data:
        raise click.BadParameter(f"{path}: the file is empty", param_hint="PATHS")
    return path, data


@documents.command("status")
@click.option("--state", "iso3", default="", help="Only this State (ISO3).")
@click.option(
    "--limit",
    default=20,
    show_default=True,
    type=click.IntRange(1, 10000),
    help="How many runs, newest first.",
)
def documents_status(iso3: str, limit: int) -> None:
    """Print each analysis run's state, newest first (a table).

    Example: casework documents status --state SEN
    """
    setup_django()
    from casework.documents.models import AnalysisRun

    runs = AnalysisRun.objects.select_related("document__state").order_by("-pk")
    if iso3:
        runs = runs.filter(document__state__iso3=iso3.strip().upper())
    rows = [
        (
            str(run.pk),
            str(run.document_id),
            run.document.state.iso3,
            str(run.document.year),
            run.document.kind,
            run.status,
            f"{run.progress}%",
            str(run.attempts),
            _when(run.finished_at or run.started_at or run.created_at),
            _shorten(run.document.filename, 40),
            _shorten(run.message.replace("\n", " "), 60),
        )
        for run in runs[:limit]
    ]
    if not rows:
        click.echo("No analysis runs yet. File documents with: casework documents add")
        return
    header = (
        "RUN",
        "DOC",
        "STATE",
        "YEAR",
        "KIND",
        "STATUS",
        "PROGRESS",
        "TRIES",
        "UPDATED",
        "FILE",
        "MESSAGE",
    )
    click.echo(table(header, rows))


def table(header: tuple[str, ...], rows: Sequence[tuple[str, ...]]) -> str:
    """Columns padded to their widest cell, two spaces apart."""
    widths = [
        max(len(cell) for cell in column) for column in zip(header, *rows, strict=True)
    ]
    lines = [
        "  ".join(
            cell.ljust(width) for cell, width in zip(line, widths, strict=True)
        ).rstrip()
        for line in (header, *rows)
    ]
    return "\n".join(lines)


def _when(moment: dt.datetime | None) -> str:
    if moment is None:
        return "-"
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M:%S")


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


COMMANDS = [documents]
