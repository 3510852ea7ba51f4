"""The treaty Casework serves, as a value: its names, articles, obligations, report forms
and deadlines. A second treaty (the Convention on Cluster Munitions, say) is another
`Treaty(...)` value, not new code.
"""

from __future__ import annotations

import csv
import datetime as dt
import functools
from dataclasses import dataclass, field
from importlib import resources
from typing import Final

from casework.domain.languages import pick


@dataclass(frozen=True, slots=True)
class ReportForm:
    code: str  # "A" .. "J", "COVER"
    title: str
    covers: str
    status: str  # "mandatory", "voluntary", ...
    legal_basis: str


@dataclass(frozen=True, slots=True)
class Obligation:
    article: int
    code: str  # "stockpile_destruction", "clearance", "transparency"
    years_after_entry_into_force: int | None  # None: yearly or standing


@dataclass(frozen=True, slots=True)
class Treaty:
    code: str
    names: dict[str, str]
    short_names: dict[str, str]
    articles: dict[int, dict[str, str]]  # number -> title per language
    obligations: tuple[Obligation, ...]
    # The yearly transparency report is due on this (month, day), covering the year before.
    report_due: tuple[int, int]
    report_article: int
    forms_file: str = ""
    meeting_symbol: str = ""  # prefix of meeting documents: "APLC/MSP"
    action_plan_codes: tuple[str, ...] = field(default=())
    # The day the treaty itself entered into force: nobody was a party before.
    in_force_since: dt.date | None = None
    # Days after a State's entry into force within which its initial report is due.
    initial_report_days: int | None = None

    def name(self, language: str) -> str:
        return pick(self.names, language)

    def short_name(self, language: str) -> str:
        return pick(self.short_names, language)

    def article_title(self, number: int, language: str) -> str:
        return pick(self.articles[number], language)

    def report_deadline(self, year: int) -> dt.date:
        """When the report covering `year - 1` is due: 30 April `year` for the APMBC."""
        month, day = self.report_due
        return dt.date(year, month, day)

    def deadline(self, code: str, entry_into_force: dt.date) -> dt.date | None:
        """The original deadline of an obligation counted from entry into force."""
        for obligation in self.obligations:
            if obligation.code == code and obligation.years_after_entry_into_force:
                years = obligation.years_after_entry_into_force
                try:
                    return entry_into_force.replace(year=entry_into_force.year + years)
                except ValueError:  # 29 February
                    return entry_into_force.replace(
                        year=entry_into_force.year + years, day=28
                    )
        return None

    def initial_report_due(self, entry_into_force: dt.date) -> dt.date | None:
        """When a State's initial report is due (Article 7.1: 180 days after entry into force)."""
        if self.initial_report_days is None:
            return None
        return entry_into_force + dt.timedelta(days=self.initial_report_days)

    def is_party(
        self,
        day: dt.date,
        *,
        entry_into_force: dt.date | None,
        withdrawal_effective: dt.date | None = None,
    ) -> bool | None:
        """Whether a State was bound by the treaty on `day`; None when the dates don't say.

        Bound from its entry into force (never before the treaty's own) until the day
        before its withdrawal takes effect.
        """
        if withdrawal_effective is not None and day >= withdrawal_effective:
            return False
        if self.in_force_since is not None and day < self.in_force_since:
            return False
        if entry_into_force is None:
            return None
        return day >= entry_into_force

    def report_forms(self) -> tuple[ReportForm, ...]:
        return _forms(self.forms_file) if self.forms_file else ()

    def entry_into_force(self, consent: dt.date) -> dt.date:
        """Article 17: the first day of the sixth month after consent is deposited."""
        month = consent.month + 6
        year = consent.year + (month - 1) // 12
        month = (month - 1) % 12 + 1
        return dt.date(year, month, 1)


@functools.cache
def _forms(filename: str) -> tuple[ReportForm, ...]:
    text = (
        resources.files("casework.domain")
        .joinpath(f"data/{filename}")
        .read_text("utf-8")
    )
    return tuple(
        ReportForm(
            r["form_code"], r["title"], r["covers"], r["status"], r["legal_basis"]
        )
        for r in csv.DictReader(text.splitlines())
    )


APMBC: Final = Treaty(
    code="APMBC",
    names={
        "en": "Convention on the Prohibition of the Use, Stockpiling, Production and "
        "Transfer of Anti-Personnel Mines and on their Destruction",
        "fr": "Convention sur l'interdiction de l'emploi, du stockage, de la production et "
        "du transfert des mines antipersonnel et sur leur destruction",
        "es": "Convención sobre la Prohibición del Empleo, Almacenamiento, Producción y "
        "Transferencia de Minas Antipersonal y sobre su Destrucción",
    },
    short_names={
        "en": "the Anti-Personnel Mine Ban Convention",
        "fr": "la Convention sur l'interdiction des mines antipersonnel",
        "es": "la Convención sobre la Prohibición de las Minas Antipersonal",
    },
    articles={
        4: {
            "en": "Destruction of stockpiled anti-personnel mines",
            "fr": "Destruction des stocks de mines antipersonnel",
            "es": "Destrucción de las existencias de minas antipersonal",
        },
        5: {
            "en": "Destruction of anti-personnel mines in mined areas",
            "fr": "Destruction des mines antipersonnel dans les zones minées",
            "es": "Destrucción de minas antipersonal colocadas en las zonas minadas",
        },
        6: {
            "en": "International cooperation and assistance",
            "fr": "Coopération et assistance internationales",
            "es": "Cooperación y asistencia internacionales",
        },
        7: {
            "en": "Transparency measures",
            "fr": "Mesures de transparence",
            "es": "Medidas de transparencia",
        },
        8: {
            "en": "Facilitation and clarification of compliance",
            "fr": "Aide et éclaircissements au sujet du respect des dispositions",
            "es": "Facilitación y aclaración de cumplimiento",
        },
        9: {
            "en": "National implementation measures",
            "fr": "Mesures d'application nationales",
            "es": "Medidas de aplicación a nivel nacional",
        },
    },
    obligations=(
        Obligation(4, "stockpile_destruction", 4),
        Obligation(5, "clearance", 10),
        Obligation(7, "transparency", None),
    ),
    report_due=(4, 30),
    report_article=7,
    forms_file="reporting_forms.csv",
    meeting_symbol="APLC/MSP",
    action_plan_codes=("OAP_2020_2024", "SRAAP_2025_2029"),
    in_force_since=dt.date(1999, 3, 1),
    initial_report_days=180,
)

TREATY: Final = APMBC
