"""Whose money is it? Decide whether a text speaks as a donor or as an affected State."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Sequence

from casework.core.gate import Gate, View, views
from casework.core.model import Passage, PassageKind
from casework.core.state_names import find_states

logger = logging.getLogger(__name__)

# Adjectives for States that often report as donors (EN / FR / ES stems).
DEMONYMS: dict[str, str] = {
    "AUS": r"australi(?:an|enne?s?|anos?|anas?)",
    "AUT": r"austrian|autrichien\w*|austriac\w+",
    "BEL": r"belgian|belges?|belgas?",
    "CAN": r"canadian|canadien\w*|canadiens?|canadienses?",
    "CHE": r"swiss|suisses?|suizos?|suizas?",
    "DEU": r"german|allemand\w*|alem[aá]n\w*",
    "DNK": r"danish|danois\w*|danes\w*",
    "ESP": r"spanish|espagnol\w*|español\w*",
    "FIN": r"finnish|finlandais\w*|finland[eé]s\w*",
    "FRA": r"french|français\w*|franc[eé]s\w*",
    "GBR": r"british|UK|britanniques?|brit[aá]nic\w+",
    "IRL": r"irish|irlandais\w*|irland[eé]s\w*",
    "ITA": r"italian|italien\w*|italian[oa]s?",
    "JPN": r"japanese|japonais\w*|japon[eé]s\w*",
    "KOR": r"korean|cor[ée]en\w*|coreano\w*",
    "LUX": r"luxembourg\w*",
    "NLD": r"dutch|n[ée]erlandais\w*|neerland[eé]s\w*",
    "NOR": r"norwegian|norv[ée]gien\w*|norueg[oa]s?",
    "NZL": r"new zealand|n[ée]o-z[ée]landais\w*|neozeland[eé]s\w*",
    "SWE": r"swedish|su[ée]dois\w*|sueco\w*",
    "USA": r"american|US|américain\w*|estadounidenses?",
    "MCO": r"mon[ée]gasque\w*|princi(?:er|ère)",
}
GIVE = re.compile(
    r"\b(?:provided|provides|contributed|contributes|allocated|made [^.]{0,40}available|disbursed|donated|"
    r"committed|pledged|granted|funded|funds|financed|seconded|spent|donors?|funding|contributions?|"
    r"consacr[ée]|a contribu[ée]|contribue|a financ[ée]|finance|a allou[ée]|a vers[ée]|a fait don|fait don|"
    r"a octroy[ée]|a accord[ée]|aide|financements?|dons?|"
    r"aport[oó]|aportar[aá]|aporta|aporte|contribuy[oó]|contribuir[aá]|financi[oó]|financiar[aá]|destin[oó]|don[oó]|"
    r"otorg[oó]|donante|contribuci[oó]n(?:es)?|prestad[ao]|fournie|"
    # supporting others, in the active voice only ("was supported by" is receiving)
    r"has supported|supports|supported(?! by)|a (?:apport[ée]|fourni|prêt[ée]) (?:son|un|une) (?:soutien|appui|aide)|"
    r"apporte (?:son|un) (?:soutien|appui)|a soutenu|soutient|ha apoyado|apoy[oó](?! por)|apoya(?! por)|"
    # a State speaking of its own support abroad
    r"our support|notre (?:soutien|appui)|nuestro apoyo|"
    # trainers, instructors or experts sent to another State
    r"(?:deployed|sent|dispatched) [^.]{0,40}(?:trainers|instructors|experts)|"
    r"(?:trainers|instructors|experts) [^.]{0,40}(?:trained|have trained)|"
    r"a (?:d[ée]ploy[ée]|envoy[ée]|d[ée]p[êe]ch[ée]) [^.]{0,40}(?:formateurs|instructeurs|experts)|"
    r"(?:formateurs|instructeurs|experts) [^.]{0,40}ont form[ée]|"
    r"(?:despleg[oó]|envi[oó]) [^.]{0,40}(?:instructores|formadores|expertos)|"
    r"(?:instructores|formadores|expertos) [^.]{0,40}(?:capacitaron|formaron|entrenaron))\b",
    re.I,
)
NEEDS_OR_RECEIVES = re.compile(
    r"\b(?:requires|seeks|requested|appeals|received|receives|benefited|benefits|"
    r"sollicite|a sollicit[ée]|a besoin|a re[çc]u|re[çc]oit|a b[ée]n[ée]fici[ée]|b[ée]n[ée]ficie|"
    r"requiere|necesita|solicit[oó]|solicita|recibi[oó]|recibe|se benefici[oó]|"
    # thanking donors is the recipient's voice
    r"thanks|thanked|is grateful|expresses (?:its )?gratitude|remercie|a remerci[ée]|"
    r"exprime sa gratitude|agradece|agradeci[oó])\b",
    re.I,
)
FOR_MINE_ACTION = re.compile(
    r"\d[^.]{0,90}\b(?:mine action|action (?:humanitaire )?contre les mines|antimines|"
    r"acci[oó]n (?:integral )?contra (?:las )?minas|desminado)",
    re.I,
)
RECIPIENTS = re.compile(
    r"\b(?:UNMAS|UNDP|PNUD|GICHD|CIDHG|HALO|MAG|NPA|APOPO|DanChurchAid|DCA|FSD|ITF|OAS|OEA|ISU|"
    r"Humanity (?:&|and) Inclusion|Humanit[ée] (?:&|et) Inclusion|Handicap International|"
    r"Implementation Support Unit|Unit[ée] d'appui|Unidad de Apoyo|Sponsorship|parrainage|Patrocinio|"
    r"Trust Fund|Fonds d'affectation|Fondo Fiduciario|\d+ (?:countries|pays|pa[ií]ses)|"
    r"partner (?:countries|governments)|pays partenaires|pa[ií]ses socios)\b"
)
OWN_GIFTS = re.compile(
    r"\b(?:in kind|premises|salaries|national budget|en nature|locaux|salaires|budget national|en especie|"
    r"salarios|presupuesto nacional)\b",
    re.I,
)
OWN_MEANS = re.compile(
    r"\b(?:national budget|state budget|budget national|budget de l'[ÉE]tat|presupuesto nacional|"
    r"funding gap|shortfall|d[ée]ficit de financement|brecha de financiamiento)\b",
    re.I,
)


_GIVE = Gate(GIVE)
_NEEDS_OR_RECEIVES = Gate(NEEDS_OR_RECEIVES)
_OWN_GIFTS = Gate(OWN_GIFTS)
_OWN_MEANS = Gate(OWN_MEANS)


@functools.lru_cache(maxsize=64)
def self_reference(state: str) -> re.Pattern[str]:
    """A pattern for the State's adjective or its Government speaking of itself."""
    demonym = DEMONYMS.get(state)
    parts = [
        r"the Government",
        r"le Gouvernement",
        r"el Gobierno",
        r"Federal Foreign Office",
        r"Ministry of Foreign Affairs",
        r"(?:the|la) Conf[ée]d[ée]ration",
        r"la Confederaci[oó]n",
        r"(?:the|la) Princip(?:ality|aut[ée])",
        r"Gouvernement Princier",
    ]
    if demonym:
        parts.insert(0, demonym)
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b")


# A delegation speaking of itself; counts as the giver only where another State or a
# recipient organisation is named (an affected State also says "my country allocated").
FIRST_PERSON = re.compile(
    r"\b(?:my country|our country|mon pays|notre pays|mi pa[ií]s|nuestro pa[ií]s|"
    r"our (?:support|contribution|assistance|funding)|notre (?:soutien|appui|contribution|aide)|"
    r"nuestr[oa] (?:apoyo|contribuci[oó]n|aporte|asistencia))\b",
    re.I,
)


def _speaks_first_before(view: View, state: str, verb: re.Match[str]) -> bool:
    """'My country provided ...': the delegation is the subject, no other State before the verb."""
    first = FIRST_PERSON.search(view.text, 0, verb.end())
    if first is None:
        return False
    return not any(m.code != state and m.start < verb.start() for m in view.states)


def _names_state_before(
    view: View, state: str, position: int, adjective: re.Pattern[str]
) -> bool:
    text = view.text
    mentions = view.states if position >= len(text) else find_states(text[:position])
    if any(m.code == state for m in mentions):
        return True
    return bool(adjective.search(text, 0, position)) or bool(
        adjective.search(text[position : position + 30])
    )


def _subject_of(view: View, state: str, verb: re.Match[str]) -> bool:
    """The State is named just before the verb, with no other State in between."""
    head = view.text[max(0, verb.start() - 80) : verb.start()]
    mentions = find_states(head)
    if not mentions or mentions[-1].code != state:
        return False
    gap = head[mentions[-1].end :]
    return len(gap) <= 40 and not gap.startswith(("'s", "’s"))


def viewpoint_counts(
    passages: Sequence[Passage],
    state: str,
    passage_views: Sequence[View] | None = None,
) -> tuple[int, int]:
    """(passages where the State gives, passages where it needs, receives or funds itself)."""
    adjective = self_reference(state)
    gives = needs = 0
    for view in passage_views if passage_views is not None else views(passages):
        kind = view.passage.kind
        if kind is not PassageKind.SENTENCE and kind is not PassageKind.HEADING:
            continue
        text = view.text
        need = _NEEDS_OR_RECEIVES.search(view)
        if (need and _subject_of(view, state, need)) or (
            _OWN_MEANS.search(view)
            and _names_state_before(view, state, len(text), adjective)
        ):
            needs += 1
            continue
        give = _GIVE.search(view)
        if (
            give
            and not _OWN_GIFTS.search(view)
            and (
                (
                    (
                        RECIPIENTS.search(text)
                        or FOR_MINE_ACTION.search(text)
                        or any(m.code != state for m in view.states)
                    )
                    and _names_state_before(view, state, give.end(), adjective)
                )
                or (
                    (
                        RECIPIENTS.search(text)
                        or any(m.code != state for m in view.states)
                    )
                    and _speaks_first_before(view, state, give)
                )
            )
        ):
            gives += 1
    return gives, needs


def is_donor(
    passages: Sequence[Passage],
    state: str,
    passage_views: Sequence[View] | None = None,
) -> bool:
    """True when the text speaks mostly of the State giving support to others."""
    gives, needs = viewpoint_counts(passages, state, passage_views)
    donor = gives >= 1 and gives > needs
    logger.debug(
        "viewpoint of %s: gives %d, needs/receives %d, donor=%s",
        state,
        gives,
        needs,
        donor,
    )
    return donor


def gives_here(passage: Passage, state: str, view: View | None = None) -> bool:
    """The State is the giver in this one passage (for States that both give and receive)."""
    view = view or View(passage)
    give = _GIVE.search(view)
    if give is None or _NEEDS_OR_RECEIVES.search(view):
        return False
    others = [m for m in view.states if m.code != state]
    return bool(others) and (
        _names_state_before(view, state, give.start(), self_reference(state))
        or _speaks_first_before(view, state, give)
    )


_BY_BEFORE = re.compile(
    r"\b(?:by|from|par|de|por|del)\s+(?:the |le |la |l'|el )?$", re.I
)


def funded_by_state(passage: Passage, state: str, view: View | None = None) -> bool:
    """'... funded by Canada' where Canada is the State concerned: it gave, it did not receive."""
    view = view or View(passage)
    for mention in view.states:
        if mention.code == state and _BY_BEFORE.search(
            view.text[max(0, mention.start - 12) : mention.start]
        ):
            return True
    return False
