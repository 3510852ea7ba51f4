"""French for generated documents: dates ("le 1er mars 2025") and State names with articles.

Generated documents are written from our own phrases in each language, not through gettext,
so French grammar the phrases need lives here.
"""

from __future__ import annotations

import datetime as dt

MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)

# Articles by ISO3 where the rule below ("la" for names ending in -e, "l'" before a
# vowel, "le" otherwise) gets it wrong. "" means the name takes no article.
ARTICLES: dict[str, str] = {
    # no article
    "ATG": "",
    "CPV": "",
    "CYP": "",
    "DJI": "",
    "SLV": "",
    "FJI": "",
    "HTI": "",
    "KIR": "",
    "MDG": "",
    "MLT": "",
    "MUS": "",
    "MCO": "",
    "NRU": "",
    "NIU": "",
    "OMN": "",
    "PLW": "",
    "QAT": "",
    "KNA": "",
    "LCA": "",
    "VCT": "",
    "WSM": "",
    "SMR": "",
    "STP": "",
    "LKA": "",
    "TON": "",
    "TTO": "",
    "TUV": "",
    "VUT": "",
    "BRN": "",
    # masculine names ending in -e
    "KHM": "le",
    "MEX": "le",
    "MOZ": "le",
    "ZWE": "le",
    "BLZ": "le",
    "SUR": "le",
    "TLS": "le",
    "VAT": "le",
    # feminine names not ending in -e
    "GNB": "la",
    "MKD": "la",
    "BOL": "la",
    "MDA": "la",
    "TZA": "la",
    "CAF": "la",
    "COD": "la",
    "DOM": "la",
    # plurals
    "BHS": "les",
    "COM": "les",
    "MDV": "les",
    "PHL": "les",
    "SYC": "les",
    "NLD": "les",
    "COK": "les",
    "MHL": "les",
    "SLB": "les",
    # h aspiré: no elision
    "HND": "le",
    "HUN": "la",
    # a vowel sound that is written with a consonant-like letter
    "YEM": "le",
}
VOWELS = "AEIOUYÉÈÊÎÏÔÛ"
# Places the Committee meets in, as French documents spell them.
PLACES_FR = {"Geneva": "Genève", "Brussels": "Bruxelles", "New York": "New York"}


def place_fr(place: str) -> str:
    return PLACES_FR.get(place.strip(), place)


def article(iso3: str, name_fr: str) -> str:
    """ "le", "la", "l'", "les" or "" for a State's French name."""
    if iso3 in ARTICLES:
        found = ARTICLES[iso3]
        if found in ("le", "la") and name_fr[:1].upper() in VOWELS and iso3 != "YEM":
            return "l'"
        return found
    if name_fr[:1].upper() in VOWELS:
        return "l'"
    return "la" if name_fr.rstrip().endswith("e") else "le"


def with_article(iso3: str, name_fr: str) -> str:
    """ "la Türkiye", "le Danemark", "l'Angola", "les Philippines", "Cabo Verde"."""
    found = article(iso3, name_fr)
    if found == "l'":
        return f"l'{name_fr}"
    return f"{found} {name_fr}" if found else name_fr


def of_state(iso3: str, name_fr: str) -> str:
    """ "de la Türkiye", "du Danemark", "de l'Angola", "des Philippines", "de Malte"."""
    found = article(iso3, name_fr)
    return {
        "le": f"du {name_fr}",
        "les": f"des {name_fr}",
        "la": f"de la {name_fr}",
        "l'": f"de l'{name_fr}",
    }.get(found, f"d'{name_fr}" if name_fr[:1].upper() in VOWELS else f"de {name_fr}")


def to_state(iso3: str, name_fr: str) -> str:
    """ "à la Türkiye", "au Danemark", "à l'Angola", "aux Philippines", "à Malte"."""
    found = article(iso3, name_fr)
    return {
        "le": f"au {name_fr}",
        "les": f"aux {name_fr}",
        "la": f"à la {name_fr}",
        "l'": f"à l'{name_fr}",
    }.get(found, f"à {name_fr}")


def date_fr(day: dt.date) -> str:
    """ "27 janvier 2025", "1er mars 2025"."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {MONTHS_FR[day.month - 1]} {day.year}"


def date_en(day: dt.date) -> str:
    """ "27 January 2025"."""
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def on_date(day: dt.date, language: str, *, end: dt.date | None = None) -> str:
    """The opening of a report sentence: "On 27 January 2025" / "Le 27 janvier 2025".

    A span gives "From 2 to 4 June 2025" / "Du 2 au 4 juin 2025".
    """
    if end and end != day:
        if language == "fr":
            first = date_fr(day)
            if (day.year, day.month) == (end.year, end.month):
                first = "1er" if day.day == 1 else str(day.day)
            elif day.year == end.year:
                first = first.rsplit(" ", 1)[0]
            return f"Du {first} au {date_fr(end)}"
        first = date_en(day)
        if (day.year, day.month) == (end.year, end.month):
            first = str(day.day)
        elif day.year == end.year:
            first = first.rsplit(" ", 1)[0]
        return f"From {first} to {date_en(end)}"
    return f"Le {date_fr(day)}" if language == "fr" else f"On {date_en(day)}"


def join_names(names: list[str], language: str) -> str:
    """ "A, B and C" / "A, B et C"."""
    if len(names) <= 1:
        return "".join(names)
    word = " et " if language == "fr" else " and "
    return ", ".join(names[:-1]) + word + names[-1]
