"""`casework.domain` is pure Python like `casework.core`: every app and the analyser
import it, so it may import neither Django nor any Casework app."""

import ast
from pathlib import Path

DOMAIN = Path(__file__).resolve().parents[2] / "src" / "casework" / "domain"
ALLOWED_CASEWORK = ("casework.domain",)


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append((node.lineno, node.module))
    return found


def test_domain_never_imports_django():
    offenders = [
        f"{path.relative_to(DOMAIN.parents[2])}:{line} imports {module}"
        for path in DOMAIN.rglob("*.py")
        for line, module in _imports(path)
        if module == "django"
        or module.startswith("django.")
        or module.startswith(("rest_framework", "drf_spectacular"))
    ]
    assert offenders == [], "casework.domain must stay pure Python:\n" + "\n".join(
        offenders
    )


def test_domain_imports_no_app_and_not_the_analyser():
    offenders = [
        f"{path.relative_to(DOMAIN.parents[2])}:{line} imports {module}"
        for path in DOMAIN.rglob("*.py")
        for line, module in _imports(path)
        if module.startswith("casework") and not module.startswith(ALLOWED_CASEWORK)
    ]
    assert offenders == [], (
        "casework.domain sits below every app and casework.core:\n"
        + "\n".join(offenders)
    )


def test_domain_imports_without_django_settings():
    """Importing every domain module in a fresh interpreter loads no Django module."""
    import subprocess
    import sys

    modules = sorted(
        f"casework.domain.{p.stem}" for p in DOMAIN.glob("*.py") if p.stem != "__init__"
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "loaded = sorted(m for m in sys.modules if m == 'django' or m.startswith('django.'))\n"
        "print(','.join(loaded))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": "/usr/bin:/bin"},
    )
    assert result.stdout.strip() == ""
