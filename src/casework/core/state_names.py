"""States by name in English, French and Spanish, matched token by token (longest first)."""

from __future__ import annotations

import functools
import gettext
import itertools
import re
import unicodedata
from dataclasses import dataclass

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
    return NameTable(names, frozenset(k[0] for k in names), max(len(k) for k in names))


@dataclass(frozen=True, slots=True)
class StateMention:
    """A State named in the text."""

    code: str
    start: int
    end: int


_CAPITALISED = re.compile(r"(?<![^\W\d_])[^\W\d_a-zß-ÿ][^\W_]*")


def find_states(text: str) -> list[StateMention]:
    """Every State named in `text`, longest name first ('Soudan du Sud' is not 'Soudan')."""
    table = name_table()
    found: list[StateMention] = []
    resume = 0
    for first in _CAPITALISED.finditer(text):
        if (
            first.start() < resume
            or normalise_token(first.group(0)) not in table.first_tokens
        ):
            continue
        window_end = text.find("\n", first.start())
        window_end = len(text) if window_end < 0 else window_end
        tokens = list(
            _TOKEN.finditer(text, first.start(), min(window_end, first.start() + 90))
        )
        for n in range(min(table.longest, len(tokens)), 0, -1):
            window = tokens[:n]
            # A name never spans punctuation other than - and '.
            if n > 1 and any(
                text[a.end() : b.start()].strip(" -'’\u00a0")
                for a, b in itertools.pairwise(window)
            ):
                continue
            code = table.names.get(tuple(normalise_token(t.group(0)) for t in window))
            if code is None:
                continue
            last = window[-1]
            # "Guinée" must not match inside "Guinée-Bissau".
            if (
                text[last.end() : last.end() + 1] == "-"
                and text[last.end() + 1 : last.end() + 2].isalpha()
            ):
                continue
            found.append(StateMention(code, first.start(), last.end()))
            resume = last.end()
            break
    return found
