import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from casework.core.figures import extract_figures
from casework.core.model import Passage, PassageKind
from casework.core.numbers import parse_number
from casework.core.state_names import find_states


def figures(text: str, language: str = "en", donor: bool = False):
    return extract_figures(
        [Passage(1, 0, len(text), text, PassageKind.SENTENCE)],
        language=language,
        donor=donor,
    )


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1,593,487", 1593487),
        ("1 593 487", 1593487),
        ("1.593.487", 1593487),
        ("823,4", 823.4),
        ("4.35", 4.35),
        ("1\u00a0200", 1200),
    ],
)
def test_number_formats(raw, value):
    assert parse_number(raw) == pytest.approx(value)


@pytest.mark.parametrize(
    ("text", "m2"),
    [
        ("1,593,487 m²", 1593487),
        ("1 593 487 m2", 1593487),
        ("1.593.487 m²", 1593487),
        ("823,4 km2", 823_400_000),
        ("31 hectares", 310_000),
        ("2.5 km²", 2_500_000),
    ],
)
def test_areas_are_normalised_to_square_metres(text, m2):
    assert [a.value_m2 for a in figures(f"Teams released {text} last year.").areas] == [
        pytest.approx(m2)
    ]


@pytest.mark.parametrize(
    ("text", "language", "amount", "currency"),
    [
        ("USD 2,310,000", "en", 2_310_000, "USD"),
        ("7 842 000 USD", "fr", 7_842_000, "USD"),
        ("12,8 M€", "fr", 12_800_000, "EUR"),
        ("€4.35 million", "en", 4_350_000, "EUR"),
        ("NOK 42,5 millones", "es", 42_500_000, "NOK"),
        ("210 millions de francs CFA", "fr", 210_000_000, "XOF"),
        ("S/ 410.000", "es", 410_000, "PEN"),
        ("Kz 9.8 billion", "en", 9_800_000_000, "AOA"),
        ("4 100 000 $ CA", "fr", 4_100_000, "CAD"),
    ],
)
def test_money_amounts_and_currencies(text, language, amount, currency):
    money = figures(f"Il reste {text} pour le programme.", language).money
    assert [(m.amount, m.currency) for m in money] == [
        (pytest.approx(amount), currency)
    ]


def test_money_roles_from_the_state_viewpoint():
    assert (
        figures("The State requires USD 3 million to close the funding gap.")
        .money[0]
        .role
        == "needed"
    )
    assert (
        figures("The national budget allocated USD 1 million.").money[0].role
        == "national"
    )
    assert (
        figures("Japan funded by grant USD 2 million received in 2031.").money[0].role
        == "received"
    )


@pytest.mark.parametrize(
    ("text", "codes"),
    [
        ("Soudan du Sud et Soudan", ["SSD", "SDN"]),
        ("Türkiye, Turquie, Turkey", ["TUR"] * 3),
        ("la République démocratique du Congo", ["COD"]),
        ("Côte d'Ivoire", ["CIV"]),
        ("Royaume-Uni de Grande-Bretagne et d'Irlande du Nord", ["GBR"]),
        ("Niger et Nigeria", ["NER", "NGA"]),
        ("Guinée-Bissau", ["GNB"]),
        ("REPUBLIC OF SOUTH SUDAN", ["SSD"]),
        ("Sudán del Sur", ["SSD"]),
    ],
)
def test_state_names_in_three_languages(text, codes):
    assert [m.code for m in find_states(text)] == codes


# Pieces of money, area and mine-count phrases, to be glued together at random.
_PIECES = [
    "2,450,000",
    "1 203 400",
    "1.593.487",
    "3,5",
    "4.35",
    "2031",
    "12",
    "0",
    "7'500",
    "1\u00a0500",
    "9\u202f000",
    ",5",
    ".",
    ",",
    " ",
    "  ",
    "\n",
    "-",
    "(",
    ")",
    "USD",
    "usd",
    "US$",
    "$",
    "$ US",
    "S/.",
    "S/",
    "EUR",
    "€",
    "euros",
    "francs CFA",
    "FCFA",
    "Kz",
    "C$",
    "ca$",
    "$ EE.UU.",
    "dólares",
    "d'",
    "de ",
    "million",
    "millones",
    "M",
    "k",
    "mds",
    "bn",
    "km²",
    "km2",
    "km 2",
    "ha",
    "hectares",
    "m²",
    "m2",
    "sq km",
    "mètres carrés",
    "mines",
    "minas",
    "anti-personnel",
    "AP",
    "haricots",
    "the",
    "Chad",
    "x",
    "_",
    "é",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=14).map("".join))
@example("5 km2 ha, 3 m2 m2 and USD 4 $ 5")  # a tail's own digit starts no match
def test_figures_found_from_numbers_are_what_the_whole_patterns_find(text):
    """Numbers are found once and each tail tried after them: the same as running the
    whole patterns, which is what the figures mean."""
    import re

    from casework.core import figures as f
    from casework.core.gate import fold
    from casework.core.numbers import MULTIPLIER, NUMBER

    folded = fold(text)
    numbers = list(f._NUMBER_F.finditer(folded))
    for tail, whole in (
        (f._MONEY_TAIL_F, f.MONEY_SUFFIX),
        (f._AREA_TAIL_F, f.AREA),
        (f._MINES_TAIL_F, f.MINES),
    ):
        got = [
            ((n.start(), t.end()), n.span(), {k: t.span(k) for k in t.groupdict()})
            for n, t in f.after_numbers(folded, numbers, tail)
        ]
        want = [
            (
                m.span(),
                m.span("num"),
                {k: m.span(k) for k in m.groupdict() if k != "num"},
            )
            for m in whole.finditer(text)
        ]
        assert got == want
    plain_cur = "|".join(re.escape(k) for k in f._LONGEST_FIRST)
    plain_prefix = re.compile(
        rf"(?<![\w$€£¥])(?P<cur>{plain_cur})\s?(?P<num>{NUMBER})"
        rf"(?:\s?(?P<mult>{MULTIPLIER}))?(?![\w])"
    )
    assert [(m.span(), m.groupdict()) for m in f.prefix_matches(text, numbers)] == [
        (m.span(), m.groupdict()) for m in plain_prefix.finditer(text)
    ]


def test_figures_from_numbers_see_every_kind_of_phrase():
    found = figures(
        "USD 2,450,000 and 450 millions de francs CFA, 3,5 millones de dólares, S/.5 and "
        "45 000 $ US; 1 203 400 m², 3.4 km² and 12 hectares; 1,200 anti-personnel mines"
    )
    assert [m.currency for m in found.money] == ["USD", "PEN", "XOF", "USD", "USD"]
    assert [a.value_m2 for a in found.areas] == [1203400.0, 3400000.0, 120000.0]
    assert found.mine_counts[0][0] == 1200


@settings(max_examples=500, deadline=None)
@given(
    st.lists(
        st.sampled_from(list("aZ9_ .-'’éÉßÿÞ×÷ªºµ²\u00a0ÀİſΣ\n") + ["Chad", "USA"]),
        max_size=30,
    ).map("".join)
)
def test_capitalised_words_are_the_regex_matches(text):
    from casework.core.state_names import _CAPITALISED, capitalised

    assert capitalised(text) == [m.span() for m in _CAPITALISED.finditer(text)]
