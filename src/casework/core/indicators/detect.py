"""Apply the rules to passages, from the viewpoint of the State concerned."""

from __future__ import annotations

import logging
import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from casework.core.indicators import CODES
from casework.core.indicators.rules import RULES, Rule
from casework.core.indicators.viewpoint import funded_by_state, gives_here
from casework.core.model import Evidence, Finding, Passage, PassageKind
from casework.core.state_names import find_states

logger = logging.getLogger(__name__)

MAX_EVIDENCE = 3
THRESHOLD = 0.5

# A passage about the world at large, not about the State's own implementation.
GLOBAL = re.compile(
    r"\b(?:worldwide|globally|global (?:funding|support|trends?|level)|around the world|many (?:countries|States|donors)|"
    r"affected States|States Parties|the international community|several donors|"
    r"dans le monde|à l'[ée]chelle mondiale|de nombreux (?:pays|[ÉE]tats|donateurs)|les [ÉE]tats parties|[ÉE]tats touch[ée]s|"
    r"a nivel mundial|en el mundo|muchos pa[ií]ses|los Estados Partes|Estados afectados)\b",
    re.I,
)
SELF = re.compile(
    r"\b(?:the Government|our (?:country|Government)|we|national|nous|notre pays|le Gouvernement|"
    r"nuestro pa[ií]s|el Gobierno|nacional|nationale?)\b",
    re.I,
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


@dataclass(frozen=True, slots=True)
class Hit:
    """A rule that fired on a passage."""

    rule: Rule
    passage: Passage


def _mentions(passage: Passage, state: str) -> bool:
    return any(m.code == state for m in find_states(passage.text))


def _is_background(passage: Passage, state: str) -> bool:
    return (
        bool(GLOBAL.search(passage.text))
        and not _mentions(passage, state)
        and not SELF.search(passage.text)
    )


def _candidate_rules(text: str, rules: Sequence[Rule]) -> list[Rule]:
    return [r for r in rules if r.pattern.search(text)]


def find_hits(passages: Sequence[Passage], *, state: str, donor: bool) -> list[Hit]:
    """Every rule hit on an eligible passage (no headings, contents lines or background)."""
    rules = [r for r in RULES if not donor or r.code in DONOR_ONLY]
    hits: list[Hit] = []
    for passage in passages:
        if passage.kind not in (PassageKind.SENTENCE, PassageKind.TABLE_ROW):
            continue
        text = passage.text
        if len(text) < 25 or _is_background(passage, state):
            continue
        lowered = text.lower()
        for rule in _candidate_rules(lowered, rules):
            if passage.kind is PassageKind.TABLE_ROW and not rule.tables:
                continue
            if rule.also is not None and not rule.also.search(lowered):
                continue
            if rule.unless is not None and rule.unless.search(lowered):
                continue
            if rule.code == "assistance_provided" and not (
                donor or gives_here(passage, state)
            ):
                continue
            if rule.code == "assistance_received" and funded_by_state(passage, state):
                continue
            if rule.other_state and not any(m.code != state for m in find_states(text)):
                continue
            hits.append(Hit(rule, passage))
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
