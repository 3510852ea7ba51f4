"""Letters a PDF text layer loses: ligature glyphs of fonts that map no Unicode.

When a font has no Unicode for a glyph, pdfium gives the glyph's code in the font's own
encoding instead (`CPDF_TextPage`: "not Unicode" characters). Ligatures are the usual
victims, and their codes depend on the font: TeX's OT1 encoding puts ff fi fl ffi ffl at
0x0B-0x0F, its T1 encoding at 0x1B-0x1F, subset fonts wherever the producer chose. No table
fits every document, so each code is read as the ligature that makes the document's words
most plausible: words found elsewhere in the document (or in a short list of common words)
and letter sequences the document itself uses. Codes that sit between words are dropped.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable

LIGATURES = ("fi", "fl", "ff", "ffi", "ffl")
# Unicode's own ligature characters (U+FB00-FB06) are spelled out: the rules look for letters.
_PRESENTATION_FORMS = {
    code: unicodedata.normalize("NFKC", chr(code)) for code in range(0xFB00, 0xFB07)
}
# C1 controls are glyph codes of a font without a map too; most fonts number their glyphs
# as Windows-1252 does (0x93 is a left quote), so that is the reading tried first.
_C1 = {
    code: bytes([code]).decode("cp1252", errors="ignore") for code in range(0x80, 0xA0)
}
_CONTROLS = "\x00\x01\x03-\x08\x0b\x0c\x0e-\x1f"  # not \t \n \r, nor \x02 (hyphen mark)
_CONTROL = re.compile(f"[{_CONTROLS}]")
# A word as printed: letters and unmapped glyph codes, with at least one of each.
_GLUED = re.compile(f"[^\\W\\d_{_CONTROLS}]*(?:[{_CONTROLS}][^\\W\\d_{_CONTROLS}]*)+")
_WORD = re.compile(r"[^\W\d_]+")
_WIDE = re.compile("[\ufb00-\ufb06\x80-\x9f]")
# Common words holding each ligature (EN/FR/ES), so a short document still has examples.
_COMMON = (
    "first final finally financial finance financing field fields file files figure five "
    "fire fiscal benefit specific identified confirmed definition profile significant "
    "classified certified fifteen fifty fin afin financement fichier confiance identifié "
    "définition bénéficiaires financiación beneficiarios identificado confianza "
    "flow flows conflict conflicts influence reflect reflects flood floods flag flexible "
    "floor flight conflit conflits influencer flujo conflicto conflictos influencia "
    "effort efforts effect effects effective affected different difference offer staff "
    "suffer affairs effets affecté affectés différent différents efforts "
    "office offices officer officers official officials sufficient efficient efficiency "
    "difficult difficulties difficulty traffic affiliated officiel officielle suffisant "
    "difficile difficultés efficace coefficient afflicted affluent baffled shuffle"
)
_BONUS = 6.0  # log-odds a known word adds over letter statistics alone


def expand_presentation_forms(text: str) -> str:
    """ﬁ → fi, ﬂ → fl ... and C1 glyph codes read as Windows-1252."""
    if _WIDE.search(text):
        return text.translate(_PRESENTATION_FORMS).translate(_C1)
    return text


class _Letters:
    """Interpolated letter-trigram model of a vocabulary: which spellings look like words."""

    def __init__(self, vocabulary: Counter[str]) -> None:
        self.tri: Counter[str] = Counter()
        self.bi: Counter[str] = Counter()
        self.uni: Counter[str] = Counter()
        for word, count in vocabulary.items():
            padded = f"^^{word}$"
            for i in range(2, len(padded)):
                self.tri[padded[i - 2 : i + 1]] += count
                self.bi[padded[i - 1 : i + 1]] += count
                self.uni[padded[i]] += count
        self.context2: Counter[str] = Counter()
        self.context1: Counter[str] = Counter()
        for gram, count in self.tri.items():
            self.context2[gram[:2]] += count
        for gram, count in self.bi.items():
            self.context1[gram[:1]] += count
        self.total = sum(self.uni.values())

    def log_probability(self, word: str) -> float:
        padded = f"^^{word}$"
        score = 0.0
        for i in range(2, len(padded)):
            gram = padded[i - 2 : i + 1]
            p3 = self.tri[gram] / self.context2[gram[:2]] if self.tri[gram] else 0.0
            p2 = (
                self.bi[gram[1:]] / self.context1[gram[1]] if self.bi[gram[1:]] else 0.0
            )
            p1 = (self.uni[gram[2]] + 1) / (self.total + 60)
            score += math.log(0.6 * p3 + 0.3 * p2 + 0.1 * p1)
        return score


def _vocabulary(pages: Iterable[str]) -> Counter[str]:
    words: Counter[str] = Counter(_COMMON.split())
    for text in pages:
        clean = _GLUED.sub(" ", text)  # fragments around a glyph code are not words
        words.update(w.lower() for w in _WORD.findall(clean))
    return words


def _glyph_codes(pages: list[str]) -> list[str]:
    """Codes that can be ligatures: a lower-case letter follows at least half of them.

    Every ligature but ff starts or continues a word, and in capitals no ligature is
    formed, so a code mostly at word ends or before capitals ("Total\x01") is something
    else: a bullet, a symbol, a stray mark.
    """
    before_letter: Counter[str] = Counter()
    seen: Counter[str] = Counter()
    for text in pages:
        for match in _CONTROL.finditer(text):
            code, after = match.group(), text[match.end() : match.end() + 1]
            seen[code] += 1
            before_letter[code] += after.islower()
    return sorted(code for code, n in seen.items() if 2 * before_letter[code] >= n)


def resolve_codes(pages: list[str]) -> dict[str, str]:
    """Which ligature each unmapped glyph code inside words stands for, document-wide."""
    glued: Counter[str] = Counter()
    for text in pages:
        glued.update(
            m.group().lower() for m in _GLUED.finditer(text) if _WORD.search(m.group())
        )
    if not glued:
        return {}
    vocabulary = _vocabulary(pages)
    letters = _Letters(vocabulary)
    codes = [code for code in _glyph_codes(pages) if any(code in w for w in glued)]
    chosen: dict[str, str] = {}
    for code in codes:
        scores: dict[str, float] = {}
        known_words: dict[str, int] = {}
        for ligature in LIGATURES:
            total = 0.0
            known_words[ligature] = 0
            for word, count in glued.items():
                if code not in word:
                    continue
                spelled = _CONTROL.sub("", word.replace(code, ligature))
                known = spelled in vocabulary
                known_words[ligature] += known
                total += count * (letters.log_probability(spelled) + _BONUS * known)
            scores[ligature] = total
        best = max(LIGATURES, key=lambda lig: scores[lig])
        # A ligature spells at least one word the document (or the common list) has
        # elsewhere; a code that makes none is a symbol (a norm bar before "f(x)").
        if known_words[best]:
            chosen[code] = best
    return chosen


def repair_glyph_codes(pages: list[str]) -> list[str]:
    """Spell out ligature codes inside words; drop every other C0 control character."""
    if not any(_CONTROL.search(text) for text in pages):
        return pages
    chosen = resolve_codes(pages)
    table = str.maketrans(chosen)

    def spell(match: re.Match[str]) -> str:
        word = match.group()
        return word.translate(table) if _WORD.search(word) else word

    return [_CONTROL.sub("", _GLUED.sub(spell, text)) for text in pages]
