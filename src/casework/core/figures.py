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
# The same alternation grouped by first character (order kept within each group), with the
# left boundary tested just after that character: every branch then starts with a literal,
# so the engine skips to places where one of those characters is, and tests one first
# character instead of every spelling there.
_BOUND_L = (
    r"(?<![\w$€£¥].)"  # the character before the currency is not a word or symbol
)
_CUR_BY_FIRST = "|".join(
    re.escape(first) + _BOUND_L + "(?:" + "|".join(rests) + ")"
    for first, rests in _BY_FIRST.items()
)
_BOUND_R = r"(?![\w])"
MONEY_PREFIX = re.compile(
    rf"(?P<cur>{_CUR_BY_FIRST})\s?(?P<num>{NUMBER})(?:\s?(?P<mult>{MULTIPLIER}))?{_BOUND_R}"
)
# MONEY_PREFIX needs a currency, at most one space, then a digit. Instead of trying it at
# every place, it is tried where a currency spelling ends just before a number (_prefixed).
# Spellings by their last character, for that test:
_BY_LAST: dict[str, list[str]] = {}
for _key in _LONGEST_FIRST:
    _BY_LAST.setdefault(_key[-1], []).append(_key)
# Numbers are found where a digit follows no digit, "." or ","; a spelling that ends with one
# of these can sit right before a digit that is not such a start: then the regex runs.
_ENDS_LIKE_A_NUMBER = tuple(k for k in _LONGEST_FIRST if k[-1] in ".,0123456789")
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
# What follows a number in MONEY_SUFFIX, AREA and MINES. Each pattern is NUMBER_HERE + its
# tail; extract_figures finds the numbers once and tries each tail where a number ends.
MONEY_TAIL = (
    rf"(?=[\s{_AFTER_NUM}])(?:\s?(?P<mult>{MULTIPLIER}))?\s?"
    rf"(?:d[e']\s?)?(?P<cur>{_CUR_BY_FIRST_I})(?![\w$])"
)
AREA_TAIL = (
    r"(?=[\skshm])(?:\s?(?P<mult>millions?|millones|mill[oó]n|million))?\s?"
    r"(?P<unit>km²|km2|km 2|sq\.? ?km|square kilomet(?:re|er)s?|kilomètres carrés|kilómetros cuadrados|"
    r"hectares?|hectáreas?|ha|m²|m2|sq\.? ?m|square met(?:re|er)s?|mètres carrés|metros cuadrados)(?![\w])"
)
MINES_TAIL = r"\s+(?:anti-?personnel\s+|AP\s+)?(?:mines|minas)\b"
MONEY_SUFFIX = re.compile(rf"(?P<num>{NUMBER_HERE}){MONEY_TAIL}", re.I)
AREA_UNITS: dict[str, float] = {"km": 1e6, "ha": 1e4, "m": 1.0}
AREA = re.compile(rf"(?P<num>{NUMBER_HERE}){AREA_TAIL}", re.I)
MINES = re.compile(rf"(?P<num>{NUMBER_HERE}){MINES_TAIL}", re.I)
# str.isdigit() also accepts ² and ³; \d is what NUMBER needs.
_DIGIT = re.compile(r"\d")
# 1950-2099 not inside a longer number; the look-behinds follow the first digit for speed.
YEAR = re.compile(r"(1(?<!\d1)9[5-9]\d|2(?<!\d2)0\d\d)(?!\d)")


def _folded(pattern: re.Pattern[str]) -> re.Pattern[str]:
    folded = lower_case(pattern)
    assert folded is not None
    return folded


# Run on View.folded (same offsets as the text); groups are read back from the text.
_NUMBER_F = re.compile(NUMBER_HERE)
_MONEY_TAIL_F, _AREA_TAIL_F, _MINES_TAIL_F = (
    _folded(re.compile(tail, re.I)) for tail in (MONEY_TAIL, AREA_TAIL, MINES_TAIL)
)
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


def _text_of(text: str, span: tuple[int, int]) -> str | None:
    return None if span[0] < 0 else text[span[0] : span[1]]


# A number and what follows it: a match of NUMBER_HERE + tail, found in two steps.
NumberAndTail = tuple[re.Match[str], re.Match[str]]


def after_numbers(
    folded: str, numbers: Sequence[re.Match[str]], tail: re.Pattern[str]
) -> list[NumberAndTail]:
    """What `(NUMBER_HERE)tail`.finditer(folded) finds, from the numbers found once.

    Exact for a tail that cannot start with a digit, a separator or a decimal mark (all
    three here): a shorter reading of a number then never fits, and neither does a reading
    starting inside one, which ends where the whole number ends.
    """
    found: list[NumberAndTail] = []
    resume = 0
    for number in numbers:
        if number.start() < resume:
            continue
        after = tail.match(folded, number.end())
        if after is not None:
            found.append((number, after))
            resume = after.end()
    return found


def prefix_matches(text: str, numbers: Sequence[re.Match[str]]) -> list[re.Match[str]]:
    """What MONEY_PREFIX.finditer(text) finds, trying it only where it can start.

    A match starts with a currency spelling that ends just before a number's first digit,
    or one white space before it; the regex runs from each such place, left to right.
    """
    for key in _ENDS_LIKE_A_NUMBER:
        if key in text:
            return list(
                MONEY_PREFIX.finditer(text)
            )  # "S/.5": 5 is not a number's start
    starts: set[int] = set()
    for number in numbers:
        digit = number.start()
        for end in (digit, digit - 1):
            if end <= 0 or (end < digit and not text[end].isspace()):
                continue
            for key in _BY_LAST.get(text[end - 1], ()):
                begin = end - len(key)
                if begin >= 0 and text.startswith(key, begin):
                    starts.add(begin)
    found: list[re.Match[str]] = []
    resume = 0
    for begin in sorted(starts):
        if begin < resume:
            continue
        match = MONEY_PREFIX.match(text, begin)
        if match is not None:
            found.append(match)
            resume = match.end()
    return found


def _money_in(
    view: View,
    language: str | None,
    donor: bool,
    numbers: Sequence[re.Match[str]],
) -> list[Money]:
    """Amounts in the passage: currency before the number, then currency after it."""
    passage, text = view.passage, view.text
    found: list[Money] = []
    taken: list[tuple[int, int]] = []
    role: MoneyRole | None = None
    spans = [
        (m.start(), m.end(), m.span("num"), m.span("mult"), m.span("cur"))
        for m in prefix_matches(text, numbers)
    ] + [
        (n.start(), t.end(), n.span(), t.span("mult"), t.span("cur"))
        for n, t in after_numbers(view.folded, numbers, _MONEY_TAIL_F)
    ]
    for start, end, num_span, mult_span, cur_span in spans:
        if any(start < e and s < end for s, e in taken):
            continue
        cur = text[cur_span[0] : cur_span[1]]
        currency = CURRENCY_SYMBOLS.get(cur) or _CURRENCY_FOLDED.get(cur.casefold())
        if not currency:
            continue
        mult = _text_of(text, mult_span)
        num = text[num_span[0] : num_span[1]]
        value = parse_number(num, language=language, scaled=bool(mult))
        taken.append((start, end))
        if role is None:
            role = money_role(view, donor=donor)  # one role per passage
        found.append(
            Money(
                amount=value * multiplier_value(mult),
                currency=currency,
                role=role,
                page=passage.page,
                text=text[start:end].strip(),
            )
        )
    return found


def _areas_in(
    view: View, language: str | None, numbers: Sequence[re.Match[str]]
) -> list[Area]:
    out: list[Area] = []
    text = view.text
    for number, tail in after_numbers(view.folded, numbers, _AREA_TAIL_F):
        unit = text[tail.start("unit") : tail.end("unit")].lower()
        factor = (
            AREA_UNITS["km"]
            if "k" in unit
            else AREA_UNITS["ha"]
            if unit.startswith(("h", "ha"))
            else 1.0
        )
        mult = _text_of(text, tail.span("mult"))
        num = text[number.start() : number.end()]
        value = parse_number(num, language=language, scaled=bool(mult))
        out.append(
            Area(
                value_m2=value * multiplier_value(mult) * factor,
                page=view.passage.page,
                text=text[number.start() : tail.end()],
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
            numbers = list(_NUMBER_F.finditer(view.folded, digit.start()))
            money.extend(_money_in(view, language, donor, numbers))
            areas.extend(_areas_in(view, language, numbers))
            mine_counts = (
                after_numbers(view.folded, numbers, _MINES_TAIL_F)
                if view.mask & _MINE_WORD.bit
                else ()
            )
            for number, tail in mine_counts:
                mines.append(
                    (
                        int(
                            parse_number(
                                text[number.start() : number.end()], language=language
                            )
                        ),
                        passage.page,
                        text[number.start() : tail.end()],
                    )
                )
            if "19" in text or "20" in text:  # how every YEAR match starts
                years.update(map(int, YEAR.findall(text, digit.start())))
        for mention in view.states:
            states.setdefault(mention.code, None)
    return Figures(
        money=tuple(money),
        areas=tuple(areas),
        mine_counts=tuple(mines),
        years=tuple(sorted(years)),
        states=tuple(states),
    )
