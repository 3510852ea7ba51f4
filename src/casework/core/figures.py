"""Figures: money with ISO currency and role, areas in m², mine counts, years, States."""

from __future__ import annotations

import re
from collections.abc import Sequence

from casework.core.gate import Gate, View, lower_case, views
from casework.core.model import Area, Figures, Money, MoneyRole, Passage, PassageKind
from casework.core.numbers import (
    MULTIPLIER,
    NUMBER,
    NUMBER_HERE,
    multiplier_value,
    parse_number,
)

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
_LONGEST_FIRST = sorted(CURRENCY_SYMBOLS, key=len, reverse=True)
_CUR = "|".join(re.escape(k) for k in _LONGEST_FIRST)
_BY_FIRST: dict[str, list[str]] = {}
for _key in _LONGEST_FIRST:
    _BY_FIRST.setdefault(_key[0], []).append(re.escape(_key[1:]))
# The same alternation grouped by first character (order kept within each group): the
# engine tests one first character instead of every spelling at each place.
_CUR_BY_FIRST = "|".join(
    re.escape(first) + "(?:" + "|".join(rests) + ")"
    for first, rests in _BY_FIRST.items()
)
_BOUND_L = r"(?<![\w$€£¥])"
_BOUND_R = r"(?![\w])"
MONEY_PREFIX = re.compile(
    rf"{_BOUND_L}(?P<cur>{_CUR_BY_FIRST})\s?(?P<num>{NUMBER})(?:\s?(?P<mult>{MULTIPLIER}))?{_BOUND_R}"
)
# MONEY_PREFIX needs a currency, at most one space, then a digit. Read backwards, that is a
# digit first, which the engine finds fast: a cheap test on the reversed passage.
# Only whether it matches counts, so the spellings may be grouped by their last character.
_BY_LAST: dict[str, list[str]] = {}
for _key in _LONGEST_FIRST:
    _BY_LAST.setdefault(_key[-1], []).append(re.escape(_key[-2::-1]))
_CURRENCY_THEN_DIGIT_REVERSED = re.compile(
    r"\d\s?(?:"
    + "|".join(
        re.escape(last) + "(?:" + "|".join(rests) + ")"
        for last, rests in _BY_LAST.items()
    )
    + ")"
)
# The same alternation grouped by lower-cased first character, for case-insensitive use.
_BY_FIRST_I: dict[str, list[str]] = {}
for _key in _LONGEST_FIRST:
    _BY_FIRST_I.setdefault(_key[0].lower(), []).append(re.escape(_key[1:]))
_CUR_BY_FIRST_I = "|".join(
    re.escape(first) + "(?:" + "|".join(rests) + ")"
    for first, rests in _BY_FIRST_I.items()
)
# What may follow a number in MONEY_SUFFIX: a space, a multiplier, "d'"/"de" or a currency.
# The look-ahead is implied by the rest of the pattern; it stops the engine from trying the
# currencies after every shorter reading of a number (each digit group, each digit).
_AFTER_NUM = "".join(
    sorted({re.escape(k[0].lower()) for k in _LONGEST_FIRST} | set("mbtkd"))
)
MONEY_SUFFIX = re.compile(
    rf"(?P<num>{NUMBER_HERE})(?=[\s{_AFTER_NUM}])(?:\s?(?P<mult>{MULTIPLIER}))?\s?"
    rf"(?:d[e']\s?)?(?P<cur>{_CUR_BY_FIRST_I})(?![\w$])",
    re.I,
)
AREA_UNITS: dict[str, float] = {"km": 1e6, "ha": 1e4, "m": 1.0}
AREA = re.compile(
    rf"(?P<num>{NUMBER_HERE})(?=[\skshm])(?:\s?(?P<mult>millions?|millones|mill[oó]n|million))?\s?"
    r"(?P<unit>km²|km2|km 2|sq\.? ?km|square kilomet(?:re|er)s?|kilomètres carrés|kilómetros cuadrados|"
    r"hectares?|hectáreas?|ha|m²|m2|sq\.? ?m|square met(?:re|er)s?|mètres carrés|metros cuadrados)(?![\w])",
    re.I,
)
MINES = re.compile(
    rf"(?P<num>{NUMBER_HERE})\s+(?:anti-?personnel\s+|AP\s+)?(?:mines|minas)\b",
    re.I,
)
# str.isdigit() also accepts ² and ³; \d is what NUMBER needs.
_DIGIT = re.compile(r"\d")
# 1950-2099 not inside a longer number; the look-behinds follow the first digit for speed.
YEAR = re.compile(r"(1(?<!\d1)9[5-9]\d|2(?<!\d2)0\d\d)(?!\d)")


def _folded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    folded = lower_case(pattern)
    assert folded is not None
    return folded


# Run on View.folded (same offsets as the text); groups are read back from the text.
_MONEY_SUFFIX_F, _AREA_F, _MINES_F = map(_folded, (MONEY_SUFFIX, AREA, MINES))
# MINES needs the whole word "mines" or "minas" after a space: skip passages without it.
_MINE_WORD = Gate(re.compile(r"\b(?:mines|minas)\b"))

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


_ROLE_GATES = tuple((role, Gate(cue)) for role, cue in ROLE_CUES)


def money_role(context: str | View, *, donor: bool) -> MoneyRole:
    """Role of an amount from the State's viewpoint, from cue words in its passage."""
    view = (
        context
        if isinstance(context, View)
        else View(Passage(0, 0, 0, context, PassageKind.SENTENCE))
    )
    for role, cue in _ROLE_GATES:
        if cue.search(view):
            if role is MoneyRole.RECEIVED and donor:
                return MoneyRole.PROVIDED
            return role
    return MoneyRole.PROVIDED if donor else MoneyRole.OTHER


_CURRENCY_FOLDED = {k.casefold(): v for k, v in CURRENCY_SYMBOLS.items()}


def _group(text: str, m: re.Match[str], name: str) -> str | None:
    start, end = m.span(name)
    return None if start < 0 else text[start:end]


# A MONEY_PREFIX match starts at most this far before its first digit (currency, space).
_CUR_REACH = max(map(len, CURRENCY_SYMBOLS)) + 1


def _money_in(
    view: View, language: str | None, donor: bool, first_digit: int = 0
) -> list[Money]:
    """Amounts in the passage; no match can start before `first_digit - _CUR_REACH`."""
    passage, text = view.passage, view.text
    start = max(0, first_digit - _CUR_REACH)  # look-behinds still see the text before
    found: list[Money] = []
    taken: list[tuple[int, int]] = []
    role: MoneyRole | None = None
    prefixed = _CURRENCY_THEN_DIGIT_REVERSED.search(text[::-1]) is not None
    for pattern, subject in ((MONEY_PREFIX, text), (_MONEY_SUFFIX_F, view.folded)):
        if pattern is MONEY_PREFIX and not prefixed:
            continue
        for m in pattern.finditer(subject, start):
            if any(m.start() < e and s < m.end() for s, e in taken):
                continue
            cur = text[m.start("cur") : m.end("cur")]
            currency = CURRENCY_SYMBOLS.get(cur) or _CURRENCY_FOLDED.get(cur.casefold())
            if not currency:
                continue
            mult = _group(text, m, "mult")
            num = text[m.start("num") : m.end("num")]
            value = parse_number(num, language=language, scaled=bool(mult))
            taken.append((m.start(), m.end()))
            if role is None:
                role = money_role(view, donor=donor)  # one role per passage
            found.append(
                Money(
                    amount=value * multiplier_value(mult),
                    currency=currency,
                    role=role,
                    page=passage.page,
                    text=text[m.start() : m.end()].strip(),
                )
            )
    return found


def _areas_in(view: View, language: str | None) -> list[Area]:
    out: list[Area] = []
    text = view.text
    for m in _AREA_F.finditer(view.folded):
        unit = text[m.start("unit") : m.end("unit")].lower()
        factor = (
            AREA_UNITS["km"]
            if "k" in unit
            else AREA_UNITS["ha"]
            if unit.startswith(("h", "ha"))
            else 1.0
        )
        mult = _group(text, m, "mult")
        num = text[m.start("num") : m.end("num")]
        value = parse_number(num, language=language, scaled=bool(mult))
        out.append(
            Area(
                value_m2=value * multiplier_value(mult) * factor,
                page=view.passage.page,
                text=text[m.start() : m.end()],
            )
        )
    return out


def extract_figures(
    passages: Sequence[Passage],
    *,
    language: str | None,
    donor: bool,
    passage_views: Sequence[View] | None = None,
) -> Figures:
    """Money, areas, mine counts, years and States found in the passages."""
    money: list[Money] = []
    areas: list[Area] = []
    mines: list[tuple[int, int, str]] = []
    years: set[int] = set()
    states: dict[str, None] = {}
    for view in passage_views if passage_views is not None else views(passages):
        passage = view.passage
        if passage.kind is PassageKind.TOC:
            continue
        text = view.text
        digit = _DIGIT.search(text)
        if digit:
            money.extend(_money_in(view, language, donor, digit.start()))
            areas.extend(_areas_in(view, language))
            mine_matches = (
                _MINES_F.finditer(view.folded) if view.mask & _MINE_WORD.bit else ()
            )
            for m in mine_matches:
                num = text[m.start("num") : m.end("num")]
                mines.append(
                    (
                        int(parse_number(num, language=language)),
                        passage.page,
                        text[m.start() : m.end()],
                    )
                )
            years.update(int(y) for y in YEAR.findall(text))
        for mention in view.states:
            states.setdefault(mention.code, None)
    return Figures(
        money=tuple(money),
        areas=tuple(areas),
        mine_counts=tuple(mines),
        years=tuple(sorted(years)),
        states=tuple(states),
    )
