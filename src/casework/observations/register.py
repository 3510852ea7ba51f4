"""What the Committee's own registers add to a State's observations.

The national platform register (engagement app) feeds the coordination paragraph: the
sentence says where the information comes from, so readers can tell it from the report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from casework.domain.languages import pick
from casework.domain.locale import format_date
from casework.domain.state_names import NameForms

# (singular, plural): the verb agrees with the State ("les Pays-Bas n'ont pas").
NO_PLATFORM: Final[dict[str, tuple[str, str]]] = {
    "en": (
        "According to the Committee's register of national platforms, {s} has not "
        "yet established a national mine action platform.",
        "According to the Committee's register of national platforms, {s} has not "
        "yet established a national mine action platform.",
    ),
    "fr": (
        "Selon le registre des plateformes nationales tenu par le Comité, {s} n'a "
        "pas encore mis en place de plateforme nationale de lutte antimines.",
        "Selon le registre des plateformes nationales tenu par le Comité, {s} n'ont "
        "pas encore mis en place de plateforme nationale de lutte antimines.",
    ),
    "es": (
        "Según el registro de plataformas nacionales del Comité, {s} aún no ha "
        "establecido una plataforma nacional de acción contra las minas.",
        "Según el registro de plataformas nacionales del Comité, {s} aún no han "
        "establecido una plataforma nacional de acción contra las minas.",
    ),
}
ESTABLISHED: Final[dict[str, str]] = {
    "en": "established in {y}",
    "fr": "créée en {y}",
    "es": "creada en {y}",
}
LAST_MET: Final[dict[str, str]] = {
    "en": "which last met on {d}",
    "fr": "dont la dernière réunion a eu lieu le {d}",
    "es": "cuya última reunión se celebró el {d}",
}
HAS_PLATFORM: Final[dict[str, tuple[str, str]]] = {
    "en": (
        "According to the Committee's register of national platforms, {s} has a "
        "national mine action platform{t}.",
        "According to the Committee's register of national platforms, {s} has a "
        "national mine action platform{t}.",
    ),
    "fr": (
        "Selon le registre des plateformes nationales tenu par le Comité, {s} dispose "
        "d'une plateforme nationale de lutte antimines{t}.",
        "Selon le registre des plateformes nationales tenu par le Comité, {s} disposent "
        "d'une plateforme nationale de lutte antimines{t}.",
    ),
    "es": (
        "Según el registro de plataformas nacionales del Comité, {s} cuenta con una "
        "plataforma nacional de acción contra las minas{t}.",
        "Según el registro de plataformas nacionales del Comité, {s} cuentan con una "
        "plataforma nacional de acción contra las minas{t}.",
    ),
}


@dataclass(frozen=True, slots=True)
class PlatformRecord:
    """The register's entry, reduced to what the sentence needs."""

    exists: str  # "yes" | "no" | "unknown"
    established_on: dt.date | None = None
    last_meeting_on: dt.date | None = None


def platform_sentence(
    name: NameForms, language: str, record: PlatformRecord | None
) -> str:
    """One sentence from the register, or "" when the register knows nothing."""
    if record is None or record.exists == "unknown":
        return ""
    if record.exists == "no":
        return pick(NO_PLATFORM, language)[name.plural].format(s=name.subject)
    details = []
    if record.established_on:
        details.append(pick(ESTABLISHED, language).format(y=record.established_on.year))
    if record.last_meeting_on:
        details.append(
            pick(LAST_MET, language).format(
                d=format_date(record.last_meeting_on, language)
            )
        )
    tail = (", " + ", ".join(details)) if details else ""
    return pick(HAS_PLATFORM, language)[name.plural].format(s=name.subject, t=tail)
