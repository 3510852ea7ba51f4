import re
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "src" / "casework" / "core"


def test_core_never_imports_django():
    offenders = [
        str(path)
        for path in CORE.rglob("*.py")
        if re.search(
            r"^\s*(?:import|from)\s+django\b", path.read_text(encoding="utf-8"), re.M
        )
    ]
    assert offenders == []
