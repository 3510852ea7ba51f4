"""One decision per indicator: the rules' finding, with the learned reader's recall added.

The rules keep their precision and their evidence; the learned reader adds an indicator the
rules missed when one eligible passage scores at or above that indicator's threshold, and
adds its best passages as evidence after the rules' own. Every evidence item says what
found it: a rule id, or the model's name and version with the passage's probability.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from casework.core.gate import View
from casework.core.indicators.detect import (
    DONOR_ONLY,
    MAX_EVIDENCE,
    is_background,
)
from casework.core.indicators.learned import LearnedModel, features, is_candidate
from casework.core.indicators.viewpoint import (
    another_gives,
    funded_by_state,
    gives_here,
    names_recipient,
    receives_here,
    speaks_of_giving,
)
from casework.core.model import Evidence, Finding, PassageKind

logger = logging.getLogger(__name__)

MIN_CHARS = 25  # as for the rules: shorter passages are labels, not statements

# Words a passage cannot do without to speak of an indicator, in three languages: a wide
# net (any passage on the topic has one), which keeps the model from lending one
# indicator's topic to its neighbour (a livelihood grant is not innovative financing).
NEEDS = {
    "innovative_financing": re.compile(
        r"(?:priv|trust|fiduci|fonds|fondo|pool|mancomun|commun|bond|obligation|bono|"
        r"swap|canje|conversion|blend|mixte|mixto|crowd|particip|diaspora|compan|"
        r"entrepris|empresa|corporat|philanthrop|filantr|foundation|fondation|fundaci|"
        r"lotter|loter|innovat|innov|results?-based|outcome|impact|résultat|resultado|"
        r"insur|assur|segur|levy|taxe|impuesto|tax|carbon|carbone|carbono|loan|prêt|"
        r"préstamo|credit|crédit|crédito|bank|banque|banco|zakat|islamic|islamique)"
    ),
    "individualised_approach": re.compile(
        r"(?:individuali|individual|approche|approach|enfoque|tailored|sur mesure|"
        r"a medida|cceca|committee on the enhancement|comité sur le renforcement|"
        r"comité para el fortalecimiento)"
    ),
    "gender_diversity": re.compile(
        r"(?:women|woman|female|femme|féminin|mujer|femenin|gender|genre|género|sex|"
        r"girl|fille|niña|boy|garçon|niño|men\b|hommes|hombres|age|âge|edad|disab|"
        r"handicap|discapac|divers|minorit|indigen|autochtone|ethni|étni|youth|jeune|"
        r"joven|elderly|âgé|mayores|inclus|vulnerab)"
    ),
    "costed_plan": re.compile(
        r"(?:\d|cost|coût|costo|costé|chiffr|budget|presupuest|milestone|jalon|hito|"
        r"meta|target|cible|objectif|objetivo|per year|par an|por año|annual|annuel|"
        r"anual|yearly|million|millón|millones|usd|eur|fcfa|\$|€)"
    ),
}


Key = tuple[int, int]  # a passage's page and start


@dataclass(frozen=True, slots=True)
class Scored:
    """The learned reader's probabilities for the eligible passages of one document."""

    views: tuple[View, ...]
    probabilities: np.ndarray  # (views, codes)


def eligible(view: View, state: str) -> bool:
    """A statement (sentence or table row) about the State, worth embedding."""
    kind = view.passage.kind
    return (
        (kind is PassageKind.SENTENCE or kind is PassageKind.TABLE_ROW)
        and len(view.text) >= MIN_CHARS
        and is_candidate(view.lower)
        and not is_background(view, state)
    )


def score_passages(
    passage_views: Sequence[View],
    model: LearnedModel,
    *,
    state: str,
    language: str | None,
) -> Scored:
    """Probabilities of every eligible passage, in one batch."""
    chosen = tuple(v for v in passage_views if eligible(v, state))
    if not chosen:
        return Scored((), np.zeros((0, len(model.codes)), np.float32))
    x = features(
        [v.text for v in chosen],
        states=[state] * len(chosen),
        languages=[language] * len(chosen),
        mentions=[v.states for v in chosen],
    )
    return Scored(chosen, model.probabilities(x))


def giving_passages(
    scored: Scored, model: LearnedModel, *, state: str
) -> frozenset[Key]:
    """The passages in which the State gives support abroad, by (page, start).

    The viewpoint rules decide where the wording is plain (the State, its adjective or a
    delegation speaking in the first person gives to another State or an organisation).
    Elsewhere, where support goes abroad (another State, an organisation or a region is
    named), nothing shows the State receiving, needing or spending its own means, and no
    one else is named as the giver or the State as the destination, the learned reader, which reads each passage from the State's viewpoint, decides: the
    passage gives when support given outscores support received and clears its threshold
    ("Contributions 2031: EUR 2 million (Ukraine, Iraq)" in a donor's key data, an
    agency of the State named in a way no rule lists)."""
    given = model.codes.index("assistance_provided")
    received = model.codes.index("assistance_received")
    threshold = float(model.thresholds[given])
    out: set[Key] = set()
    for i, view in enumerate(scored.views):
        passage = view.passage
        p_given = float(scored.probabilities[i, given])
        p_received = float(scored.probabilities[i, received])
        if gives_here(passage, state, view) or (
            p_given >= threshold
            and p_given > p_received
            and speaks_of_giving(view)
            and names_recipient(view, state)
            and not receives_here(view, state)
            and not another_gives(view, state)
        ):
            out.add((passage.page, passage.start))
    return frozenset(out)


def may_say(
    code: str,
    view: View,
    *,
    state: str,
    donor: bool,
    giving: frozenset[Key] = frozenset(),
) -> bool:
    """Whether a passage can speak of the indicator from the State's viewpoint: the
    rules' own viewpoint checks, and the words the indicator needs."""
    key = (view.passage.page, view.passage.start)
    if code == "assistance_provided" and not (
        donor or key in giving or gives_here(view.passage, state, view)
    ):
        return False
    if code == "assistance_received" and (
        key in giving or funded_by_state(view.passage, state, view)
    ):
        return False
    needs = NEEDS.get(code)
    return needs is None or needs.search(view.lower) is not None


def decide(
    rule_findings: Sequence[Finding],
    scored: Scored,
    model: LearnedModel,
    *,
    state: str,
    donor: bool,
    giving: frozenset[Key] = frozenset(),
) -> list[Finding]:
    """Rule findings with model evidence added where a passage clears the threshold;
    `giving`: the passages in which the State gives (see giving_passages)."""
    out: list[Finding] = []
    for finding in rule_findings:
        j = model.codes.index(finding.code) if finding.code in model.codes else -1
        if j < 0 or not len(scored.views) or (donor and finding.code not in DONOR_ONLY):
            out.append(finding)
            continue
        column = scored.probabilities[:, j]
        threshold = float(model.thresholds[j])
        order = np.argsort(-column, kind="stable")
        quoted = {(e.page, e.text) for e in finding.evidence}
        extra: list[Evidence] = []
        for i in order[: MAX_EVIDENCE * 4]:
            p = float(column[i])
            if p < threshold or len(finding.evidence) + len(extra) >= MAX_EVIDENCE:
                break
            view = scored.views[i]
            passage = view.passage
            if (passage.page, passage.text) in quoted or not may_say(
                finding.code, view, state=state, donor=donor, giving=giving
            ):
                continue
            extra.append(
                Evidence(
                    page=passage.page, text=passage.text, rule=model.label, score=p
                )
            )
        best = max((e.score or 0.0 for e in extra), default=0.0)
        present = finding.present or bool(extra)
        if extra and not finding.present:
            logger.debug("%s: added by %s at %.2f", finding.code, model.label, best)
        out.append(
            Finding(
                code=finding.code,
                present=present,
                score=round(max(finding.score, best), 3),
                evidence=(*finding.evidence, *extra) if present else (),
            )
        )
    return out
