"""Apply the rules to passages, from the viewpoint of the State concerned."""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from casework.core.gate import Gate, View, alternatives, views
from casework.core.indicators import CODES
from casework.core.indicators.rules import RULES, Rule
from casework.core.indicators.viewpoint import funded_by_state, given_to, gives_here
from casework.core.model import Evidence, Finding, Passage, PassageKind

logger = logging.getLogger(__name__)

MAX_EVIDENCE = 3
THRESHOLD = 0.5

# A passage about the world at large, not about the State's own implementation.
GLOBAL = Gate(
    re.compile(
        r"\b(?:worldwide|globally|global (?:funding|support|trends?|level)|around the world|many (?:countries|States)|"
        r"affected States|States Parties|the international community|"
        r"dans le monde|à l'[ée]chelle mondiale|de nombreux (?:pays|[ÉE]tats)|les [ÉE]tats parties|[ÉE]tats touch[ée]s|"
        r"a nivel mundial|en el mundo|muchos pa[ií]ses|los Estados Partes|Estados afectados)\b",
        re.I,
    )
)
SELF = Gate(
    re.compile(
        r"\b(?:the Government|our (?:country|Government)|we|national|nous|notre pays|le Gouvernement|"
        r"nuestro pa[ií]s|el Gobierno|nacional|nationale?)\b",
        re.I,
    )
)
# Each rule's pattern behind its prefilter, in RULES order.
_GATED: tuple[tuple[Rule, Gate], ...] = tuple(
    (r, Gate(r.pattern, lower=True)) for r in RULES
)
# From a donor's viewpoint the recipients' needs, budgets and plans are not its own.
DONOR_ONLY = frozenset(
    {
        "assistance_provided",
        "innovative_financing",
        "gender_diversity",
        "knowledge_exchange",
    }
)
_RULES_BY_BIT: dict[int, Rule] = {g.bit: r for r, g in _GATED}
_BITS: dict[int, int] = {g.bit: g.bits for _r, g in _GATED}
_ALSO: dict[str, tuple[re.Pattern[str], ...]] = {
    r.id: alternatives(r.also) for r in RULES if r.also is not None
}
_DONOR_RULES = {b: r for b, r in _RULES_BY_BIT.items() if r.code in DONOR_ONLY}
_ALL_MASK = sum(_RULES_BY_BIT)
_DONOR_MASK = sum(_DONOR_RULES)
# Each indicator's rule bits and its highest rule weight.
_CODE_BITS: dict[str, int] = defaultdict(int)
_TOP_WEIGHT: dict[str, float] = defaultdict(float)
for _bit, _rule in _RULES_BY_BIT.items():
    _CODE_BITS[_rule.code] |= _bit
    _TOP_WEIGHT[_rule.code] = max(_TOP_WEIGHT[_rule.code], _rule.weight)
# score_hits rounds to 3 places: below this, 1 - missing rounds to 1.0 whatever comes next.
_SETTLED_MISSING = 0.0004


class _Settled:
    """Which indicators later passages can no longer change.

    An indicator is settled when its score already rounds to 1.0 and it holds MAX_EVIDENCE
    prose passages with its top rule weight: score_hits ranks evidence by weight, then
    prose before table rows, then position, so a later passage could only rank after them.
    Skipping its rules from then on gives exactly the findings of running them everywhere.
    """

    def __init__(self) -> None:
        self.missing: dict[str, float] = defaultdict(lambda: 1.0)
        self.top: dict[str, int] = defaultdict(int)

    def add(self, passage_hits: dict[str, float], kind: PassageKind) -> int:
        """Record one passage's best weight per indicator; the rule bits now settled."""
        settled = 0
        for code, weight in passage_hits.items():
            missing = self.missing[code] = self.missing[code] * (1.0 - weight)
            if kind is PassageKind.SENTENCE and weight >= _TOP_WEIGHT[code]:
                self.top[code] += 1
            if missing < _SETTLED_MISSING and self.top[code] >= MAX_EVIDENCE:
                settled |= _CODE_BITS[code]
        return settled


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that fired on a passage."""

    rule: Rule
    passage: Passage


def is_background(view: View, state: str) -> bool:
    """A passage about the world at large that does not name the State or speak for it."""
    return (
        GLOBAL.search(view) is not None
        and not any(m.code == state for m in view.states)
        and SELF.search(view) is None
    )


def find_hits(
    passages: Sequence[Passage],
    *,
    state: str,
    donor: bool,
    passage_views: Sequence[View] | None = None,
    settle: bool = True,
    giving: AbstractSet[tuple[int, int]] = frozenset(),
) -> list[Hit]:
    """Rule hits on eligible passages (no headings, contents lines or background).

    `giving`: (page, start) of passages in which the State gives support abroad, beyond
    those the viewpoint rules find (see decide.giving_passages): there it gives, and
    support named in them is not support it received.

    With `settle`, an indicator whose findings can no longer change stops being looked for
    (see _Settled): score_hits gives the same findings as with every hit.
    """
    by_bit = _DONOR_RULES if donor else _RULES_BY_BIT
    any_rule = _DONOR_MASK if donor else _ALL_MASK
    hits: list[Hit] = []
    settled = _Settled()
    for view in passage_views if passage_views is not None else views(passages):
        passage = view.passage
        kind = passage.kind
        if kind is not PassageKind.SENTENCE and kind is not PassageKind.TABLE_ROW:
            continue
        if len(view.text) < 25:
            continue
        candidates = view.mask & any_rule
        if not candidates or is_background(view, state):
            continue
        lowered = view.lower
        found: dict[str, float] = {}
        while candidates:  # lowest bit first: rules in RULES order
            bit = candidates & -candidates
            candidates ^= bit
            rule = by_bit[bit]
            if kind is PassageKind.TABLE_ROW and not rule.tables:
                continue
            if view.mask & _BITS[bit] != _BITS[bit]:
                continue  # the rule's second key words are missing: it cannot match
            if not rule.pattern.search(lowered):
                continue
            if rule.also is not None and not any(
                p.search(lowered) for p in _ALSO[rule.id]
            ):
                continue
            if rule.unless is not None and rule.unless.search(lowered):
                continue
            if rule.code == "assistance_provided" and not (
                donor
                or (passage.page, passage.start) in giving
                or gives_here(passage, state, view)
            ):
                continue
            if rule.code == "assistance_received" and (
                (passage.page, passage.start) in giving
                or funded_by_state(passage, state, view)
                or gives_here(passage, state, view)
            ):
                continue
            if rule.other_state and not any(m.code != state for m in view.states):
                continue
            if rule.to_state and not given_to(view, state):
                continue
            hits.append(Hit(rule, passage))
            found[rule.code] = max(found.get(rule.code, 0.0), rule.weight)
        if found and settle:
            any_rule &= ~settled.add(found, kind)
    return hits


def score_hits(hits: Sequence[Hit]) -> list[Finding]:
    """Combine hits per indicator: score = 1 - prod(1 - weight), best passages as evidence."""
    by_code: dict[str, list[Hit]] = defaultdict(list)
    for hit in hits:
        by_code[hit.rule.code].append(hit)
    findings: list[Finding] = []
    for code in CODES:
        code_hits = by_code.get(code, [])
        best: dict[tuple[int, int], Hit] = {}
        for hit in code_hits:
            key = (hit.passage.page, hit.passage.start)
            if key not in best or hit.rule.weight > best[key].rule.weight:
                best[key] = hit
        ranked = sorted(
            best.values(),
            key=lambda h: (
                -h.rule.weight,
                h.passage.kind is PassageKind.TABLE_ROW,
                h.passage.page,
                h.passage.start,
            ),
        )
        missing = 1.0
        for hit in ranked:
            missing *= 1.0 - hit.rule.weight
        score = round(1.0 - missing, 3)
        present = score >= THRESHOLD
        evidence = (
            tuple(
                Evidence(page=h.passage.page, text=h.passage.text, rule=h.rule.id)
                for h in ranked[:MAX_EVIDENCE]
            )
            if present
            else ()
        )
        findings.append(
            Finding(code=code, present=present, score=score, evidence=evidence)
        )
    return findings
