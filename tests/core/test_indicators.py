from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casework.core.gate import views
from casework.core.indicators.detect import find_hits, score_hits
from casework.core.model import Page, PipelineConfig, SourceFile
from casework.core.run import analyse_source
from casework.core.segment import segment


def present(text: str, state: str = "TCD") -> set[str]:
    source = SourceFile(
        Path("t.txt"), "0" * 64, "text", (Page(1, text),), state_hint=state
    )
    analysis = analyse_source(source, PipelineConfig())
    for finding in analysis.findings:
        for evidence in finding.evidence:
            assert evidence.text in text  # verbatim
    return {f.code for f in analysis.findings if f.present}


OWN_WORDS = [
    (
        "Heavy rains and insecurity hampered survey teams in the east throughout 2031.",
        "challenges",
    ),
    (
        "L'insécurité dans le nord entrave fortement l'accès des équipes depuis 2030.",
        "challenges",
    ),
    (
        "Chad seeks international support of USD 4 million to complete the survey of the north.",
        "assistance_needs",
    ),
    (
        "El Estado asignó USD 300.000 del presupuesto nacional al centro de desminado en 2031.",
        "national_resources",
    ),
    (
        "Survey in the east was funded by the European Union through a three-year grant.",
        "assistance_received",
    ),
    (
        "Le Tchad a adopté une stratégie de mobilisation des ressources en 2031.",
        "resource_mobilisation",
    ),
    (
        "Una empresa del sector privado financiará el despeje de dos municipios del norte.",
        "innovative_financing",
    ),
    (
        "The national mine action platform met twice with donors and operators in 2031.",
        "national_platform",
    ),
    (
        "Chad requested an individualised approach meeting for the next Meeting of the States Parties.",
        "individualised_approach",
    ),
    (
        "Los datos de víctimas están desagregados por sexo y edad y el 40 % del personal son mujeres.",
        "gender_diversity",
    ),
    (
        "In 2031 the centre hosted an exchange visit of officials from Niger to share its experience.",
        "knowledge_exchange",
    ),
    (
        "Le plan de travail 2031-2035 fixe des jalons annuels et un budget de 9 millions USD.",
        "costed_plan",
    ),
]


@pytest.mark.parametrize(("text", "code"), OWN_WORDS)
def test_each_indicator_in_its_own_words(text, code):
    assert code in present(text)


def test_absence_is_still_information():
    assert "national_platform" in present(
        "No national platform has been set up yet; partners and the "
        "authority have not met since 2029."
    )
    assert "individualised_approach" in present(
        "Chad has not yet requested an individualised approach meeting."
    )


def test_headings_contents_lines_and_references_give_nothing():
    text = (
        "8. Resources made available\nResource mobilisation .......... 12\n"
        "Gender and diversity\nSee Form C.\n3.4 Plataforma nacional"
    )
    assert present(text) == set()


def test_news_furniture_is_not_a_challenge():
    text = (
        "The director of the Chad mine action authority could not be reached for "
        "comment on Tuesday evening."
    )
    assert "challenges" not in present(text)
    assert "challenges" in present(
        "Three villages in the north of Chad could not be reached by survey teams in 2031."
    )


def test_global_background_is_not_about_the_state():
    assert (
        present(
            "Worldwide, many countries saw funding decline and several donors reduced support."
        )
        == set()
    )


def test_donor_text_gives_assistance_provided_not_needs():
    text = (
        "In 2031 Norway provided NOK 40 million for mine action in six countries through NPA and UNMAS. "
        "Colombia still needs support to survey remote areas."
    )
    found = present(text, state="NOR")
    assert "assistance_provided" in found
    assert "assistance_needs" not in found


def test_no_state_concerned_reports_nothing_with_a_warning(tmp_path):
    source = SourceFile(
        Path("g.txt"),
        "0" * 64,
        "text",
        (Page(1, "Funding was short for operators."),),
        has_header=True,
    )
    analysis = analyse_source(source, PipelineConfig())
    assert not any(f.present for f in analysis.findings)
    assert any("no State concerned" in i.message for i in analysis.issues)


_LINES = [text for text, _code in OWN_WORDS] + [
    "Donor | Operator | Amount received",
    "Japan | The HALO Trust | USD 1,250,000 for clearance in the north",
    "Support received | European Union | EUR 2,000,000 for survey in the east",
    "Worldwide, many countries still need international funding for clearance.",
]


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.sampled_from(_LINES), min_size=1, max_size=12),
        min_size=1,
        max_size=6,
    )
)
def test_settled_indicators_give_the_findings_of_every_hit(pages):
    """Skipping settled indicators never changes a score, a piece of evidence or its rule."""
    source = SourceFile(
        Path("t.txt"),
        "0" * 64,
        "text",
        tuple(Page(n + 1, "\n".join(lines)) for n, lines in enumerate(pages)),
        state_hint="TCD",
    )
    passages = segment(source)
    passage_views = views(passages)
    every = score_hits(
        find_hits(
            passages,
            state="TCD",
            donor=False,
            passage_views=passage_views,
            settle=False,
        )
    )
    settled = score_hits(
        find_hits(passages, state="TCD", donor=False, passage_views=passage_views)
    )
    assert settled == every


# Support a State gives abroad, in a donor's own words (invented facts) -------------------
GIVES_ABROAD = [
    (
        "IRL",
        "In 2031 my country provided EUR 2.5 million to mine action in Laos, Lebanon and Colombia.",
    ),
    (
        "IRL",
        "Our support to mine action in Ukraine and Iraq reached EUR 4 million last year.",
    ),
    (
        "DEU",
        "Germany deployed trainers to Ukraine to train explosive ordnance disposal teams.",
    ),
    ("FRA", "Instructors from France trained 40 deminers of Benin in 2031."),
    (
        "SWE",
        "Sweden announced a contribution of SEK 12 million to humanitarian demining in Angola.",
    ),
    (
        "FRA",
        "En 2031, mon pays a consacré 3 millions d'euros à l'action contre les mines au Liban et au Tchad.",
    ),
    ("FRA", "La France a déployé des formateurs au Bénin pour former des démineurs."),
    ("FRA", "Des instructeurs français ont formé 30 démineurs du Niger."),
    (
        "ESP",
        "En 2031 mi país aportó 2 millones de euros a la acción contra minas en Colombia, Perú y Ecuador.",
    ),
    (
        "ESP",
        "Nuestro apoyo a la acción contra minas en Colombia y Ucrania ascendió a 3 millones de euros.",
    ),
    ("ESP", "España desplegó instructores en Colombia para capacitar a desminadores."),
    ("ESP", "Instructores españoles capacitaron a 25 desminadores de Ecuador."),
    # a delegation in the first person, a giving noun the State owns, another State's thanks
    (
        "SVK",
        "My delegation is pleased to report that in 2031 we financed survey in Ukraine and Iraq.",
    ),
    (
        "ITA",
        "The Committee noted the contribution of Italy to clearance in Somalia in 2031.",
    ),
    ("ESP", "En 2031 hemos financiado el estudio no técnico en Colombia y el Ecuador."),
    (
        "BEL",
        "Le Mozambique remercie la Belgique, qui a financé ses équipes cynophiles en 2031.",
    ),
]


@pytest.mark.parametrize(("state", "text"), GIVES_ABROAD)
def test_support_given_abroad_is_assistance_provided(state: str, text: str) -> None:
    found = present(text, state=state)
    assert "assistance_provided" in found
    assert "national_resources" not in found


# The same kinds of words from the receiving side, or about a State's own budget.
NOT_GIVEN = [
    ("BEN", "Instructors from France trained 40 deminers of Benin in 2031."),
    (
        "UKR",
        "Germany deployed trainers to Ukraine to train explosive ordnance disposal teams.",
    ),
    (
        "KHM",
        "Cambodia thanks Japan, through its embassy, for funding a mine risk education project.",
    ),
    ("KHM", "In our country, Japan funds a mine risk education project through HALO."),
    (
        "KHM",
        "In 2031 our country allocated USD 2 million to mine action operations from its own resources.",
    ),
    (
        "TCD",
        "Le Tchad remercie la France pour sa contribution de 3 millions d'euros à la dépollution.",
    ),
    (
        "TCD",
        "En 2031, notre pays a consacré 2 milliards de FCFA à l'action contre les mines.",
    ),
    (
        "TCD",
        "En 2031, mon pays a consacré 3 milliards de FCFA du budget national au déminage.",
    ),
    (
        "COL",
        "Colombia agradece a España el aporte de 2 millones de euros para el desminado.",
    ),
    (
        "COL",
        "Colombia recibió instructores de España que capacitaron a desminadores nacionales.",
    ),
    (
        "COL",
        "En 2031 nuestro país destinó 10 mil millones de pesos a la acción integral contra minas.",
    ),
    (
        "PER",
        "Nuestro país destinó 5 millones de soles del presupuesto nacional al desminado.",
    ),
    # another State is the nearest giver, or the State is where the support goes
    ("AGO", "In Angola, Japan funded the survey of two provinces in 2031."),
    (
        "MOZ",
        "The Ministry of Foreign Affairs will ask new donors to fund clearance in Mozambique.",
    ),
    ("KHM", "Our country received EUR 2 million from Ireland for survey in 2031."),
    ("PER", "Los proyectos fueron financiados por España y el Japón en 2031."),
]


@pytest.mark.parametrize(("state", "text"), NOT_GIVEN)
def test_support_received_or_own_budget_is_not_assistance_provided(
    state: str, text: str
) -> None:
    assert "assistance_provided" not in present(text, state=state)


# In a passage where the State gives, the support named is not support it received.
GIVEN_NOT_RECEIVED = [
    (
        "SWE",
        "Sweden funded survivor assistance in Colombia, which receives SEK 5 million a "
        "year from Swedish cooperation.",
    ),
    (
        "BEL",
        "Le Mozambique remercie la Belgique, qui a financé ses équipes cynophiles en 2031.",
    ),
    (
        "CHE",
        "Suiza financió en 2031 el apoyo técnico de un operador a la autoridad nacional de Colombia.",
    ),
    # the donor's adjective right before its support
    (
        "USA",
        "US funding for clearance in the Lao People's Democratic Republic reached USD 45 million in 2031.",
    ),
    ("JPN", "Japanese funding for survey in Angola came to USD 2 million in 2031."),
]


@pytest.mark.parametrize(("state", "text"), GIVEN_NOT_RECEIVED)
def test_support_given_is_not_support_received(state: str, text: str) -> None:
    found = present(text, state=state)
    assert "assistance_provided" in found
    assert "assistance_received" not in found


@pytest.mark.parametrize(
    ("text", "state"),
    [
        (
            "España aportó 2 millones de euros a Colombia para el desminado en el Meta.",
            "COL",
        ),
        (
            "Japan will provide USD 3.2 million to Cambodia for clearance in Pailin.",
            "KHM",
        ),
        (
            "Le Japon a octroyé 3 millions de dollars au Cambodge pour le déminage.",
            "KHM",
        ),
        (
            "Norway has granted NOK 20 million for mine clearance in Cambodia until 2034.",
            "KHM",
        ),
    ],
)
def test_support_given_to_the_state_by_another_is_received_never_given(text, state):
    found = present(text, state)
    assert "assistance_received" in found, found
    assert "assistance_provided" not in found, found
