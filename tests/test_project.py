"""Project-wide promises: migrations in step, translations complete, settings and commands documented."""

from __future__ import annotations

import re
from pathlib import Path

import polib
import pytest
from click.testing import CliRunner
from django.core.management import call_command

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "casework"


@pytest.mark.django_db
def test_models_and_migrations_are_in_step():
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


@pytest.mark.parametrize("language", ["fr", "es"])
def test_every_ui_string_is_translated(language):
    catalogue = polib.pofile(
        str(SRC / "locale" / language / "LC_MESSAGES" / "django.po")
    )
    missing = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert missing == [] and fuzzy == []
    compiled = polib.mofile(
        str(SRC / "locale" / language / "LC_MESSAGES" / "django.mo")
    )
    assert {e.msgid for e in compiled} >= {
        e.msgid for e in catalogue.translated_entries()
    }


def test_every_casework_setting_is_documented():
    used = set()
    for path in SRC.rglob("*.py"):
        used |= set(
            re.findall(r"\"(CASEWORK_[A-Z_]+)\"", path.read_text(encoding="utf-8"))
        )
    documented = (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8")
    assert sorted(name for name in used if f"`{name}`" not in documented) == []


def test_every_command_is_documented():
    from casework.cli import main

    documented = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    names = set(main.commands)
    assert {"demo", "serve", "worker", "states", "check", "analyse", "eval"} <= names
    assert sorted(n for n in names if f"## casework {n}" not in documented) == []
    assert CliRunner().invoke(main, ["--help"]).exit_code == 0


def test_core_never_imports_django():
    offenders = [
        str(path.relative_to(SRC))
        for path in (SRC / "core").rglob("*.py")
        if re.search(
            r"^\s*(from|import)\s+django", path.read_text(encoding="utf-8"), re.M
        )
    ]
    assert offenders == []
