"""Write docs/cli.md from the `casework` command's own --help texts.

Run: .venv/bin/python scripts/cli_docs.py
"""

from __future__ import annotations

from pathlib import Path

import click
from click.testing import CliRunner

from casework.cli import main

OUT = Path(__file__).resolve().parent.parent / "docs" / "cli.md"


def _sections(command: click.Command, path: list[str]) -> list[str]:
    result = CliRunner().invoke(
        main, [*path[1:], "--help"], prog_name="casework", terminal_width=88
    )
    lines = [f"## {' '.join(path)}", "", "```", result.output.rstrip(), "```", ""]
    if isinstance(command, click.Group):
        for name in sorted(command.commands):
            lines += _sections(command.commands[name], [*path, name])
    return lines


def main_() -> None:
    header = [
        "# The `casework` command",
        "",
        "Generated from `--help` by `scripts/cli_docs.py`; do not edit by hand.",
        "",
    ]
    OUT.write_text(
        "\n".join(header + _sections(main, ["casework"])) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    main_()
