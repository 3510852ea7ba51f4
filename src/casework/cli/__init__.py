"""The `casework` command: one click group, one module per family of subcommands."""

from __future__ import annotations

import click

from casework import __version__


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="casework")
def main() -> None:
    """Casework: reports, findings and cooperation work of the Mine Ban Convention.

    Example: casework demo
    """


def _register() -> None:
    # Each module defines click commands; importing them here keeps `main` the one entry.
    from casework.cli import analyse, backup, documents, site

    for module in (site, analyse, documents, backup):
        for command in module.COMMANDS:
            main.add_command(command)


_register()
