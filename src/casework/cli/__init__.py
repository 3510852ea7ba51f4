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
    from casework.cli import site as site_commands

    for command in site_commands.COMMANDS:
        main.add_command(command)
    # analyser commands (issue 3): casework.cli.analyse defines COMMANDS as well
    try:
        analyse_commands = importlib.import_module("casework.cli.analyse")
    except (
        ModuleNotFoundError
    ) as exc:  # pragma: no cover - only while the module is absent
        if exc.name != "casework.cli.analyse":
            raise
    else:
        for command in analyse_commands.COMMANDS:
            main.add_command(command)


_register()
