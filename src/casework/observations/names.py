"""State names as they sit in a sentence: articles, gender and number in EN, FR and ES.

French needs an article for most States ("le Sénégal", "la Türkiye", "les Pays-Bas",
"l'Afghanistan") and none for some islands and city-States ("Madagascar", "Monaco").
The table gives gender/number per ISO3 where the rule (first word ending in -e is
feminine, a vowel elides) is wrong or unknown; short forms drop the registry's qualifiers.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from casework.states.models import StateParty

# ISO3 -> "m" | "f" | "pl" (plural) | "" (no article)
FR_GENDER = {
    # no article
    "ATG": "",
    "CYP": "",
    "DJI": "",
    "HTI": "",
    "KIR": "",
    "KNA": "",
    "LCA": "",
    "MCO": "",
    "MDG": "",
    "MLT": "",
    "MUS": "",
    "NIU": "",
    "NRU": "",
    "OMN": "",
    "SLV": "",
    "SMR": "",
    "STP": "",
    "TON": "",
    "TTO": "",
    "TUV": "",
    "VCT": "",
    # plural
    "BHS": "pl",
    "COK": "pl",
    "COM": "pl",
    "FJI": "pl",
    "MDV": "pl",
    "MHL": "pl",
    "NLD": "pl",
    "PHL": "pl",
    "PLW": "pl",
    "SLB": "pl",
    "SYC": "pl",
    # masculine although the first word ends in -e
    "BLZ": "m",
    "KHM": "m",
    "MEX": "m",
    "MOZ": "m",
    "SUR": "m",
    "ZWE": "m",
    "WSM": "m",
    "VAT": "m",
    "GBR": "m",
    "PSE": "m",
    "CPV": "m",
    # feminine although the first word does not end in -e
    "GNB": "f",
}
FR_SHORT = {"NLD": "Pays-Bas", "BOL": "Bolivie", "VEN": "Venezuela"}
ES_ARTICLE = {
    "NLD": "los",
    "GBR": "el",
    "VAT": "la",
    "PSE": "el",
    "BHS": "las",
    "COK": "las",
    "MHL": "las",
    "SLB": "las",
    "CAF": "la",
    "COD": "la",
    "DOM": "la",
    "MDA": "la",
    "TZA": "la",
}
ES_SHORT = {"NLD": "Países Bajos", "BOL": "Bolivia", "VEN": "Venezuela"}
EN_THE = {
    "BHS",
    "CAF",
    "COM",
    "COK",
    "COD",
    "DOM",
    "GMB",
    "VAT",
    "MDV",
    "MHL",
    "NLD",
    "NER",
    "PHL",
    "MDA",
    "SLB",
    "PSE",
    "SDN",
    "GBR",
    "TZA",
    "COG",
}
EN_SHORT = {"NLD": "Netherlands", "BOL": "Bolivia", "VEN": "Venezuela"}
EN_PLURAL = {"BHS", "COM", "COK", "MDV", "MHL", "NLD", "PHL", "SLB"}


def _starts_with_vowel(name: str) -> bool:
    first = unicodedata.normalize("NFD", name[:1])[:1].lower()
    return first in "aeiouy"


def fr_gender(state: StateParty) -> str:
    """'m', 'f', 'pl' or '' (no article) for the State's French name."""
    if state.iso3 in FR_GENDER:
        return FR_GENDER[state.iso3]
    name = FR_SHORT.get(state.iso3, state.name_fr)
    first = name.replace("-", " ").split()[0]
    return "f" if first.lower().endswith("e") else "m"


@dataclass(frozen=True)
class NameForms:
    """How to write the State in one language inside a sentence."""

    subject: str  # "le Sénégal", "the Netherlands", "los Países Bajos"
    of: str  # "du Sénégal", "of the Netherlands", "de los Países Bajos"
    to: str  # object of "encourage": "le Sénégal" / "al Reino Unido" / "the Netherlands"
    plural: bool

    @property
    def subject_cap(self) -> str:
        return self.subject[:1].upper() + self.subject[1:]


def french(state: StateParty) -> NameForms:
    name = FR_SHORT.get(state.iso3, state.name_fr)
    gender = fr_gender(state)
    if gender == "pl":
        return NameForms(f"les {name}", f"des {name}", f"les {name}", True)
    if gender == "":
        return NameForms(name, f"de {name}", name, False)
    if _starts_with_vowel(name):
        return NameForms(f"l'{name}", f"de l'{name}", f"l'{name}", False)
    if gender == "f":
        return NameForms(f"la {name}", f"de la {name}", f"la {name}", False)
    return NameForms(f"le {name}", f"du {name}", f"le {name}", False)


def spanish(state: StateParty) -> NameForms:
    name = ES_SHORT.get(state.iso3, state.name_es)
    article = ES_ARTICLE.get(state.iso3, "")
    plural = article in {"los", "las"}
    if not article:
        return NameForms(name, f"de {name}", f"a {name}", False)
    of = f"del {name}" if article == "el" else f"de {article} {name}"
    to = f"al {name}" if article == "el" else f"a {article} {name}"
    return NameForms(f"{article} {name}", of, to, plural)


def english(state: StateParty) -> NameForms:
    name = EN_SHORT.get(state.iso3, state.name_en)
    full = f"the {name}" if state.iso3 in EN_THE else name
    return NameForms(full, f"of {full}", full, state.iso3 in EN_PLURAL)


def forms(state: StateParty, language: str) -> NameForms:
    return {"fr": french, "es": spanish}.get(language, english)(state)
