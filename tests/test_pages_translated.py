"""Every page in French and in Spanish: no English leftovers, no raw choice values (issue 18).

The URLconf walk of tests/test_outsiders.py gives every page reachable by GET; each is
requested logged out and as each role (State A's focal point, a Committee member, the
support unit) with the interface in French, then in Spanish, and its *visible text* is
checked — the text of the page without <script>, <style>, tag attributes (but with the
accessible names people read or hear: alt, title, aria-label, placeholder, button
values), without parts marked as written in another language (`lang="en"`, as WCAG
3.1.2 asks for a State's English answer) and without the content data of the database
(State-written answers, documents, names, titles: every free-text value of every row).

What must not be there, both lists derived from the project itself:

(a) English leftovers: the English msgids of the project's own catalogue whose
    translation differs — phrases of two words or more (the literal pieces between
    placeholders and tags), and single words that are labels (a capitalised msgid, or a
    choice label, or a field name as a form shows it) — unless the language itself uses
    the word (it appears in one of its translations: "Article", "Total", "Options"); and
    English names of States that the language writes differently ("Senegal" on a French
    page is "Sénégal").
(b) raw choice values: for every model field with choices, a value that is not its own
    label (`confirmed`, `mined_area`, `article7_report`, `fr` in "Langue fr") shown as
    a text of its own or, when it is a code word (with `_` or 4 letters or more), as a
    whole word anywhere — unless it is a word of the language.

A failure names the page, the role and the leftover; fix the template or view (mark the
string translatable and translate it with /tmp/po_add.py, or use get_FOO_display or the
domain label helpers). ALLOWED lists what is genuinely the same in the language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.test import Client
from django.utils import translation

from casework.domain import state_names
from casework.domain.languages import DEFAULT
from casework.domain.languages import LANGUAGES as DOMAIN_LANGUAGES
from tests.test_outsiders import (
    KNOWN_VALUES,
    World,
    ask,
    checked_routes,
    load_demo_content,
    quiet_request_log,  # noqa: F401  (a fixture: 403s and 404s stay out of the log)
    state_a_private_objects,
    url_for,
)

LANGUAGES = tuple(code for code in DOMAIN_LANGUAGES if code != DEFAULT)
ROLES = ("anonymous", "owner", "committee_member", "support")
LOCALE = Path(settings.LOCALE_PATHS[0])
# Pages of other software: Django's admin (its own catalogue), the API's documentation
# and JSON (data, not interface).
SKIPPED_PREFIXES = ("admin:", "api:")

# A language's own name: the language switcher and the labels of texts and downloads
# per language ("PDF (English)") write each language in itself, on every page.
AUTONYMS = {"English"}
# Words and phrases that are genuinely the same in the language, with why.
ALLOWED: dict[str, set[str]] = {
    "fr": AUTONYMS,
    "es": AUTONYMS,
}
# Raw values that are words of the interface language's own text or proper names.
ALLOWED_RAW: dict[str, set[str]] = {
    "fr": set(),
    "es": set(),
}

PLACEHOLDER = re.compile(
    r"%\(\w+\)[sdif]|%[sdif]|\{\{.*?\}\}|\{%.*?%\}|\{\w*\}|<[^>]+>|[\n\t]"
)
URL = re.compile(r"\b(?:https?://|www\.)\S+|\S+@\S+|/[\w/.-]+")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
SPACE = re.compile(r"\s+")


# --- what must not be there ------------------------------------------------------------


@cache
def catalogue(language: str) -> polib.POFile:
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@cache
def words_of_language(language: str) -> frozenset[str]:
    """Every word the language's translations use, as written (case kept)."""
    found: set[str] = set()
    for entry in catalogue(language):
        for text in (entry.msgstr, *entry.msgstr_plural.values()):
            text = PLACEHOLDER.sub(" ", URL.sub(" ", text))
            found.update(WORD.findall(text))
    return frozenset(found)


@cache
def lower_words_of_language(language: str) -> frozenset[str]:
    return frozenset(w.lower() for w in words_of_language(language))


@cache
def phrases_of_language(language: str) -> str:
    """All the language's translations, lower case, one line each (to look phrases up)."""
    lines = []
    for entry in catalogue(language):
        lines += [entry.msgstr, *entry.msgstr_plural.values()]
    return "\n".join(SPACE.sub(" ", line.lower()) for line in lines)


def pieces(msgid: str) -> Iterator[str]:
    """The literal pieces of a msgid: "%(n)s days late" -> "days late"."""
    for piece in PLACEHOLDER.split(msgid):
        piece = SPACE.sub(" ", piece).strip(" .,:;!?()[]«»“”\"'·—–-/…")
        if WORD.search(piece):
            yield piece


def english_choice_labels() -> set[str]:
    with translation.override("en"):
        return {str(label) for _, label in all_choices()}


def used_in_language(term: str, language: str) -> bool:
    words = WORD.findall(term)
    if len(words) == 1:
        return words[0] in words_of_language(language)
    return (
        re.search(
            rf"(?<!\w){re.escape(term.lower())}(?!\w)", phrases_of_language(language)
        )
        is not None
    )


@cache
def leftovers(language: str) -> tuple[str, ...]:
    """English terms that must not show on a page in `language`."""
    labels = english_choice_labels()
    terms: set[str] = set()
    for entry in catalogue(language):
        translations = [entry.msgstr, *entry.msgstr_plural.values()]
        for english in filter(None, (entry.msgid, entry.msgid_plural)):
            if english in translations or not any(translations):
                continue
            for piece in pieces(english):
                words = WORD.findall(piece)
                if len(words) >= 2:
                    terms.add(piece)
                elif len(words) == 1 and len(words[0]) >= 3:
                    word = words[0]
                    if word[0].isupper() or piece in labels:
                        terms.add(word)
                    elif english == piece:  # a field name: a form shows it capitalised
                        terms.add(word[0].upper() + word[1:])
    for grammar in state_names.table().values():
        theirs = {grammar.names[language], grammar.short[language]}
        for english in (grammar.names["en"], grammar.short["en"]):
            if english not in theirs:
                terms.add(english)
    kept = {
        t
        for t in terms
        if t not in ALLOWED[language]
        and not used_in_language(t, language)
        and not any(t in names for names in local_state_names(language))
    }
    return tuple(sorted(kept, key=len, reverse=True))


@cache
def local_state_names(language: str) -> tuple[str, ...]:
    return tuple(
        n
        for g in state_names.table().values()
        for n in (g.names[language], g.short[language])
    )


def choice_fields() -> Iterator[models.Field]:
    for model in apps.get_models():
        if not model.__module__.startswith("casework."):
            continue
        for field in model._meta.get_fields():
            if isinstance(field, models.Field) and field.choices:
                yield field


def all_choices() -> Iterator[tuple[object, object]]:
    """(value, label) of every model field with choices, and of the Article 7 form's
    questions (reporting.schema)."""
    from casework.reporting.schema import FORMS

    for field in choice_fields():
        yield from field.flatchoices
    for form in FORMS:
        for question in form.fields:
            yield from question.choices
            for column in question.columns:
                yield from column.choices


@cache
def raw_values(language: str) -> tuple[frozenset[str], tuple[str, ...]]:
    """(values flagged when they are a text of their own, code words flagged anywhere)."""
    alone: set[str] = set()
    anywhere: set[str] = set()
    with translation.override("en"):
        for value, label in all_choices():
            if not isinstance(value, str) or not re.fullmatch(
                r"[a-z][a-z0-9_]+", value
            ):
                continue
            if value == str(label) or value in ALLOWED_RAW[language]:
                continue
            if value in lower_words_of_language(language):
                continue  # "non", "total": a word of the language's own text
            alone.add(value)
            if "_" in value or len(value) >= 4:
                anywhere.add(value)
    return frozenset(alone), tuple(sorted(anywhere, key=len, reverse=True))


# --- the visible text of a page --------------------------------------------------------

VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "source", "track", "wbr",
}  # fmt: skip
HIDDEN = {"script", "style", "template", "code", "kbd", "samp", "pre"}
SPOKEN = ("alt", "title", "aria-label", "placeholder")


class VisibleText(HTMLParser):
    """Text nodes a reader sees (or hears), outside other-language and technical parts."""

    def __init__(self, language: str) -> None:
        super().__init__(convert_charrefs=True)
        self.language = language
        self.stack: list[bool] = []  # per open element: is its text skipped?
        self.texts: list[str] = []

    @property
    def skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        lang = (values.get("lang") or "").split("-")[0].lower()
        skip = (
            self.skipping
            or tag in HIDDEN
            or (bool(lang) and lang != self.language and tag != "html")
            or values.get("translate") == "no"
        )
        if not skip:
            for name in SPOKEN:
                if values.get(name):
                    self.texts.append(str(values[name]))
            if tag == "input" and values.get("type") in ("submit", "button"):
                self.texts.append(str(values.get("value") or ""))
        if tag not in VOID:
            self.stack.append(skip)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.stack:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        if not self.skipping and data.strip():
            self.texts.append(data)


def visible_texts(html: str, language: str) -> list[str]:
    parser = VisibleText(language)
    parser.feed(html)
    return [SPACE.sub(" ", t).strip() for t in parser.texts if t.strip()]


# --- content data ----------------------------------------------------------------------


def strings_in(value: object) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from strings_in(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from strings_in(item)


def content_strings() -> list[str]:
    """Every free-text value in the database (not choice fields, not State names)."""
    from casework.states.models import StateParty

    found: set[str] = set()
    for model in apps.get_models():
        fields = [
            f.attname
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
            and not f.choices
            # a State's name is the interface's to translate (domain.state_names)
            and not (model is StateParty and f.name.startswith("name_"))
        ]
        if not fields:
            continue
        for row in model._default_manager.values_list(*fields)[:5000]:
            for value in row:
                for text in strings_in(value):
                    for line in text.splitlines():
                        line = SPACE.sub(" ", line).strip()
                        if len(line) >= 3 and WORD.search(line):
                            found.add(line)
    return sorted(found, key=len, reverse=True)


@dataclass
class Content:
    exact: frozenset[str]
    pattern: re.Pattern[str] | None

    @classmethod
    def from_database(cls) -> Content:
        strings = content_strings()
        pattern = (
            re.compile(
                r"(?<!\w)(?:"
                + "|".join(re.escape(s) for s in strings if len(s) >= 4)
                + r")(?!\w)"
            )
            if strings
            else None
        )
        return cls(frozenset(strings), pattern)

    def without(self, text: str) -> str:
        if text in self.exact:
            return ""
        if self.pattern is not None:
            text = self.pattern.sub(" ", text)
        return text


# --- the check -------------------------------------------------------------------------


def whole(term: str) -> re.Pattern[str]:
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")


@cache
def compiled(language: str) -> list[tuple[str, re.Pattern[str]]]:
    return [(t, whole(t)) for t in leftovers(language)]


@cache
def language_code_shown(language: str) -> re.Pattern[str]:
    """A bare language code after a label: "Langue fr", "Idioma: en"."""
    with translation.override(language):
        label = re.escape(str(translation.gettext("Language")))
    codes = "|".join(LANGUAGE_CODES)
    return re.compile(rf"(?:{label}\s*:?|:)\s*(?:{codes})(?=\s*$|[),;])")


LANGUAGE_CODES = DOMAIN_LANGUAGES


def problems_of(texts: Iterable[str], language: str, content: Content) -> list[str]:
    alone, anywhere = raw_values(language)
    terms = compiled(language)
    found: list[str] = []
    for original in texts:
        text = content.without(original)
        if not text.strip():
            continue
        if text.strip() in alone or text.strip() in LANGUAGE_CODES:
            found.append(f"raw value {text.strip()!r}")
            continue
        if language_code_shown(language).search(text):
            found.append(f"raw language code in {original[:80]!r}")
        for value in anywhere:
            if value in text and whole(value).search(text):
                found.append(f"raw value {value!r} in {original[:80]!r}")
        for term, pattern in terms:
            if term in text and pattern.search(text):
                found.append(f"English {term!r} in {original[:80]!r}")
                text = pattern.sub(" ", text)
    return found


@pytest.fixture
def clients(db, make_user, owner, committee_member, support, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo_content()
    state_a_private_objects(owner)
    from casework.engagement.models import CalendarFeed

    CalendarFeed.objects.create(user=owner, token=KNOWN_VALUES["token"][0])
    signed_in = {
        "owner": owner,
        "committee_member": committee_member,
        "support": support,
    }
    found = {"anonymous": Client()}
    for role, user in signed_in.items():
        found[role] = Client()
        found[role].force_login(user)
    return found


def pages(world: World) -> Iterator[tuple[str, str]]:
    for route in checked_routes():
        if not route.name or route.name.startswith(SKIPPED_PREFIXES):
            continue
        url = url_for(world, route)
        if url is not None:
            yield route.name, url


@pytest.mark.usefixtures("quiet_request_log")
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_is_in_the_interface_language(clients, language):
    world = World(
        clients["anonymous"],
        clients["anonymous"],
        [clients["support"], clients["owner"]],
        [],
    )
    urls = list(pages(world))
    content = Content.from_database()
    for client in clients.values():
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    report: dict[str, list[str]] = {}
    checked = 0
    for role in ROLES:
        client = clients[role]
        for name, url in urls:
            answer = ask(client, "get", url, follow=True)
            if not isinstance(answer.status, int) or not answer.body:
                continue
            if (
                not answer.body.lstrip()[:15]
                .lower()
                .startswith((b"<!doctype", b"<html"))
            ):
                continue  # not a page: a file, JSON, an image, a calendar
            checked += 1
            html = answer.body.decode("utf-8", "replace")
            assert f'lang="{language}"' in html[:500], (
                f"{url}: not served in {language}"
            )
            for problem in problems_of(
                visible_texts(html, language), language, content
            ):
                report.setdefault(problem, []).append(f"{role} {url} ({name})")
    assert checked > 100, f"only {checked} pages checked: the walk found too few"
    lines = [
        f"{problem}  ({len(where)}x: {', '.join(sorted(set(where))[:3])})"
        for problem, where in sorted(report.items())
    ]
    assert not lines, (
        f"{len(lines)} leftovers on {language} pages ({checked} checked):\n"
        + "\n".join(lines)
    )


# --- the lists and the check themselves ------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_lists_hold_the_leftovers_issue_18_saw(language):
    terms = set(leftovers(language))
    for english in (
        "Sent for clearance",
        "Cleared",
        "Submitted",
        "Missing",
        "days late",
        "Back to draft",
        "Save",
        "Search",
        "Previous",
        "Download",
        "Delete",
        "Log out",
        "Language",
        "Cambodia",
    ):
        assert english in terms, english
    assert "Senegal" in terms or language == "es"  # "Senegal" is Spanish too
    alone, anywhere = raw_values(language)
    assert {"confirmed", "mined_area", "article7_report"} <= set(anywhere)
    assert "article" not in terms  # not a msgid of its own, and French anyway


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_check_sees_english_and_raw_values_but_not_content(language):
    answer = "Demo: our own English answer, as the State wrote it."
    content = Content(frozenset({answer}), re.compile(re.escape(answer)))
    with translation.override(language):
        label = translation.gettext("Language")
    html = (
        f'<html lang="{language}"><head><title>Cleared</title></head><body>'
        f"<p>Sent for clearance.</p><td>mined_area</td><p>{label} fr</p>"
        '<p lang="en">Submitted</p><script>let s = "Save";</script>'
        '<img alt="Download"><p>{answer}</p><p>3 days late</p>'
        "</body></html>"
    ).replace("{answer}", answer)
    found = problems_of(visible_texts(html, language), language, content)
    text = "\n".join(found)
    for expected in (
        "'Cleared'",
        "'Sent for clearance'",
        "raw value 'mined_area'",
        "raw language code",
        "'Download'",
        "'days late'",
    ):
        assert expected in text, (expected, found)
    assert "Submitted" not in text and "Save" not in text and "Demo" not in text
    clean = f'<html lang="{language}"><body><p>{label}</p><p>{answer}</p></body></html>'
    assert problems_of(visible_texts(clean, language), language, content) == []


# --- every marked string has its translations ------------------------------------------

GETTEXT = {
    "_": 0,
    "gettext": 0,
    "gettext_lazy": 0,
    "gettext_noop": 0,
    "ngettext": 0,
    "ngettext_lazy": 0,
    "pgettext": 1,
    "pgettext_lazy": 1,
    "npgettext": 1,
    "npgettext_lazy": 1,
}
SOURCE = Path(settings.LOCALE_PATHS[0]).parent
LITERAL = r"""u?(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")"""
TEMPLATIZED = re.compile(
    rf"\b(n?p?gettext)\(({LITERAL}(?:\s*,\s*{LITERAL})*)", re.DOTALL
)


@dataclass(frozen=True)
class Marked:
    where: str
    function: str
    context: str | None
    msgid: str
    plural: str | None


def marked_in_python(path: Path) -> Iterator[Marked]:
    import ast

    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = getattr(func, "id", None) or getattr(func, "attr", None)
        if name not in GETTEXT:
            continue
        literals = [
            a.value
            for a in node.args
            if isinstance(a, ast.Constant) and isinstance(a.value, str)
        ]
        skip = GETTEXT[name]
        if len(literals) <= skip:
            continue
        plural = (
            literals[skip + 1]
            if "ngettext" in name and len(literals) > skip + 1
            else None
        )
        yield Marked(
            f"{path.relative_to(SOURCE)}:{node.lineno}",
            name,
            literals[0] if skip else None,
            literals[skip],
            plural,
        )


def marked_in_template(path: Path) -> Iterator[Marked]:
    import ast

    from django.utils.translation.template import templatize

    text = templatize(path.read_text("utf-8"), origin=str(path))
    for match in TEMPLATIZED.finditer(text):
        name = match.group(1)
        args = ast.literal_eval(f"({match.group(2)},)")
        skip = 1 if name.startswith(("pgettext", "npgettext")) else 0
        plural = args[skip + 1] if "ngettext" in name and len(args) > skip + 1 else None
        yield Marked(
            str(path.relative_to(SOURCE)),
            name,
            args[0] if skip else None,
            args[skip],
            plural,
        )


@cache
def every_marked_string() -> tuple[Marked, ...]:
    found: list[Marked] = []
    for path in sorted(SOURCE.rglob("*.py")):
        if {"migrations", "tests"} & set(path.parts):
            continue
        found += marked_in_python(path)
    for path in sorted(SOURCE.rglob("templates/**/*.html")):
        found += marked_in_template(path)
    return tuple(found)


def test_the_walk_of_the_sources_finds_marked_strings():
    found = every_marked_string()
    msgids = {m.msgid for m in found}
    assert "Inbox" in msgids  # notifications/templates/notifications/inbox.html
    assert "%(days)s day late" in msgids  # compliance/services.py, ngettext
    assert len(found) > 1000


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_marked_string_is_translated(language):
    """A string marked for translation and missing from the catalogue shows in English."""
    translated = {
        (e.msgctxt, e.msgid)
        for e in catalogue(language)
        if (e.msgstr or all(e.msgstr_plural.values())) and "fuzzy" not in e.flags
    }
    missing = sorted(
        {
            f"{m.msgid!r} ({m.where})"
            for m in every_marked_string()
            if (m.context, m.msgid) not in translated
        }
    )
    assert missing == [], (
        f"{len(missing)} strings have no {language} translation (add them with "
        "/tmp/po_add.py):\n" + "\n".join(missing)
    )


# --- plural forms ----------------------------------------------------------------------

COUNTED = re.compile(
    r"%\((?:count|n|days|total|number|rows|months|weeks|years|hours|minutes)\)[sd] "
    r"(?:\w+ )?[a-z]+s\b"
)
# Counts that are never 1, with why.
SINGULAR_ON_PURPOSE: dict[str, str] = {
    "%(name)s holds %(count)d parts, over the limit of %(limit)d; save it again as an "
    "ordinary document or workbook.": "the count is over the limit, in the thousands",
    "Tables too (up to %(rows)s rows): the file is checked whole before any row is "
    "saved, and a file that fails leaves nothing in the ledger.": "a row limit in "
    "the thousands (funding.table_import)",
    "Up to %(rows)s rows, read at once: the whole table is checked first, then all its "
    "rates are saved together, or none.": "the rates table's row limit, 5,000 "
    "(funding.table_import.WEB_LIMITS)",
}
# Files other work has open (issue 18's report lists them): fixed there, then taken out.
ELSEWHERE: dict[str, str] = {}


def test_a_count_and_its_noun_take_the_plural_form_of_the_language():
    """ "%(days)s days late" with plain gettext prints "1 days late": use ngettext or
    {% blocktranslate count %} so English, French and Spanish each choose their form."""
    counted = [
        m
        for m in every_marked_string()
        if "ngettext" not in m.function and COUNTED.search(m.msgid)
    ]
    wrong = sorted(
        f"{m.msgid!r} ({m.where})"
        for m in counted
        if m.msgid not in SINGULAR_ON_PURPOSE | ELSEWHERE
    )
    assert wrong == [], "counted without a plural form:\n" + "\n".join(wrong)
    fixed = set(SINGULAR_ON_PURPOSE | ELSEWHERE) - {m.msgid for m in counted}
    assert not fixed, f"take these out of the lists, they are gone or fixed: {fixed}"


@pytest.mark.parametrize(
    ("language", "one", "three"),
    [
        ("en", "1 day late", "3 days late"),
        ("fr", "1 jour de retard", "3 jours de retard"),
        ("es", "1 día de retraso", "3 días de retraso"),
    ],
)
def test_days_late_in_each_language(language, one, three):
    from casework.compliance.services import LATE, TrackerRow

    def detail(days: int) -> str:
        row = TrackerRow(None, LATE, None, days, None)  # type: ignore[arg-type]
        with translation.override(language):
            return row.detail

    assert detail(1) == one
    assert detail(3) == three


def test_no_string_is_translated_once_at_import():
    """`gettext` at module or class level runs once, in the language of the process
    (English): the string then stays English on every page. Use gettext_lazy there."""
    import ast

    eager = {"gettext", "ngettext", "pgettext", "npgettext"}
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        if {"migrations", "tests"} & set(path.parts):
            continue
        tree = ast.parse(path.read_text("utf-8"))
        names = {
            alias.asname or alias.name
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            and node.module == "django.utils.translation"
            for alias in node.names
            if alias.name in eager
        }
        if not names:
            continue
        pending: list[ast.AST] = [tree]
        while pending:
            for child in ast.iter_child_nodes(pending.pop()):
                if isinstance(
                    child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda
                ):
                    continue  # runs per request, in the request's language
                if (
                    isinstance(child, ast.Call)
                    and isinstance(child.func, ast.Name)
                    and child.func.id in names
                ):
                    found.append(f"{path.relative_to(SOURCE)}:{child.lineno}")
                pending.append(child)
    assert found == [], "translated at import time: " + ", ".join(found)


# --- what a workflow says after a POST -------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_report_workflow_speaks_the_language_after_each_step(
    client, owner, colleague, language, settings, tmp_path
):
    """The messages after each step ("Sent for clearance.", "Cleared.", "Submitted.",
    "Back to draft.") and the pages and inboxes they lead to: no English, no raw value."""
    from django.urls import reverse

    from casework.reporting.models import Report
    from casework.reporting.tests.factories import answers, make_report

    settings.MEDIA_ROOT = tmp_path
    report = make_report(created_by=owner)
    Report.objects.filter(pk=report.pk).update(answers=answers())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    steps = [
        (owner, "request_clearance", {}),
        (colleague, "return", {"note": "Voir la section B."}),
        (owner, "request_clearance", {}),
        (colleague, "clear", {}),
        (owner, "submit", {"confirmed": "1"}),
    ]
    said: list[str] = []
    problems: list[str] = []
    content = Content.from_database()
    for user, name, data in steps:
        client.force_login(user)
        url = reverse("reporting:action", args=[report.pk, name])
        page = client.post(url, data, follow=True)
        assert page.status_code == 200, (name, page.status_code)
        html = page.content.decode()
        said += [str(m) for m in page.context["messages"]]
        found = problems_of(visible_texts(html, language), language, content)
        inbox = client.get(reverse("notifications:inbox")).content.decode()
        found += problems_of(visible_texts(inbox, language), language, content)
        problems += [f"after {name}: {p}" for p in found]
    assert Report.objects.get(pk=report.pk).status == Report.Status.SUBMITTED
    with translation.override(language):
        expected = [
            translation.gettext(m)
            for m in (
                "Sent for clearance.",
                "Back to draft.",
                "Sent for clearance.",
                "Cleared.",
                "Submitted.",
            )
        ]
    assert said == expected and "Submitted." not in said
    assert problems == []
