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

# Adjectives for States that often report as donors (EN / FR / ES stems, matched in any
# case). Affected States' adjectives are left out on purpose: "Bosnian deminers trained
# ..." would make an affected State's own report read as a donor's.
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
    "GBR": r"british|britanniques?|brit[aá]nic\w+",
    "IRL": r"irish|irlandais\w*|irland[eé]s\w*",
    "ITA": r"italian|italien\w*|italian[oa]s?",
    "JPN": r"japanese|japonais\w*|japon[eé]s\w*",
    "KOR": r"korean|cor[ée]en\w*|coreano\w*",
    "LUX": r"luxembourg\w*",
    "NLD": r"dutch|n[ée]erlandais\w*|neerland[eé]s\w*",
    "NOR": r"norwegian|norv[ée]gien\w*|norueg[oa]s?",
    "NZL": r"new zealand|n[ée]o-z[ée]landais\w*|neozeland[eé]s\w*",
    "SWE": r"swedish|su[ée]dois\w*|sueco\w*",
    "USA": r"american|américain\w*|estadounidenses?",
    "MCO": r"mon[ée]gasque\w*|princi(?:er|ère)",
}
# Abbreviations, matched in capitals only ("US support", never "support us").
ABBREVIATIONS: dict[str, str] = {"GBR": "UK", "USA": "US"}

GIVE = re.compile(
    r"\b(?:provided|provides|contributed|contributes|allocated|made [^.]{0,40}available|disbursed|donated|"
    r"committed|pledged|granted|funded|funds|financed|seconded|spent|donors?|funding|contributions?|"
    r"provide|will (?:fund|finance|support|contribute)|offer(?:s|ed)?|donations?|grants?|"
    r"handed over|delivered|equipped|has trained|have trained|trained (?:and equipped )?(?:\d+|some|more than)|"
    r"consacr[ée]|a contribu[ée]|contribue|a financ[ée]|finance|a allou[ée]|a vers[ée]|a fait don|fait don|"
    r"a octroy[ée]|a accord[ée]|aide|financements?|dons?|"
    r"octroie|accorde|d[ée]bloque|a d[ée]bloqu[ée]|alloue|attribue|a attribu[ée]|offre|a offert|a remis|remet|"
    r"[ée]quipe|a [ée]quip[ée]|a form[ée]|forme (?!d)|verse|mis à disposition|met à disposition|financera|"
    r"aport[oó]|aportar[aá]|aporta|aporte|contribuy[oó]|contribuir[aá]|financi[oó]|financiar[aá]|destin[oó]|don[oó]|"
    r"otorg[oó]|donante|contribuci[oó]n(?:es)?|prestad[ao]|fournie|"
    r"destinar[aá]|destina|entreg[oó]|entrega|dona|donaci[oó]n(?:es)?|comprometi[oó]|compromete|brind[oó]|brinda|"
    r"capacit[oó]|ha capacitado|han capacitado|otorga|financia|financiar[aá]|ha financiado|aportar[aá]|"
    r"(?:puesto|pone|puso) a disposici[oó]n|"
    r"(?:ha|hemos|han|hab[ií]a|hab[ií]amos) (?:financiado|apoyado|contribuido|aportado|donado|otorgado|"
    r"entregado|destinado|sufragado)|"
    r"(?:avons|ont|avait|avions|avaient) (?:financ[ée]|soutenu|contribu[ée]|apport[ée]|fourni|vers[ée]|"
    r"allou[ée]|octroy[ée]|accord[ée]|offert)|"
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
    r"\b(?:in kind|premises|salaries|national budget|own resources|en nature|"
    r"locaux (?:mis|fournis|du|de la|de l'|des)|salaires|budget national|propres ressources|"
    r"fonds propres|en especie|salarios|presupuesto nacional|recursos propios)\b",
    re.I,
)
OWN_MEANS = re.compile(
    r"\b(?:national budget|state budget|government budget|own (?:resources|funds)|budget national|"
    r"budget de l'[ÉE]tat|propres ressources|fonds propres|presupuesto nacional|"
    r"presupuesto (?:general )?del estado|recursos propios|"
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
        parts.insert(0, f"(?i:{demonym})")
    if state in ABBREVIATIONS:
        parts.insert(0, ABBREVIATIONS[state])
    return re.compile(r"\b(?:" + "|".join(parts) + r")\b")


# A delegation speaking of itself; counts as the giver only where another State or a
# recipient organisation is named (an affected State also says "my country allocated").
FIRST_PERSON = re.compile(
    r"\b(?:my country|our country|mon pays|notre pays|mi pa[ií]s|nuestro pa[ií]s|"
    r"my delegation|our delegation|ma d[ée]l[ée]gation|notre d[ée]l[ée]gation|mi delegaci[oó]n|"
    r"nuestra delegaci[oó]n|my Government|mon Gouvernement|mi Gobierno|"
    r"we have|we will|nous avons|nous allons|hemos|"
    r"our (?:support|contribution|assistance|funding|cooperation)|"
    r"notre (?:soutien|appui|contribution|aide|coop[ée]ration)|"
    r"nuestr[oa] (?:apoyo|contribuci[oó]n|aporte|asistencia|cooperaci[oó]n))\b",
    re.I,
)
# Support coming from someone else: receiving when another State or donors follow.
RECEIVED_FROM = re.compile(
    r"\b(?:support from|funding from|assistance from|with the (?:financial )?support of|"
    r"thanks to|funded by|financed by|supported by|grâce à|avec l'(?:appui|aide)|"
    r"avec le (?:soutien|concours|financement)|financ[ée]e?s? par|soutenue?s? par|"
    r"appuy[ée]e?s? par|con (?:el )?(?:apoyo|financiamiento|respaldo) de|gracias a|"
    r"financiad[oa]s? por|apoyad[oa]s? por|con fondos de)\b",
    re.I,
)
_DONORS_NEXT = re.compile(
    r"\s*(?:the |les |des |los |varios |several |various )?"
    r"(?:donors|bailleurs|donateurs|donantes|partners|partenaires|socios)\b",
    re.I,
)
# Where support abroad goes besides other States and organisations: regions, "abroad".
ABROAD = re.compile(
    r"\b(?:Africa|Afrique|África|Asia|Asie|Latin America|Amérique latine|América Latina|"
    r"Central America|Amérique centrale|Centroamérica|América Central|Caribbean|Caraïbes|"
    r"Caribe|Middle East|Moyen-Orient|Oriente (?:Medio|Próximo)|Sahel|Balkans|Balcanes|"
    r"Pacific|Pacifique|Pacífico|abroad|à l'étranger|en el exterior|"
    r"affected (?:countries|States)|pays touchés|países afectados|"
    r"(?:two|three|four|five|six|seven|eight|nine|ten|twelve|several|various) (?:countries|States)|"
    r"(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|douze|plusieurs|divers) pays|"
    r"(?:dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|doce|trece|varios|diversos) pa[ií]ses|"
    r"NGOs?|ONG|non-governmental organi[sz]ations?|organisations? non gouvernementales?|"
    r"organizaci[oó]n(?:es)? no gubernamental(?:es)?)\b"
)
# Between a giving noun and the State that gives: "the contribution of", "l'appui de l'".
_GIVER_AFTER = re.compile(
    r"^\s*(?:of|by|from|de|du|del|des|d'|par|por)\s*(?:the |la |le |l'|el )?$", re.I
)


# Giving words that name the support rather than the act: their giver is whoever owns them
# ("Norway's contribution", "our support", "la contribution de l'Italie", "l'aide belge").
_GIFT_NOUN = re.compile(
    r"(?:donors?|funding|contributions?|donations?|grants?|aide|financements?|dons?|"
    r"donante|contribuci[oó]n(?:es)?|donaci[oó]n(?:es)?|aporte)",
    re.I,
)
_POSSESSIVE = re.compile(r"(?:['’]s|\s+(?:own|propre|propio))\s*(?:\w+\s+)?$")
# The State as the destination of the support: "... funded survey in Angola".
_TO_BEFORE = re.compile(
    r"\b(?:in|to|for|into|en|au|aux|à|a|al|para|pour|hacia|dans)\s+(?:the |la |le |l'|les |el )?$",
    re.I,
)
_PASSIVE = re.compile(
    r"\b(?:(?:was|were|is|are|been|being)\s+(?:\w+\s+)?(?:funded|financed|supported)|"
    r"(?:a|ont|est|sont|a été|ont été)\s+(?:été\s+)?(?:financ|soutenu|appuy)[ée]e?s?|"
    r"(?:fue|fueron|es|son|ha sido|han sido)\s+(?:financiad|apoyad|sufragad)[oa]s?)\b",
    re.I,
)


def _own_references(
    view: View, state: str, end: int, *, first_person: bool = True
) -> list[int]:
    """Where the text, before `end`, refers to the State concerned: its name, its
    adjective or Government, or (with `first_person`) a delegation speaking of itself."""
    text = view.text
    found = [m.end for m in view.states if m.code == state and m.end <= end]
    found += [m.end() for m in self_reference(state).finditer(text, 0, end)]
    if first_person:
        found += [m.end() for m in FIRST_PERSON.finditer(text, 0, end)]
    return found


def _is_destination(view: View, state: str, position: int) -> bool:
    """The State is named after `position` as where the support goes ("in Angola")."""
    text = view.text
    return any(
        m.code == state
        and position <= m.start <= position + 80
        and _TO_BEFORE.search(text[max(position, m.start - 20) : m.start])
        for m in view.states
    )


def _adjective_just_before(
    text: str, adjective: re.Pattern[str], position: int
) -> bool:
    """The State's adjective right before `position`: "Japanese support", "US funding"."""
    last = None
    for last in adjective.finditer(text, max(0, position - 30), position):  # noqa: B007
        pass
    return last is not None and not text[last.end() : position].strip(" -")


def _giver(
    view: View, state: str, give: re.Match[str], *, first_person: bool = True
) -> bool:
    """The State concerned is who gives at `give`.

    For a verb, the nearest giver named before it is that State and not another one ("In
    Angola, Japan funded" gives for Japan only), and the State is not named after it as
    where the support goes. For a noun ("contribution", "funding"), the State owns it:
    "Norway's contribution", "our support", "la contribution de l'Italie", "l'aide belge",
    "Japanese support".
    """
    text = view.text
    adjective = self_reference(state)
    if _is_destination(view, state, give.end()):
        return False
    others = [m.end for m in view.states if m.code != state and m.end <= give.end()]
    if _GIFT_NOUN.fullmatch(give.group()):
        head = text[max(0, give.start() - 25) : give.start()]
        owner = [
            m
            for m in view.states
            if give.start() - 25 <= m.end <= give.start()
            and _POSSESSIVE.match(text, m.end, give.start())
        ]
        if owner:
            return owner[-1].code == state
        if (
            (first_person and FIRST_PERSON.search(head + give.group()))
            or adjective.search(text[give.end() : give.end() + 15])
            or _adjective_just_before(text, adjective, give.start())
        ):
            return True
        after = [m for m in view.states if give.end() <= m.start <= give.end() + 30]
        return bool(
            after
            and after[0].code == state
            and _GIVER_AFTER.search(text[give.end() : after[0].start])
        )
    own = _own_references(view, state, give.end(), first_person=first_person)
    if own and (not others or max(own) > max(others)):
        return True
    return not others and bool(adjective.search(text[give.end() : give.end() + 30]))


def _comes_from_state(view: View, state: str, position: int) -> bool:
    """The State (or its adjective) is named soon after `position` as the source or agent:
    "... receives EUR 1 million from Ireland", "... de la coopération luxembourgeoise"."""
    text = view.text
    tail = text[position : position + 80]
    source = re.search(
        r"\b(?:from|by|par|por|de|du|del|des)\b(?![^.]*\b(?:in|en|au|dans)\s)", tail
    )
    if source is None:
        return False
    rest = position + source.end()
    return bool(self_reference(state).search(text, rest, position + 80)) or any(
        m.code == state and rest <= m.start <= position + 80 for m in view.states
    )


def _receives_from_others(view: View, state: str) -> bool:
    """'with the support of Japan', 'funded by donors', 'was financed through UNMAS': the
    support comes from someone other than the State."""
    text = view.text
    for cue in RECEIVED_FROM.finditer(text):
        after = [m for m in view.states if cue.end() <= m.start <= cue.end() + 60]
        if (after and after[0].code != state) or _DONORS_NEXT.match(text, cue.end()):
            return True
    return any(
        not _comes_from_state(view, state, cue.end()) for cue in _PASSIVE.finditer(text)
    )


def _needs_or_receives(view: View, state: str) -> bool:
    """A need, receipt or thanks that is the State's: not one of another State named
    just before it ("Laos requires ...", "Cambodia thanks Japan" seen from Japan), nor
    support received from the State itself ("... receives EUR 1 million from Ireland")."""
    if _NEEDS_OR_RECEIVES.search(view) is None:
        return False
    for cue in NEEDS_OR_RECEIVES.finditer(view.text):
        own = _own_references(view, state, cue.start())
        others = [
            m.end for m in view.states if m.code != state and m.end <= cue.start()
        ]
        if others and (not own or max(others) > max(own)):
            continue
        if _comes_from_state(view, state, cue.end()):
            continue
        return True
    return False


# Any word of giving or of what is given, in any voice or tense (a wide net for the
# learned reader's viewpoint, not evidence on its own). Training, hosting and sharing
# expertise are knowledge exchange, not support given, unless something is given too.
GIFT = re.compile(
    r"\b(?:fund\w*|financ\w*|support\w*|contribut\w*|provid\w*|donat\w*|donors?|grants?|"
    r"granted|pledg\w*|allocat\w*|disburs\w*|committed|commitments?|equip\w*|handed over|"
    r"deliver\w*|gave|give[sn]?|giving|aid|seconded|"
    r"soutien\w*|soutenu\w*|soutient|appui\w*|appuy\w*|contribu\w*|octroi\w*|octroy\w*|"
    r"fourni\w*|offert\w*|offre|vers[ée]\w*|dons?|aide|allou\w*|d[ée]bloqu\w*|attribu\w*|"
    r"remis\w*|[ée]quip\w*|engag[ée]\w*|"
    r"apoy\w*|apoyo|aport\w*|don[oóa]\w*|donaci\w*|otorg\w*|entreg\w*|destin[oóa]\w*|"
    r"compromet\w*|comprometi\w*|brind\w*|asign\w*|ayuda\w*|sufrag\w*)\b",
    re.I,
)
_GIFT = Gate(GIFT)


def speaks_of_giving(view: View) -> bool:
    """The passage holds a word of giving or of what is given (three languages)."""
    return _GIFT.search(view) is not None


def receives_here(view: View, state: str) -> bool:
    """The passage shows the State receiving, needing, thanking or spending its own means."""
    return (
        _needs_or_receives(view, state)
        or _OWN_GIFTS.search(view) is not None
        or _receives_from_others(view, state)
    )


def names_recipient(view: View, state: str) -> bool:
    """Another State, an organisation or fund, or a region abroad is named."""
    text = view.text
    return (
        any(m.code != state for m in view.states)
        or RECIPIENTS.search(text) is not None
        or ABROAD.search(text) is not None
    )


def given_to(view: View, state: str) -> bool:
    """The State concerned is named after a word of giving as where the support goes:
    "... contributed EUR 2 million to Colombia", "... will provide USD 3 million to the
    Cambodian centre", "... octroyé 3 millions de dollars au Cambodge"."""
    text = view.text
    adjective = self_reference(state)
    for give in GIVE.finditer(text):
        if _is_destination(view, state, give.end()):
            return True
        tail = text[give.end() : give.end() + 80]
        for m in adjective.finditer(tail):
            if _TO_BEFORE.search(tail[max(0, m.start() - 20) : m.start()]):
                return True
    return False


def another_gives(view: View, state: str) -> bool:
    """Someone else is who gives here: the State concerned is where the support goes
    (`given_to`), or at a word of giving the nearest State named before it is another one
    and the State concerned is not named or speaking between them ("Spain contributed
    ...", seen from Colombia). The State concerned then receives; it does not give."""
    if given_to(view, state):
        return True
    text = view.text
    for give in GIVE.finditer(text):
        others = [
            m.end for m in view.states if m.code != state and m.end <= give.start()
        ]
        own = _own_references(view, state, give.start())
        if others and (not own or max(others) > max(own)):
            return True
    return False


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
        if _GIVE.search(view) is None or _OWN_GIFTS.search(view):
            continue
        # Money for mine action with no recipient named gives only where the State is
        # named: an affected State also says "our country allocated ... to mine action".
        named = names_recipient(view, state)
        if not named and not FOR_MINE_ACTION.search(text):
            continue
        if any(
            _giver(view, state, give, first_person=named)
            for give in GIVE.finditer(text)
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
    """The State is the giver in this one passage (for States that both give and receive):
    it gives, by name or in the first person, to another State, an organisation or a region
    abroad, and nothing in the passage shows it receiving."""
    view = view or View(passage)
    if _GIVE.search(view) is None or receives_here(view, state):
        return False
    if not names_recipient(view, state):
        return False
    return any(_giver(view, state, give) for give in GIVE.finditer(view.text))


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
