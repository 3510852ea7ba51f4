"""The action plans the Committee reads reports against, by period.

Reports for 2020–2024 are read against the Oslo Action Plan; reports from 2025 on against
the Siem Reap-Angkor Action Plan 2025–2029. `data/action_plan.csv` (from shared/data)
gives each plan's actions with the confidence of what we know about them: an action
number is printed only when it is known with at least medium confidence; otherwise a
document names the plan and the section the commitment sits in.
"""

from __future__ import annotations

import csv
import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Final

from casework.domain.languages import pick
from casework.domain.text import join


@dataclass(frozen=True, slots=True)
class ActionPlan:
    code: str  # as in action_plan.csv: "OAP_2020_2024"
    first_year: int
    last_year: int
    names: dict[str, str]  # with article: "the Oslo Action Plan"
    of_names: dict[
        str, str
    ]  # after "of": "of the Oslo Action Plan", "du Plan d'action d'Oslo"

    def name(self, language: str) -> str:
        return pick(self.names, language)

    def covers(self, year: int) -> bool:
        return self.first_year <= year <= self.last_year


@dataclass(frozen=True, slots=True)
class Action:
    plan: str
    number: str  # "42", "40 (est.)", "1-16"
    section: str  # section title without its numeral or remarks
    confidence: str

    @property
    def printable_number(self) -> int | None:
        """The action number when it is a plain number known with confidence."""
        if not self.number.isdigit() or "low" in self.confidence:
            return None
        if "not retrieved" in self.confidence or "derived only" in self.confidence:
            return None
        return int(self.number)


PLANS: Final[tuple[ActionPlan, ...]] = (
    ActionPlan(
        "OAP_2020_2024",
        2020,
        2024,
        {
            "en": "the Oslo Action Plan",
            "fr": "le Plan d'action d'Oslo",
            "es": "el Plan de Acción de Oslo",
        },
        {
            "en": "of the Oslo Action Plan",
            "fr": "du Plan d'action d'Oslo",
            "es": "del Plan de Acción de Oslo",
        },
    ),
    ActionPlan(
        "SRAAP_2025_2029",
        2025,
        2029,
        {
            "en": "the Siem Reap-Angkor Action Plan 2025–2029",
            "fr": "le Plan d'action de Siem Reap-Angkor 2025-2029",
            "es": "el Plan de Acción de Siem Reap-Angkor 2025-2029",
        },
        {
            "en": "of the Siem Reap-Angkor Action Plan 2025–2029",
            "fr": "du Plan d'action de Siem Reap-Angkor 2025-2029",
            "es": "del Plan de Acción de Siem Reap-Angkor 2025-2029",
        },
    ),
)

# The action each indicator's encouragement refers to, per plan (action_plan.csv rows).
LINKS: Final[dict[str, dict[str, str]]] = {
    "OAP_2020_2024": {
        "challenges": "42",
        "assistance_needs": "42",
        "national_resources": "1",
        "costed_plan": "2",
        "assistance_received": "47",
        "assistance_provided": "43",
        "resource_mobilisation": "42",
        "innovative_financing": "47",
        "national_platform": "44",
        "individualised_approach": "42",
        "knowledge_exchange": "46",
        "gender_diversity": "3",
    },
    "SRAAP_2025_2029": {
        "challenges": "40 (est.)",
        "assistance_needs": "40 (est.)",
        "national_resources": "1 (est.)",
        "costed_plan": "2 (est.)",
        "assistance_received": "45 (est.)",
        "assistance_provided": "41 (est.)",
        "resource_mobilisation": "40 (est.)",
        "innovative_financing": "45 (est.)",
        "national_platform": "42 (est.)",
        "individualised_approach": "40 (est.)",
        "knowledge_exchange": "44 (est.)",
        "gender_diversity": "3 (est.)",
    },
}

# Sections a document may name, as a phrase after "the commitments ... on".
SECTIONS: Final[dict[str, dict[str, str]]] = {
    "Best practices for implementing the Convention": {
        "en": "on best practices for implementing the Convention",
        "fr": "relatifs aux meilleures pratiques de mise en œuvre de la Convention",
        "es": "relativos a las mejores prácticas para la aplicación de la Convención",
    },
    "International cooperation and assistance": {
        "en": "on international cooperation and assistance",
        "fr": "relatifs à la coopération et à l'assistance internationales",
        "es": "relativos a la cooperación y la asistencia internacionales",
    },
}

_NUMERAL = re.compile(r"^[IVX]+\s+")
_REMARK = re.compile(r"\s*\[.*$")


def _section(raw: str) -> str:
    return _REMARK.sub("", _NUMERAL.sub("", raw.strip())).strip()


@functools.cache
def actions() -> dict[tuple[str, str], Action]:
    """Every row of action_plan.csv, by (plan, number)."""
    text = (
        resources.files("casework.domain")
        .joinpath("data/action_plan.csv")
        .read_text("utf-8")
    )
    found: dict[tuple[str, str], Action] = {}
    for row in csv.DictReader(text.splitlines()):
        action = Action(
            row["plan"],
            row["action_number"],
            _section(row["section"]),
            row["confidence"],
        )
        found.setdefault((action.plan, action.number), action)
    return found


def plan_for_year(year: int) -> ActionPlan | None:
    """The plan reports of `year` are read against; None before 2020 or after 2029."""
    for plan in PLANS:
        if plan.covers(year):
            return plan
    return None


def linked_actions(codes: list[str], plan: ActionPlan) -> list[Action]:
    links = LINKS.get(plan.code, {})
    table = actions()
    found = [
        table[(plan.code, links[c])]
        for c in codes
        if (plan.code, links.get(c, "")) in table
    ]
    return sorted(set(found), key=lambda a: (len(a.number), a.number))


def in_line_with(codes: list[str], year: int, language: str) -> str | None:
    """ "in line with Action #42 of the Oslo Action Plan", or the plan and section when
    an action number is not known with confidence; None when no plan covers the year."""
    plan = plan_for_year(year)
    if plan is None:
        return None
    linked = linked_actions(codes, plan)
    numbers = [a.printable_number for a in linked]
    of_plan = pick(plan.of_names, language)
    if linked and all(n is not None for n in numbers):
        return _numbered(
            sorted({n for n in numbers if n is not None}), of_plan, language
        )
    sections = [s for s in dict.fromkeys(a.section for a in linked) if s in SECTIONS]
    on = join([pick(SECTIONS[s], language) for s in sections], language)
    lead = {
        "en": "in line with the commitments",
        "fr": "conformément aux engagements",
        "es": "en consonancia con los compromisos",
    }
    tail = f" {on}" if on else ""
    if language == "fr":
        return f"{pick(lead, language)} {of_plan}{tail}"
    if language == "es":
        return f"{pick(lead, language)} {of_plan}{tail}"
    return f"{lead['en']} {of_plan}{tail}"


def _numbered(numbers: list[int], of_plan: str, language: str) -> str:
    if language == "fr":
        ref = join([f"n° {n}" for n in numbers], "fr")
        word = "à l'action" if len(numbers) == 1 else "aux actions"
        return f"conformément {word} {ref} {of_plan}"
    if language == "es":
        ref = join([f"n.º {n}" for n in numbers], "es")
        word = "la acción" if len(numbers) == 1 else "las acciones"
        return f"en consonancia con {word} {ref} {of_plan}"
    ref = join([f"#{n}" for n in numbers], "en")
    word = "Action" if len(numbers) == 1 else "Actions"
    return f"in line with {word} {ref} {of_plan}"
