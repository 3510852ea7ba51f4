"""States by name in English, French and Spanish, matched token by token (longest first)."""

from __future__ import annotations

import functools
import gettext
import re
import unicodedata
from dataclasses import dataclass
from typing import NamedTuple

import pycountry

_TOKEN = re.compile(r"[^\W_]+", re.UNICODE)

# Names pycountry lacks or writes in an inverted or official form that reports rarely use.
EXTRA_NAMES: dict[str, tuple[str, ...]] = {
    "COD": (
        "Democratic Republic of the Congo",
        "DR Congo",
        "DRC",
        "RDC",
        "RD Congo",
        "République démocratique du Congo",
        "República Democrática del Congo",
        "Congo-Kinshasa",
    ),
    "COG": ("Republic of the Congo", "République du Congo", "Congo-Brazzaville"),
    "CIV": ("Côte d'Ivoire", "Cote d'Ivoire", "Ivory Coast", "Costa de Marfil"),
    "GBR": (
        "United Kingdom",
        "UK",
        "Great Britain",
        "Royaume-Uni",
        "Royaume-Uni de Grande-Bretagne et d'Irlande du Nord",
        "Reino Unido",
        "Reino Unido de Gran Bretaña e Irlanda del Norte",
    ),
    "TUR": ("Türkiye", "Turkiye", "Turkey", "Turquie", "Turquía"),
    "USA": (
        "United States",
        "United States of America",
        "USA",
        "États-Unis",
        "Etats-Unis",
        "Estados Unidos",
        "Estados Unidos de América",
    ),
    "LAO": (
        "Lao PDR",
        "Laos",
        "Lao People's Democratic Republic",
        "République démocratique populaire lao",
        "República Democrática Popular Lao",
    ),
    "KOR": (
        "Republic of Korea",
        "South Korea",
        "République de Corée",
        "Corée du Sud",
        "República de Corea",
    ),
    "PRK": ("North Korea", "Democratic People's Republic of Korea"),
    "IRN": ("Iran", "Islamic Republic of Iran"),
    "SYR": ("Syria", "Syrian Arab Republic", "Syrie", "Siria"),
    "RUS": ("Russia", "Russian Federation", "Russie", "Rusia"),
    "MDA": ("Moldova", "Republic of Moldova", "Moldavie"),
    "TZA": ("Tanzania", "United Republic of Tanzania", "Tanzanie"),
    "BOL": ("Bolivia", "Plurinational State of Bolivia", "Bolivie"),
    "VEN": ("Venezuela",),
    "PSE": (
        "Palestine",
        "State of Palestine",
        "État de Palestine",
        "Estado de Palestina",
    ),
    "VNM": ("Viet Nam", "Vietnam"),
    "BIH": (
        "Bosnia and Herzegovina",
        "Bosnia-Herzegovina",
        "Bosnie-Herzégovine",
        "Bosnia y Herzegovina",
    ),
    "MKD": ("North Macedonia", "Macédoine du Nord", "Macedonia del Norte"),
    "CZE": ("Czech Republic", "Czechia", "Tchéquie", "République tchèque", "Chequia"),
    "NLD": ("Netherlands", "the Netherlands", "Pays-Bas", "Países Bajos"),
    "SWZ": ("Eswatini", "Swaziland"),
    "CPV": ("Cabo Verde", "Cape Verde", "Cap-Vert"),
    "TLS": ("Timor-Leste", "East Timor"),
    "FSM": ("Micronesia",),
    "VAT": ("Holy See", "Saint-Siège", "Santa Sede"),
    "SSD": ("South Sudan", "Soudan du Sud", "Sudán del Sur"),
    "MUS": ("Mauritius", "île Maurice", "Mauricio"),
    "ESH": ("Western Sahara", "Sahara occidental"),
}
# Words that are also ordinary words or first names; the longer forms above still match.
SKIP_NAMES = {"maurice", "jersey", "georgia"}


@functools.lru_cache(maxsize=65536)
def normalise_token(token: str) -> str:
    """Casefold and strip accents so 'Sénégal' and 'SENEGAL' compare equal."""
    decomposed = unicodedata.normalize("NFKD", token.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_NORMALISED: dict[str, str] = {}


def _normalised(token: str) -> str:
    """normalise_token, remembered (a document repeats its capitalised words)."""
    try:
        return _NORMALISED[token]
    except KeyError:
        if len(_NORMALISED) > 100_000:
            _NORMALISED.clear()
        word = _NORMALISED[token] = normalise_token(token)
        return word


def _key(name: str) -> tuple[str, ...]:
    return tuple(normalise_token(t) for t in _TOKEN.findall(name))


def _uninvert(name: str) -> str:
    if ", " in name:
        head, tail = name.split(", ", 1)
        return f"{tail} {head}"
    return name


def _translations(lang: str) -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[lang])
    except OSError:
        return gettext.NullTranslations()


@dataclass(frozen=True, slots=True)
class NameTable:
    """Normalised token tuples mapped to ISO3, plus the longest name length."""

    names: dict[tuple[str, ...], str]
    first_tokens: frozenset[str]
    longest: int
    prefixes: frozenset[tuple[str, ...]]  # every leading part of every name
    extendable: frozenset[str]  # first tokens of names of two tokens or more


@functools.lru_cache(maxsize=1)
def name_table() -> NameTable:
    """Build the name table once from pycountry (EN/FR/ES) and EXTRA_NAMES."""
    fr, es = _translations("fr"), _translations("es")
    names: dict[tuple[str, ...], str] = {}
    for country in pycountry.countries:
        forms: set[str] = set()
        for attr in ("name", "official_name", "common_name"):
            english = getattr(country, attr, None)
            if not english:
                continue
            forms.add(_uninvert(english))
            for translation in (fr, es):
                translated = translation.gettext(english)
                if translated and translated != english and "\n" not in translated:
                    forms.add(_uninvert(translated))
        for form in forms:
            for variant in (
                form,
                re.sub(r"^(?:The|La|Le|Les|El|Los|L')\s*", "", form, flags=re.I),
            ):
                key = _key(variant)
                if key and " ".join(key) not in SKIP_NAMES:
                    names.setdefault(key, country.alpha_3)
    for code, extra in EXTRA_NAMES.items():
        for name in extra:
            names[_key(name)] = code
    return NameTable(
        names,
        frozenset(k[0] for k in names),
        max(len(k) for k in names),
        frozenset(k[:n] for k in names for n in range(1, len(k) + 1)),
        frozenset(k[0] for k in names if len(k) > 1),
    )


class StateMention(NamedTuple):
    """A State named in the text."""

    code: str
    start: int
    end: int


# A word starting with a capital, not preceded by a letter. The look-behind comes after the
# first character so that the regex engine can skip straight to candidate capitals.
_CAPITALISED = re.compile(r"[^\W\d_a-zß-ÿ](?<![^\W\d_].)[^\W_]*")


def _latin1_shape(code: int) -> int:
    """A Latin-1 character's class for _capitalised: C capital, a other letter, 9 digit..."""
    char = chr(code)
    if _CAPITALISED.fullmatch(char):
        return ord("C")
    if re.fullmatch(r"[^\W\d_]", char):
        return ord("a")
    if re.fullmatch(r"\d", char):
        return ord("9")
    return ord("_") if char == "_" else ord(" ")


_SHAPES = bytes(map(_latin1_shape, range(256)))


def capitalised(text: str) -> list[tuple[int, int]]:
    """Spans of `_CAPITALISED.finditer(text)`.

    Latin-1 text (one byte per character) is mapped to character classes, and capitals
    are found with bytes.find, several times cheaper than the regex engine's scan.
    """
    try:
        shape = text.encode("latin-1").translate(_SHAPES)
    except UnicodeEncodeError:
        return [m.span() for m in _CAPITALISED.finditer(text)]
    spans: list[tuple[int, int]] = []
    find, underscore = shape.find, b"_" in shape
    start = find(b"C")
    while start >= 0:
        # Not after a letter; then letters and digits up to white space, "_" or the end.
        if start == 0 or shape[start - 1] in b" 9_":
            end = find(b" ", start)
            if end < 0:
                end = len(shape)
            if underscore and (before := find(b"_", start, end)) >= 0:
                end = before
            spans.append((start, end))
            start = find(b"C", end)
        else:
            start = find(b"C", start + 1)
    return spans


def find_states(text: str) -> list[StateMention]:
    """Every State named in `text`, longest name first ('Soudan du Sud' is not 'Soudan')."""
    table = name_table()
    names, prefixes, first_tokens = table.names, table.prefixes, table.first_tokens
    found: list[StateMention] = []
    resume = 0
    extendable = table.extendable
    for start, end in capitalised(text):
        if start < resume:
            continue
        word = _normalised(text[start:end])
        if word not in first_tokens:
            continue
        if word not in extendable and end - start <= 90:
            # Only one-token names start with this word: the loop below would stop after it.
            code = names.get((word,))
            if code is not None and not (
                text[end : end + 1] == "-" and text[end + 1 : end + 2].isalpha()
            ):
                found.append(StateMention(code, start, end))
                resume = end
            continue
        window_end = text.find("\n", start)
        window_end = len(text) if window_end < 0 else window_end
        # Extend the name token by token while it is still the start of some name;
        # the longest full name wins.
        key: tuple[str, ...] = ()
        best: tuple[str, int] | None = None
        previous_end = -1
        for token in _TOKEN.finditer(text, start, min(window_end, start + 90)):
            # A name never spans punctuation other than - and '.
            if previous_end >= 0 and text[previous_end : token.start()].strip(
                " -'’\u00a0"
            ):
                break
            key = (*key, _normalised(token.group(0)))
            if key not in prefixes:
                break
            end = previous_end = token.end()
            code = names.get(key)
            # "Guinée" must not match inside "Guinée-Bissau".
            if code is not None and not (
                text[end : end + 1] == "-" and text[end + 1 : end + 2].isalpha()
            ):
                best = (code, end)
        if best is not None:
            found.append(StateMention(best[0], start, best[1]))
            resume = best[1]
    return found
