"""State adjectives in English, French and Spanish (sentences written for these tests)."""

from __future__ import annotations

import csv
from pathlib import Path

import pycountry
import pytest

from casework.core import demonyms
from casework.core.demonyms import DATA_PATH, find_demonyms, load_demonyms
from casework.core.state_names import StateMention

SHARED_STATES_PARTIES = (
    Path(__file__).resolve().parents[3] / "shared" / "data" / "states_parties.csv"
)
# States not party that matter in mine action, as donors or as affected States.
NOT_PARTY = [
    *("USA", "CHN", "RUS", "IND", "PAK", "IRN", "ISR", "EGY", "LBY", "SYR", "LBN"),
    *("MAR", "KOR", "PRK", "VNM", "MMR", "LAO", "SAU", "ARE", "GEO", "AZE", "ARM"),
    *("KGZ", "UZB", "NPL", "SGP", "CUB", "MNG", "KAZ", "BHR"),
]


def found(text: str, language: str | None = None) -> list[tuple[str, str]]:
    return [(m.code, text[m.start : m.end]) for m in find_demonyms(text, language)]


def codes(text: str, language: str | None = None) -> list[str]:
    return [m.code for m in find_demonyms(text, language)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Cambodian centre cleared 40 hectares near Pailin.", ["KHM"]),
        (
            "Japanese support paid for two Colombian survey teams in 2031.",
            ["JPN", "COL"],
        ),
        (
            "A Swiss-backed project trained Ukrainian and Lao deminers.",
            ["CHE", "UKR", "LAO"],
        ),
        ("French funding reached the Chadian authority in March.", ["FRA", "TCD"]),
        (
            "The Equatorial Guinean delegation met the Bissau-Guinean one.",
            ["GNQ", "GNB"],
        ),
        (
            "The South Korean grant covered Papua New Guinean survey work.",
            ["KOR", "PNG"],
        ),
    ],
)
def test_english_adjectives(text, expected):
    assert codes(text, "en") == expected
    assert codes(text) == expected


def test_a_hyphenated_compound_gives_its_adjective():
    text = "Japanese-funded machines cleared the Norwegian-led survey's polygons."
    assert found(text, "en") == [("JPN", "Japanese"), ("NOR", "Norwegian")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Le centre cambodgien a remis les terres aux communes.", ["KHM"]),
        (
            "Les autorités cambodgiennes remercient la coopération japonaise.",
            ["KHM", "JPN"],
        ),
        (
            "Des équipes sénégalaises et une ONG suisse ont travaillé ensemble.",
            ["SEN", "CHE"],
        ),
        (
            "Les démineurs sud-soudanais ont été formés par des instructeurs français.",
            ["SSD", "FRA"],
        ),
        ("Une brigade franco-tchadienne a détruit le stock.", ["TCD"]),
        (
            "Le programme néo-zélandais et l'aide allemande ont pris fin.",
            ["NZL", "DEU"],
        ),
    ],
)
def test_french_adjectives_in_every_gender_and_number(text, expected):
    assert codes(text, "fr") == expected
    assert codes(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("El centro camboyano liberó 12 hectáreas.", ["KHM"]),
        (
            "Las autoridades colombianas agradecen la cooperación española.",
            ["COL", "ESP"],
        ),
        ("Técnicos peruanos y una ONG noruega revisaron los campos.", ["PER", "NOR"]),
        (
            "Las brigadas sursudanesas y los equipos sudaneses se reunieron.",
            ["SSD", "SDN"],
        ),
        (
            "La embajada estadounidense financió a los operadores angoleños.",
            ["USA", "AGO"],
        ),
    ],
)
def test_spanish_adjectives_in_every_gender_and_number(text, expected):
    assert codes(text, "es") == expected
    assert codes(text) == expected


def test_south_sudanese_is_not_sudanese():
    text = "South Sudanese and Sudanese teams met; l'équipe sud-soudanaise aussi."
    assert found(text) == [
        ("SSD", "South Sudanese"),
        ("SDN", "Sudanese"),
        ("SSD", "sud-soudanaise"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Congolese deminers and Guinean police worked with Korean experts.",
        "Dominican officials visited the site.",
        "Les démineurs congolais et guinéens ont suivi la formation.",
        "Los técnicos congoleños y guineanos recibieron equipo.",
    ],
)
def test_adjectives_shared_by_two_states_are_not_read(text):
    assert find_demonyms(text) == []


def test_english_needs_a_capital_french_and_spanish_do_not():
    assert codes("French experts arrived.", "en") == ["FRA"]
    assert codes("french fries and japanese gardens", "en") == []
    assert codes("DES EXPERTS FRANÇAIS", "fr") == ["FRA"]
    assert codes("Experts Japonais", "fr") == ["JPN"]


def test_one_language_only_reads_that_language():
    text = "Le centre cambodgien and the Cambodian centre; el centro camboyano."
    assert found(text, "en") == [("KHM", "Cambodian")]
    assert found(text, "fr") == [("KHM", "cambodgien")]
    assert found(text, "es") == [("KHM", "camboyano")]
    assert codes(text) == ["KHM", "KHM", "KHM"]
    with pytest.raises(ValueError):
        find_demonyms(text, "de")


def test_regions_are_not_states():
    text = (
        "Latin American and North American donors met in the Indian Ocean region; "
        "la coopération sud-américaine dans l'océan Indien."
    )
    assert find_demonyms(text) == []
    assert codes("American and Indian donors", "en") == ["USA", "IND"]


def test_bolivianos_after_an_amount_are_money():
    text = "Se destinaron 2.500.000 bolivianos a los equipos bolivianos."
    assert found(text, "es") == [("BOL", "bolivianos")]
    assert find_demonyms(text)[0].start == text.rindex("bolivianos")


def test_mentions_are_in_order_never_overlap_and_mix_with_state_names():
    text = "Irish, Dutch and Belgian funds; Australian, Austrian, Nigerian, Nigerien."
    mentions = find_demonyms(text)
    assert [m.code for m in mentions] == [
        "IRL",
        "NLD",
        "BEL",
        "AUS",
        "AUT",
        "NGA",
        "NER",
    ]
    assert all(a.end <= b.start for a, b in zip(mentions, mentions[1:], strict=False))
    assert all(isinstance(m, StateMention) for m in mentions)
    assert demonyms.DemonymMention is StateMention


def test_line_breaks_and_spaces_inside_a_form():
    text = "The Sierra\nLeonean   authority and the Costa Rican one."
    assert codes(text, "en") == ["SLE", "CRI"]


def test_no_words_no_mentions():
    assert find_demonyms("") == []
    assert find_demonyms("1 250 000 m² released in 2031.") == []


# --- the data file ---


def rows() -> list[dict[str, str]]:
    with DATA_PATH.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_the_file_has_its_columns_and_one_row_per_state():
    data = rows()
    assert list(data[0]) == ["iso3", "en", "fr", "es"]
    iso3 = [row["iso3"] for row in data]
    assert len(iso3) == len(set(iso3))


def test_every_code_is_an_iso_alpha_3():
    for code in load_demonyms():
        assert pycountry.countries.get(alpha_3=code) is not None, code


def test_no_form_is_listed_for_two_states():
    owner: dict[str, str] = {}
    for code, languages in load_demonyms().items():
        for forms in languages.values():
            for form in forms:
                key = " ".join(form.casefold().replace("-", " ").split())
                assert owner.setdefault(key, code) == code, (form, owner[key], code)


def test_forms_are_clean():
    for code, languages in load_demonyms().items():
        for language, forms in languages.items():
            assert len(forms) == len(set(forms)), (code, language)
            for form in forms:
                assert form == form.strip() and "  " not in form, (code, form)
                if language == "en":
                    assert form[0].isupper(), (code, form)
                else:
                    assert form == form.lower(), (code, form)


def test_every_form_is_found_in_a_sentence_of_its_language():
    for code, languages in load_demonyms().items():
        for language, forms in languages.items():
            for form in forms:
                text = f"Before {form} after."
                assert codes(text, language) == [code], (code, language, form)


def test_states_not_party_that_matter_in_mine_action_are_covered():
    table = load_demonyms()
    for code in NOT_PARTY:
        assert code in table and any(table[code].values()), code


def test_every_state_party_is_covered():
    if not SHARED_STATES_PARTIES.exists():
        pytest.skip(f"{SHARED_STATES_PARTIES} is not available")
    with SHARED_STATES_PARTIES.open(encoding="utf-8") as handle:
        parties = [row["iso3"] for row in csv.DictReader(handle)]
    missing = sorted(set(parties) - set(load_demonyms()))
    assert not missing
