"""The prefilter never hides a match: gate off => pattern finds nothing."""

import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from casework.core.gate import _REGISTRY, Gate, View
from casework.core.gate_keys import first_words
from casework.core.indicators.detect import _GATED
from casework.core.model import Passage, PassageKind
from casework.core.run import analyse_path  # noqa: F401  (registers every gate)
from casework.core.segment import (
    _ABBREVIATION_REVERSED,
    _TOC,
    _TOC_TAIL,
    _at_most,
    _may_be_toc,
)

SENTENCES = [
    "In 2031 the Government allocated USD 2.4 million from the national budget to the centre.",
    "Le Gouvernement lui a alloué 300 millions de francs CFA ; l'état des financements reste flou.",
    "El Estado chadiano destinó S/ 7,2 millones y las operaciones se vieron afectadas por lluvias.",
    "Chad needs USD 4.5 million and seeks support from donors for its funding needs in 2032.",
    "The Mine Action Coordination Forum met twice with donors, UNMAS and operators in N'Djamena.",
    "Chad received US$3.1 million from Japan; NPA trained 12 officials of Niger in a regional course.",
    "Risk education was adapted to indigenous languages; 40 % of deminers are women.",
    "Worldwide, many countries saw funding decline while the trust fund pooled resources.",
    "La réunion trimestrielle de coordination a examiné les besoins des partenaires et le plan.",
    "Se realizó una visita de intercambio sur-sur y un taller binacional con 30 participantes.",
    "ÉTAT DES LIEUX: İSTANBUL, the ſtate and the KELVIN sign (K) fold like the engine does.",
]


def _view(text: str) -> View:
    return View(Passage(1, 0, len(text), text, PassageKind.SENTENCE))


@pytest.mark.parametrize("text", SENTENCES)
def test_gate_off_means_no_match(text):
    view = _view(text)
    for rule, gate in _GATED:
        if rule.pattern.search(view.lower):
            assert view.mask & gate.bits == gate.bits, rule.id
    for words in (text, text.upper(), text.title()):
        other = _view(words)
        for rule, gate in _GATED:
            if rule.pattern.search(other.lower):
                assert other.mask & gate.bits == gate.bits, rule.id


def test_case_insensitive_gate_runs_in_lower_case_with_the_same_offsets():
    gate = Gate(re.compile(r"\b(?:national budget|Trésor public)\b", re.I))
    for text in (
        "Le TRÉSOR PUBLIC paie.",
        "From the National Budget of 2031.",
        "Nothing.",
    ):
        view = _view(text)
        expected = gate.pattern.search(text)
        got = gate.search(view)
        assert (expected and expected.span()) == (got and got.span())


def test_keys_are_words_of_the_pattern():
    closed, opened = first_words(
        re.compile(r"\b(?:work ?plan|allocat\w+ [^.]{0,9}to)\b")
    )
    assert "work" in closed or "workplan" in closed
    assert "alloc" in opened
    assert first_words(re.compile(r"\d+ (?:mines|minas)")) is not None
    assert first_words(re.compile(r"[$€]\d")) is None  # nothing to key on: always runs
    assert _REGISTRY.count >= len(_GATED)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="abcIVXivx0123456789 .…_-\t|:;", max_size=40))
def test_contents_precheck_never_hides_a_contents_line(line):
    stripped = line.strip()
    if _TOC.search(stripped) or _TOC_TAIL.search(stripped):
        assert _may_be_toc(stripped)


# Words the rules are made of, to build texts that match them often.
_RULE_WORDS = sorted(
    {w for rule, _ in _GATED for w in re.findall(r"[a-zà-ÿ]{2,}", rule.pattern.pattern)}
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.sampled_from(_RULE_WORDS), st.sampled_from([" ", ", ", "-", "'", "2031"])
        ),
        max_size=30,
    )
)
def test_both_key_sets_are_needed_for_a_match(parts):
    """A rule's first and last key words are both necessary: gate bits on for every match."""
    text = " ".join(parts)
    view = _view(text)
    for rule, gate in _GATED:
        if rule.pattern.search(view.lower):
            assert view.mask & gate.bits == gate.bits, rule.id


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            list("ab_9 \t\n.,'’-—«»²éÉİſ\u00a0\u2009€$…°•“¿ñ\u200b")
        )
    )
)
def test_fast_tokens_are_the_regex_tokens(text):
    from casework.core.tokens import word_count, words

    assert words(text) == re.findall(r"\w+", text)
    assert word_count(text) == len(re.findall(r"\w+", text))
    assert words(text.lower()) == re.findall(r"\w+", text.lower())


# The abbreviation test as first written: search forwards for an abbreviation, then "." at
# the end. The segmenter tries the same thing once, on the reversed characters.
_ABBREVIATION_FORWARD = re.compile(
    r"(?:\b(?:no|nos|mr|mrs|ms|dr|st|sr|sra|srs|mme|mm|art|arts|p|pp|para|paras|fig|vol|"
    r"approx|cf|e\.g|i\.e|etc|núm|n[º°]|inc|ltd|co|corp|sec|ch|ref|ibid|vs|av|s\.a)|\b[A-Z])\.$",
    re.I,
)


@settings(max_examples=1500, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "no",
                "Nos",
                "e.g",
                "I.E",
                "núm",
                "nº",
                "N°",
                "s.a",
                "ſt",
                "k",
                "Chad",
                "x",
            ]
            + list(" .-_9éİ\n")
        ),
        max_size=8,
    ).map("".join),
    st.sampled_from([".", "!", "?", "…"]),
)
def test_reversed_abbreviation_test_is_the_forward_one(head, end):
    tail = (head + end)[-12:]
    assert bool(_ABBREVIATION_REVERSED.match(tail[::-1])) == bool(
        _ABBREVIATION_FORWARD.search(tail)
    )


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab_9 .,-é\u00a0")), max_size=80))
def test_word_limit_counts_regex_words(line):
    for n in (8, 12, 20):
        assert _at_most(line, n) == (len(re.findall(r"\w+", line)) <= n)


def _classify_plainly(line: str) -> PassageKind:
    """classify_line written plainly, without its shortcuts."""
    import casework.core.segment as s

    stripped = line.strip()
    words = re.findall(r"\w+", stripped)
    if s._TOC.search(stripped) or (
        s._TOC_TAIL.search(stripped) and len(stripped) < 120
    ):
        return PassageKind.TOC
    if " | " in stripped or stripped.count("\t") >= 2:
        return PassageKind.TABLE_ROW
    if not words:
        return PassageKind.HEADING
    if s._REFERENCE.match(stripped) and len(words) <= 16:
        return PassageKind.REFERENCE
    if s._BULLET.match(stripped):
        return PassageKind.SENTENCE
    if (
        stripped.upper() == stripped
        and stripped.lower() != stripped
        and len(words) <= 20
    ):
        return PassageKind.HEADING
    if (
        stripped[-1] not in s._ENDS_SENTENCE
        and len(stripped) < 110
        and len(words) <= 12
    ):
        return PassageKind.HEADING
    if stripped[-1] != "." and s._NUMBERED.match(stripped) and len(words) <= 8:
        return PassageKind.HEADING
    return PassageKind.SENTENCE


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "see",
                "Voir",
                "cf.",
                "Plan",
                "PLAN",
                "1ª",
                "ß",
                "a)",
                "(iv)",
                "•",
                "1.2",
                "IV.",
            ]
            + [
                "word",
                "Chad",
                "....",
                "…",
                "12",
                "xii",
                "\t",
                " | ",
                " ",
                "   ",
                ".",
                "_",
            ]
        ),
        min_size=1,
        max_size=25,
    ).map("".join)
)
@example(
    "PLAN PLAN PLAN PLAN PLAN PLAN word."
)  # upper case for more than 24 characters
def test_line_kinds_are_those_of_the_plain_rules(line):
    from casework.core.segment import classify_line

    if line.strip():
        assert classify_line(line) == _classify_plainly(line)
