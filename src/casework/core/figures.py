"""Figures: money with ISO currency and role, areas in m², mine counts, years, States."""

from __future__ import annotations

import re
from collections.abc import Sequence

from casework.core.model import Area, Figures, Money, MoneyRole, Passage, PassageKind
from casework.core.numbers import MULTIPLIER, NUMBER, multiplier_value, parse_number
from casework.core.state_names import find_states

# Longest spellings first so "$ CA" wins over "$".
CURRENCY_SYMBOLS: dict[str, str] = {
    "US$": "USD",
    "U.S.$": "USD",
    "USD": "USD",
    "$ US": "USD",
    "$US": "USD",
    "$ EE.UU.": "USD",
    "dollars des États-Unis": "USD",
    "dollars américains": "USD",
    "dólares estadounidenses": "USD",
    "dólares": "USD",
    "dollars": "USD",
    "EUR": "EUR",
    "€": "EUR",
    "euros": "EUR",
    "euro": "EUR",
    "GBP": "GBP",
    "£": "GBP",
    "livres sterling": "GBP",
    "libras esterlinas": "GBP",
    "pounds": "GBP",
    "CHF": "CHF",
    "francs suisses": "CHF",
    "francos suizos": "CHF",
    "Swiss francs": "CHF",
    "JPY": "JPY",
    "¥": "JPY",
    "yen": "JPY",
    "yens": "JPY",
    "NOK": "NOK",
    "couronnes norvégiennes": "NOK",
    "coronas noruegas": "NOK",
    "Norwegian kroner": "NOK",
    "SEK": "SEK",
    "DKK": "DKK",
    "CAD": "CAD",
    "C$": "CAD",
    "CA$": "CAD",
    "$ CA": "CAD",
    "$CA": "CAD",
    "dollars canadiens": "CAD",
    "AUD": "AUD",
    "A$": "AUD",
    "$ A": "AUD",
    "NZD": "NZD",
    "XOF": "XOF",
    "FCFA": "XOF",
    "F CFA": "XOF",
    "francs CFA": "XOF",
    "XAF": "XAF",
    "COP": "COP",
    "pesos colombianos": "COP",
    "LKR": "LKR",
    "MRU": "MRU",
    "ouguiyas": "MRU",
    "PEN": "PEN",
    "S/.": "PEN",
    "S/": "PEN",
    "soles": "PEN",
    "TJS": "TJS",
    "UAH": "UAH",
    "BAM": "BAM",
    "ERN": "ERN",
    "nakfa": "ERN",
    "AOA": "AOA",
    "Kz": "AOA",
    "kwanzas": "AOA",
    "ETB": "ETB",
    "birr": "ETB",
    "CDF": "CDF",
    "francs congolais": "CDF",
    "DZD": "DZD",
    "dinars algériens": "DZD",
    "MXN": "MXN",
    "pesos mexicanos": "MXN",
    "CLP": "CLP",
    "USD$": "USD",
    "$": "USD",
}
_CUR = "|".join(re.escape(k) for k in sorted(CURRENCY_SYMBOLS, key=len, reverse=True))
_BOUND_L = r"(?<![\w$€£¥])"
_BOUND_R = r"(?![\w])"
MONEY_PREFIX = re.compile(
    rf"{_BOUND_L}(?P<cur>{_CUR})\s?(?P<num>{NUMBER})(?:\s?(?P<mult>{MULTIPLIER}))?{_BOUND_R}"
)
MONEY_SUFFIX = re.compile(
    rf"(?<![\d.,])(?P<num>{NUMBER})(?:\s?(?P<mult>{MULTIPLIER}))?\s?(?:d[e']\s?)?(?P<cur>{_CUR})(?![\w$])",
    re.I,
)
AREA_UNITS: dict[str, float] = {"km": 1e6, "ha": 1e4, "m": 1.0}
AREA = re.compile(
    rf"(?<![\d.,])(?P<num>{NUMBER})(?:\s?(?P<mult>millions?|millones|mill[oó]n|million))?\s?"
    r"(?P<unit>km²|km2|km 2|sq\.? ?km|square kilomet(?:re|er)s?|kilomètres carrés|kilómetros cuadrados|"
    r"hectares?|hectáreas?|ha|m²|m2|sq\.? ?m|square met(?:re|er)s?|mètres carrés|metros cuadrados)(?![\w])",
    re.I,
)
MINES = re.compile(
    rf"(?<![\d.,])(?P<num>{NUMBER})\s+(?:anti-?personnel\s+|AP\s+)?(?:mines|minas)\b",
    re.I,
)
YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")

ROLE_CUES: tuple[tuple[MoneyRole, re.Pattern[str]], ...] = (
    (
        MoneyRole.NEEDED,
        re.compile(
            r"\b(?:need|needs|needed|require[sd]?|requirement|gap|shortfall|deficit|unfunded|shortage|"
            r"estimated (?:cost|budget)|will cost|cost of the plan|to be mobili[sz]ed|seeks?|"
            r"besoins?|requis|nécessaires?|manque|déficit|budgétisé|sollicite|à mobiliser|"
            r"necesita|necesidades?|requiere|requeridos?|brecha|faltante|déficit|costo total|solicita)\b",
            re.I,
        ),
    ),
    (
        MoneyRole.NATIONAL,
        re.compile(
            r"\b(?:national budget|government (?:budget|funding|allocated|contributed|funds)|own resources|"
            r"state budget|budget national|budget de l'[ÉE]tat|fonds propres|à la charge de l'[ÉE]tat|"
            r"presupuesto (?:nacional|general)|recursos propios|aporte nacional|del Estado)\b",
            re.I,
        ),
    ),
    (
        MoneyRole.RECEIVED,
        re.compile(
            r"\b(?:received|receives|funded by|financed by|with (?:the )?support (?:of|from)|grant from|"
            r"donors?|pledged|reçu|financé par|grâce à|appui de|don de|bailleurs?|recibió|recibido|"
            r"financiado por|con el apoyo de|donantes?|cooperación internacional)\b",
            re.I,
        ),
    ),
)


def money_role(context: str, *, donor: bool) -> MoneyRole:
    """Role of an amount from the State's viewpoint, from cue words in its passage."""
    for role, cue in ROLE_CUES:
        if cue.search(context):
            if role is MoneyRole.RECEIVED and donor:
                return MoneyRole.PROVIDED
            return role
    return MoneyRole.PROVIDED if donor else MoneyRole.OTHER


_CURRENCY_FOLDED = {k.casefold(): v for k, v in CURRENCY_SYMBOLS.items()}


def _money_in(passage: Passage, language: str | None, donor: bool) -> list[Money]:
    text = passage.text
    found: list[Money] = []
    taken: list[tuple[int, int]] = []
    for pattern in (MONEY_PREFIX, MONEY_SUFFIX):
        for m in pattern.finditer(text):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            currency = CURRENCY_SYMBOLS.get(m.group("cur")) or _CURRENCY_FOLDED.get(
                m.group("cur").casefold()
            )
            if not currency:
                continue
            mult = m.group("mult")
            value = parse_number(m.group("num"), language=language, scaled=bool(mult))
            taken.append((m.start(), m.end()))
            found.append(
                Money(
                    amount=value * multiplier_value(mult),
                    currency=currency,
                    role=money_role(text, donor=donor),
                    page=passage.page,
                    text=m.group(0).strip(),
                )
            )
    return found


def _areas_in(passage: Passage, language: str | None) -> list[Area]:
    out: list[Area] = []
    for m in AREA.finditer(passage.text):
        unit = m.group("unit").lower()
        factor = (
            AREA_UNITS["km"]
            if "k" in unit
            else AREA_UNITS["ha"]
            if unit.startswith(("h", "ha"))
            else 1.0
        )
        mult = m.group("mult")
        value = parse_number(m.group("num"), language=language, scaled=bool(mult))
        out.append(
            Area(
                value_m2=value * multiplier_value(mult) * factor,
                page=passage.page,
                text=m.group(0),
            )
        )
    return out


def extract_figures(
    passages: Sequence[Passage], *, language: str | None, donor: bool
) -> Figures:
    """Money, areas, mine counts, years and States found in the passages."""
    money: list[Money] = []
    areas: list[Area] = []
    mines: list[tuple[int, int, str]] = []
    years: set[int] = set()
    states: dict[str, None] = {}
    for passage in passages:
        if passage.kind is PassageKind.TOC:
            continue
        text = passage.text
        if any(ch.isdigit() for ch in text):
            money.extend(_money_in(passage, language, donor))
            areas.extend(_areas_in(passage, language))
            for m in MINES.finditer(text):
                mines.append(
                    (
                        int(parse_number(m.group("num"), language=language)),
                        passage.page,
                        m.group(0),
                    )
                )
            years.update(int(y) for y in YEAR.findall(text))
        for mention in find_states(text):
            states.setdefault(mention.code, None)
    return Figures(
        money=tuple(money),
        areas=tuple(areas),
        mine_counts=tuple(mines),
        years=tuple(sorted(years)),
        states=tuple(states),
    )
