"""What the Committee's own registers add to a State's observations.

The national platform register (engagement app) feeds the coordination paragraph: the
sentence says where the information comes from, so readers can tell it from the report.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casework.observations.names import NameForms

MONTHS = {
    "en": "January February March April May June July August September October November December",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
}


@dataclass(frozen=True, slots=True)
class PlatformRecord:
    """The register's entry, reduced to what the sentence needs."""

    exists: str  # "yes" | "no" | "unknown"
    established_on: dt.date | None = None
    last_meeting_on: dt.date | None = None


def format_day(day: dt.date, language: str) -> str:
    month = MONTHS[language].split()[day.month - 1]
    if language == "fr":
        return f"{'1er' if day.day == 1 else day.day} {month} {day.year}"
    if language == "es":
        return f"{day.day} de {month} de {day.year}"
    return f"{day.day} {month} {day.year}"


def platform_sentence(
    name: NameForms, language: str, record: PlatformRecord | None
) -> str:
    """One sentence from the register, or "" when the register knows nothing."""
    if record is None or record.exists == "unknown":
        return ""
    if record.exists == "no":
        return {
            "en": "According to the Committee's register of national platforms, {s} has not "
            "yet established a national mine action platform.",
            "fr": "Selon le registre des plateformes nationales tenu par le Comité, {s} n'a "
            "pas encore mis en place de plateforme nationale de lutte antimines.",
            "es": "Según el registro de plataformas nacionales del Comité, {s} aún no ha "
            "establecido una plataforma nacional de acción contra las minas.",
        }[language].format(s=name.subject)
    details = []
    if record.established_on:
        details.append(
            {
                "en": "established in {y}",
                "fr": "créée en {y}",
                "es": "creada en {y}",
            }[language].format(y=record.established_on.year)
        )
    if record.last_meeting_on:
        details.append(
            {
                "en": "which last met on {d}",
                "fr": "dont la dernière réunion a eu lieu le {d}",
                "es": "cuya última reunión se celebró el {d}",
            }[language].format(d=format_day(record.last_meeting_on, language))
        )
    tail = (", " + ", ".join(details)) if details else ""
    return {
        "en": "According to the Committee's register of national platforms, {s} has a "
        "national mine action platform{t}.",
        "fr": "Selon le registre des plateformes nationales tenu par le Comité, {s} dispose "
        "d'une plateforme nationale de lutte antimines{t}.",
        "es": "Según el registro de plataformas nacionales del Comité, {s} cuenta con una "
        "plataforma nacional de acción contra las minas{t}.",
    }[language].format(s=name.subject, t=tail)
