"""State names as they sit in a sentence, in English, French and Spanish, from one table.

`data/state_names.csv` holds, per ISO3 code, the registry names, the short forms used in
running text, and the grammar each language needs: the English "the" and plural, the
French article (le, la, l', les or none) and gender, the Spanish article (el, la, los,
las or none). Every generated sentence asks `forms()`; nothing else decides an article.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Final

from casework.domain.languages import DEFAULT

FR_ARTICLES: Final = ("le", "la", "l'", "les", "")
ES_ARTICLES: Final = ("el", "la", "los", "las", "")


@dataclass(frozen=True, slots=True)
class StateGrammar:
    iso3: str
    names: dict[str, str]  # the registry's name per language
    short: dict[str, str]  # the name in running text ("Netherlands", "Bolivie")
    article_en: str  # "the" or ""
    plural_en: bool
    article_fr: str  # one of FR_ARTICLES
    gender_fr: str  # "m" or "f"
    article_es: str  # one of ES_ARTICLES


@dataclass(frozen=True, slots=True)
class NameForms:
    """How to write the State in one language inside a sentence."""

    name: str  # bare short name: "Sénégal", "Netherlands"
    subject: str  # "le Sénégal", "the Netherlands", "los Países Bajos"
    of: str  # "du Sénégal", "of the Netherlands", "de los Países Bajos"
    to: str  # object of "encourage": "le Sénégal", "al Reino Unido", "the Netherlands"
    dative: str  # "au Sénégal", "to the Netherlands", "al Senegal" (give to)
    locative: str  # "au Sénégal", "en Türkiye", "à Malte", "in the Netherlands"
    plural: bool
    feminine: bool = False

    @property
    def subject_cap(self) -> str:
        return self.subject[:1].upper() + self.subject[1:]


class UnknownStateError(KeyError):
    def __init__(self, iso3: str) -> None:
        super().__init__(
            f"{iso3!r} is not in the table of State names (domain/data/state_names.csv); "
            "add a row with its names and grammar"
        )


@functools.cache
def table() -> dict[str, StateGrammar]:
    """Every row of the table, by ISO3 code."""
    text = (
        resources.files("casework.domain")
        .joinpath("data/state_names.csv")
        .read_text("utf-8")
    )
    rows: dict[str, StateGrammar] = {}
    for row in csv.DictReader(text.splitlines()):
        grammar = StateGrammar(
            iso3=row["iso3"],
            names={"en": row["name_en"], "fr": row["name_fr"], "es": row["name_es"]},
            short={"en": row["short_en"], "fr": row["short_fr"], "es": row["short_es"]},
            article_en=row["article_en"],
            plural_en=row["plural_en"] == "yes",
            article_fr=row["article_fr"],
            gender_fr=row["gender_fr"],
            article_es=row["article_es"],
        )
        if (
            grammar.article_fr not in FR_ARTICLES
            or grammar.article_es not in ES_ARTICLES
        ):
            raise ValueError(
                f"state_names.csv: bad article in the row for {row['iso3']}"
            )
        rows[grammar.iso3] = grammar
    return rows


def grammar(iso3: str) -> StateGrammar:
    try:
        return table()[iso3]
    except KeyError:
        raise UnknownStateError(iso3) from None


def starts_with_vowel_sound(word: str) -> bool:
    """French elision: a vowel, or a mute h as in Haïti ("d'Haïti", "d'Oman")."""
    first = unicodedata.normalize("NFD", word[:1])[:1].lower()
    return first in "aeiou" or word.startswith(("Haï", "Hai"))


def _english(g: StateGrammar, name: str) -> NameForms:
    full = f"the {name}" if g.article_en else name
    return NameForms(
        name, full, f"of {full}", full, f"to {full}", f"in {full}", g.plural_en
    )


def _french(g: StateGrammar, name: str) -> NameForms:
    article = g.article_fr
    feminine = g.gender_fr == "f"
    if article == "les":
        return NameForms(
            name,
            f"les {name}",
            f"des {name}",
            f"les {name}",
            f"aux {name}",
            f"aux {name}",
            True,
            feminine,
        )
    if article == "":
        de = "d'" if starts_with_vowel_sound(name) else "de "
        return NameForms(
            name, name, f"{de}{name}", name, f"à {name}", f"à {name}", False, feminine
        )
    if article == "l'":
        return NameForms(
            name,
            f"l'{name}",
            f"de l'{name}",
            f"l'{name}",
            f"à l'{name}",
            f"en {name}",
            False,
            feminine,
        )
    if article == "la":
        return NameForms(
            name,
            f"la {name}",
            f"de la {name}",
            f"la {name}",
            f"à la {name}",
            f"en {name}",
            False,
            True,
        )
    return NameForms(
        name,
        f"le {name}",
        f"du {name}",
        f"le {name}",
        f"au {name}",
        f"au {name}",
        False,
        False,
    )


def _spanish(g: StateGrammar, name: str) -> NameForms:
    article = g.article_es
    plural = article in ("los", "las")
    feminine = article in ("la", "las")
    if not article:
        return NameForms(
            name, name, f"de {name}", f"a {name}", f"a {name}", f"en {name}", False
        )
    if article == "el":
        return NameForms(
            name,
            f"el {name}",
            f"del {name}",
            f"al {name}",
            f"al {name}",
            f"en el {name}",
            False,
        )
    return NameForms(
        name,
        f"{article} {name}",
        f"de {article} {name}",
        f"a {article} {name}",
        f"a {article} {name}",
        f"en {article} {name}",
        plural,
        feminine,
    )


def forms(iso3: str, language: str, *, name: str | None = None) -> NameForms:
    """The State's name in a sentence; `name` overrides the table's short form."""
    g = grammar(iso3)
    writer = {"fr": _french, "es": _spanish}.get(language)
    if writer is None:
        return _english(g, name or g.short[DEFAULT])
    return writer(g, name or g.short[language])


def short_name(iso3: str, language: str) -> str:
    """The name as running text writes it, without article."""
    return grammar(iso3).short.get(language) or grammar(iso3).short[DEFAULT]


def name(iso3: str, language: str) -> str:
    """The registry's full name in the language."""
    return grammar(iso3).names.get(language) or grammar(iso3).names[DEFAULT]


# Names people still type that the registry no longer uses (the registry's own names,
# full and short, in every language, come from the table).
FORMER_NAMES: Final[dict[str, tuple[str, ...]]] = {
    "TUR": ("Turkey", "Turquie", "Turquía"),
    "CZE": ("Czech Republic", "République tchèque", "República Checa"),
    "MKD": ("Macedonia", "Macédoine", "Macedonia"),
    "CIV": ("Ivory Coast",),
    "SWZ": ("Swaziland", "Swazilandia"),
}


def every_name(iso3: str) -> tuple[str, ...]:
    """Every name of the State: registry and short names in each language, former names."""
    g = grammar(iso3)
    found: list[str] = []
    for written in (*g.names.values(), *g.short.values(), *FORMER_NAMES.get(iso3, ())):
        if written and written not in found:
            found.append(written)
    return tuple(found)


def folded_words(text: str) -> tuple[str, ...]:
    """Words in lower case without accents: "Côte d'Ivoire" -> ("cote", "d", "ivoire")."""
    plain = "".join(
        c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c)
    )
    return tuple(re.findall(r"\w+", plain.casefold()))


@functools.cache
def _codes_by_words() -> dict[tuple[str, ...], str]:
    codes: dict[tuple[str, ...], str] = {}
    for iso3 in table():
        for written in every_name(iso3):
            codes.setdefault(folded_words(written), iso3)
    return codes


def states_in_query(query: str) -> tuple[list[str], list[str]]:
    """(ISO3 codes of the States the query names in any of the three languages, the
    query's other words as typed). Accents and case do not matter; the longest name
    wins ("Soudan du Sud" is South Sudan, not Sudan and two words)."""
    typed = re.findall(r"\w+", query)
    words = [folded_words(w)[0] if folded_words(w) else w for w in typed]
    states, rest = longest_names(words, _codes_by_words())
    return states, [typed[i] for i in rest]


def longest_names(
    words: Sequence[str], codes: Mapping[tuple[str, ...], str]
) -> tuple[list[str], list[int]]:
    """The codes of the names found in `words` (`codes` maps a name's words to its
    code), longest name first at each place, each code once; and the positions of
    the words that are in no name."""
    longest = max(map(len, codes), default=0)
    states: list[str] = []
    rest: list[int] = []
    i = 0
    while i < len(words):
        for size in range(min(longest, len(words) - i), 0, -1):
            code = codes.get(tuple(words[i : i + size]))
            if code:
                if code not in states:
                    states.append(code)
                i += size
                break
        else:
            rest.append(i)
            i += 1
    return states, rest
