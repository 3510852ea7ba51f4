import pytest

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


def test_fast_money_and_area_patterns_match_their_plain_forms():
    import re

    from casework.core import figures as f
    from casework.core.numbers import MULTIPLIER, NUMBER_HERE

    plain_cur = "|".join(re.escape(k) for k in f._LONGEST_FIRST)
    plain_suffix = re.compile(
        rf"(?P<num>{NUMBER_HERE})(?:\s?(?P<mult>{MULTIPLIER}))?\s?(?:d[e']\s?)?"
        rf"(?P<cur>{plain_cur})(?![\w$])",
        re.I,
    )
    plain_area = re.compile(f.AREA.pattern.replace(r"(?=[\skshm])", ""), re.I)
    reversed_cur = re.compile(
        r"\d\s?(?:" + "|".join(re.escape(k[::-1]) for k in f._LONGEST_FIRST) + ")"
    )
    texts = [
        "USD 2,450,000 and 450 millions de francs CFA, 3,5 millones de dólares",
        "1 203 400 m² and 3.4 km² and 12 hectares, 1.593.487 m2; 2031 the 14 sq km",
        "45 000 $ US, 12 € then 7,5 M€ or 300 usd$ 9 Kz 4 S/. 5 s/ 6 C$ 7 ca$",
        "1,234.5 mil millones de pesos colombianos, 20 mds FCFA, 4k$ 8 d'euros",
        "19 ha 2 haricots 3 mètres carrés 40 metros cuadrados 9 square metres",
    ]
    found = 0
    for text in texts:
        folded = text.lower()
        for fast, plain in ((f._MONEY_SUFFIX_F, plain_suffix), (f._AREA_F, plain_area)):
            got = [(m.span(), m.groupdict()) for m in fast.finditer(folded)]
            want = [(m.span(), m.groupdict()) for m in plain.finditer(folded)]
            assert got == want
            found += len(got)
        assert bool(f._CURRENCY_THEN_DIGIT_REVERSED.search(text[::-1])) == bool(
            reversed_cur.search(text[::-1])
        )
    assert found > 20
