"""Everything that names an indicator or a language agrees with `casework.domain`.

The registry in `casework.domain` is the one source; this test fails, naming the file
and the line, when the analyser's JSON schema, the apps, the settings, a template, a
translation catalogue or the OpenAPI schema keeps its own copy and the copy disagrees
(or when Python code outside the domain keeps a copy at all).
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from casework.domain.indicators import CODES, INDICATORS, THEMES
from casework.domain.languages import LANGUAGES

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "casework"
SCHEMA = SRC / "core" / "schema" / "analysis.schema.json"
LOCALE = SRC / "locale"
TRANSLATED = tuple(language for language in LANGUAGES if language != "en")

FR_ARTICLES = {"le", "la", "les", "l'"}
ES_ARTICLES = {"el", "la", "los", "las"}


def relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def python_files() -> Iterator[Path]:
    """Source modules outside the domain package (migrations and tests excluded)."""
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC).parts
        if parts[0] == "domain" or "migrations" in parts or "tests" in parts:
            continue
        yield path


def parsed(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def strings(nodes: list[ast.expr | None]) -> list[str]:
    return [
        n.value
        for n in nodes
        if isinstance(n, ast.Constant) and isinstance(n.value, str)
    ]


# --- the analyser's JSON schema -------------------------------------------------------


def schema_lists(node: object, path: str = "") -> Iterator[tuple[str, str, list[str]]]:
    """Every enum, required list and properties/patternProperties key list."""
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{path}/{key}"
            if key in ("enum", "required") and isinstance(value, list):
                yield here, key, [v for v in value if isinstance(v, str)]
            if key == "properties" and isinstance(value, dict):
                yield here, "properties", list(value)
            yield from schema_lists(value, here)
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from schema_lists(value, f"{path}[{index}]")


def test_json_schema_lists_the_indicators_of_the_registry():
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    found = [
        (where, kind, values)
        for where, kind, values in schema_lists(schema)
        if set(values) & set(CODES)
    ]
    assert found, f"{relative(SCHEMA)} names no indicator at all"
    wrong = [
        f"{relative(SCHEMA)} {where}: {values} != domain CODES {list(CODES)}"
        for where, kind, values in found
        if values != list(CODES)
    ]
    assert wrong == [], "\n".join(wrong)
    kinds = {kind for _, kind, _ in found}
    assert {"required", "properties"} <= kinds, (
        f"{relative(SCHEMA)} must require and describe every indicator"
    )


# --- Python modules that expose the codes ---------------------------------------------


def test_the_analyser_uses_the_registry_codes():
    from casework.core import indicators as core_indicators
    from casework.domain import indicators

    assert core_indicators.CODES is indicators.CODES


def test_every_indicator_has_at_least_one_rule():
    from casework.core.indicators.rules import RULES

    with_rules = {rule.code for rule in RULES}
    missing = [code for code in CODES if code not in with_rules]
    unknown = sorted(with_rules - set(CODES))
    assert missing == [], f"no rule in core/indicators/rules*.py for {missing}"
    assert unknown == [], f"rules for codes the registry does not know: {unknown}"


def test_findings_app_uses_the_registry_codes():
    from casework.findings import indicators as findings_indicators

    assert tuple(findings_indicators.CODES) == CODES
    assert list(findings_indicators.LABELS) == list(CODES)
    assert [code for code, _ in findings_indicators.CHOICES] == list(CODES)


def test_model_fields_offer_the_registry_choices():
    """A field named `indicator` offers the codes, a field named `language` the languages."""
    from django.apps import apps

    wrong = []
    for model in apps.get_models():
        if not model.__module__.startswith("casework."):
            continue
        for field in model._meta.concrete_fields:
            if not field.choices:
                continue
            offered = [value for value, _ in field.flatchoices]
            where = f"{model._meta.label}.{field.name}"
            if field.name == "indicator" and offered != list(CODES):
                wrong.append(
                    f"{where} offers {offered}, the registry has {list(CODES)}"
                )
            if (
                field.name == "language" or field.name.endswith("_language")
            ) and offered != list(LANGUAGES):
                wrong.append(
                    f"{where} offers {offered}, the registry has {list(LANGUAGES)}"
                )
    assert wrong == [], "\n".join(wrong)


def test_settings_languages_are_the_registry_languages():
    from django.conf import settings

    assert [code for code, _ in settings.LANGUAGES] == list(LANGUAGES)
    assert settings.LANGUAGE_CODE in LANGUAGES


# --- templates ------------------------------------------------------------------------

COUNTS = re.compile(
    r"/\s*12\b|\b12\s+indicat|\btwelve\s+indicators?\b|\bdouze\s+indicateurs\b"
    r"|\bdoce\s+indicadores\b",
    re.I,
)
MIN_CODES_FOR_A_LIST = 3


def templates() -> Iterator[Path]:
    for folder in sorted(SRC.glob("*/templates")):
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".html", ".txt", ".xml", ".ics"):
                yield path


def codes_in(text: str) -> set[str]:
    """Indicator codes written in a template: quoted, or as a snake_case word."""
    found = set()
    for code in CODES:
        quoted = re.search(rf"[\"']{code}[\"']", text)
        word = "_" in code and re.search(rf"(?<![\w.]){code}(?!\w)", text)
        if quoted or word:
            found.add(code)
    return found


def test_templates_do_not_hard_code_the_number_of_indicators():
    found = []
    for path in templates():
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            match = COUNTS.search(line)
            if match:
                found.append(
                    f"{relative(path)}:{number}: {match.group(0)!r} - use the registry's "
                    "COUNT (e.g. a context variable), not a literal"
                )
    assert found == [], "\n".join(found)


def test_templates_do_not_list_the_indicator_codes():
    found = []
    for path in templates():
        codes = codes_in(path.read_text(encoding="utf-8"))
        if len(codes) >= MIN_CODES_FOR_A_LIST:
            found.append(
                f"{relative(path)} names {len(codes)} indicator codes "
                f"({', '.join(sorted(codes))}): loop over the registry instead"
            )
    assert found == [], "\n".join(found)


# --- translation catalogues -----------------------------------------------------------


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogues_translate_indicator_labels_as_the_registry(language):
    polib = pytest.importorskip("polib")
    catalogue = LOCALE / language / "LC_MESSAGES" / "django.po"
    if not catalogue.exists():
        pytest.skip(f"no catalogue for {language}")
    expected = {item.label("en"): item.label(language) for item in INDICATORS}
    expected.update({theme.title("en"): theme.title(language) for theme in THEMES})
    wrong = []
    for entry in polib.pofile(str(catalogue)):
        if entry.obsolete or entry.msgctxt or entry.msgid not in expected:
            continue
        if not entry.msgstr or "fuzzy" in entry.flags:
            continue
        if entry.msgstr != expected[entry.msgid]:
            where = entry.occurrences[0][0] if entry.occurrences else "?"
            wrong.append(
                f"{relative(catalogue)}:{entry.linenum}: msgid {entry.msgid!r} is "
                f"{entry.msgstr!r}, the registry says {expected[entry.msgid]!r} "
                f"(used in {where})"
            )
    assert wrong == [], "\n".join(wrong)


# --- the open data API ----------------------------------------------------------------


def openapi_enums(node: object, path: str = "") -> Iterator[tuple[str, list[str]]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "enum" and isinstance(value, list):
                yield path, [v for v in value if isinstance(v, str)]
            yield from openapi_enums(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from openapi_enums(value, f"{path}[{index}]")


def test_openapi_enums_agree_with_the_registry():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    wrong = []
    for where, values in openapi_enums(schema):
        if set(values) & set(CODES) and values != list(CODES):
            wrong.append(f"OpenAPI {where}: indicator enum {values} != {list(CODES)}")
        if {"en", "fr"} <= set(values) and values != list(LANGUAGES):
            wrong.append(
                f"OpenAPI {where}: language enum {values} != {list(LANGUAGES)}"
            )
    assert wrong == [], "\n".join(wrong)


# --- copies kept in Python code -------------------------------------------------------


def literal_languages(node: ast.expr) -> list[str]:
    """The language codes of a literal list/tuple/set such as ("en", "fr") or
    [("en", _("English")), ...]; [] when the node is something else."""
    if not isinstance(node, (ast.Tuple, ast.List, ast.Set)):
        return []
    codes = []
    for element in node.elts:
        if isinstance(element, (ast.Tuple, ast.List)) and element.elts:
            element = element.elts[0]
        if not (isinstance(element, ast.Constant) and element.value in LANGUAGES):
            return []
        codes.append(element.value)
    return codes if len(codes) >= 2 else []


def test_no_module_outside_the_domain_defines_languages():
    found = []
    for path in python_files():
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.Assign):
                targets, value = node.targets, node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                targets, value = [node.target], node.value
            else:
                continue
            names = [
                t.id if isinstance(t, ast.Name) else getattr(t, "attr", "")
                for t in targets
            ]
            named = any(n == "LANGUAGES" or n.endswith("_LANGUAGES") for n in names)
            if named and isinstance(value, (ast.Tuple, ast.List, ast.Set)):
                found.append(
                    f"{relative(path)}:{node.lineno}: {names[0]} = "
                    f"{ast.unparse(value)[:60]} - import "
                    "casework.domain.languages.LANGUAGES instead"
                )
    assert found == [], "\n".join(found)


def test_no_module_outside_the_domain_lists_language_codes():
    """`for language in ("en", "fr")` is how Spanish went missing: loop over LANGUAGES."""
    found = []
    for path in python_files():
        for node in ast.walk(parsed(path)):
            codes = literal_languages(node) if isinstance(node, ast.expr) else []
            if codes:
                found.append(
                    f"{relative(path)}:{node.lineno}: literal languages {codes}"
                    " - use casework.domain.languages.LANGUAGES"
                )
    assert found == [], "\n".join(found)


def test_no_module_outside_the_domain_keeps_a_table_of_articles():
    """French and Spanish articles are decided by domain/state_names.py alone."""
    found = []
    for path in python_files():
        for node in ast.walk(parsed(path)):
            if not isinstance(node, ast.Dict):
                continue
            for side, items in (("keys", node.keys), ("values", node.values)):
                words = set(strings(list(items)))
                if len(words & FR_ARTICLES) >= 2 or len(words & ES_ARTICLES) >= 2:
                    found.append(
                        f"{relative(path)}:{node.lineno}: a dict whose {side} are articles "
                        f"({', '.join(sorted(words & (FR_ARTICLES | ES_ARTICLES)))}) - "
                        "use casework.domain.state_names.forms()"
                    )
    assert found == [], "\n".join(found)


def test_no_module_outside_the_domain_lists_the_indicator_codes():
    """A list of the codes outside the registry silently drops a new indicator.

    The analyser's rules name one code each and may group a few (casework.core), demo
    content names what it is about; a collection naming half of the checklist or more
    anywhere else is a copy of the registry.
    """
    threshold = len(CODES) // 2
    found = []
    for path in python_files():
        if path.relative_to(SRC).parts[0] == "core" or path.name == "demo.py":
            continue
        for node in ast.walk(parsed(path)):
            if isinstance(node, ast.Dict):
                elements = list(node.keys)
            elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
                elements = list(node.elts)
            else:
                continue
            codes = set(strings(elements)) & set(CODES)
            if len(codes) >= threshold:
                found.append(
                    f"{relative(path)}:{node.lineno}: {len(codes)} indicator codes in a "
                    f"literal {type(node).__name__.lower()} - use casework.domain.indicators"
                )
    assert found == [], "\n".join(found)


def test_every_phrase_table_speaks_every_language():
    """A dict keyed by language ({"en": ..., "fr": ...}) has every language: that is
    how Spanish went missing from the compilation, comments and engagement documents."""
    found = []
    for path in [*python_files(), *sorted((SRC / "domain").rglob("*.py"))]:
        for node in ast.walk(parsed(path)):
            if not isinstance(node, ast.Dict) or None in node.keys:
                continue
            keys = strings(list(node.keys))
            if len(keys) != len(node.keys) or not set(keys) <= set(LANGUAGES):
                continue
            if "en" in keys and len(keys) >= 2 and set(keys) != set(LANGUAGES):
                missing = [code for code in LANGUAGES if code not in keys]
                found.append(
                    f"{relative(path)}:{node.lineno}: a phrase table without {missing}"
                )
    assert found == [], "\n".join(found)
