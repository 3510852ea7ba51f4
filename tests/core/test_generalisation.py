"""Realistic phrasings the dev corpus does not use: our own sentences, EN / FR / ES."""

from pathlib import Path

import pytest

from casework.core.model import Page, PipelineConfig, SourceFile
from casework.core.run import analyse_source


def found(pages: list[str], state: str = "TCD") -> set[str]:
    source = SourceFile(
        Path("t.txt"),
        "0" * 64,
        "text",
        tuple(Page(i + 1, text) for i, text in enumerate(pages)),
        state_hint=state,
    )
    analysis = analyse_source(source, PipelineConfig())
    text = "\f".join(pages)
    for finding in analysis.findings:
        for evidence in finding.evidence:
            assert evidence.text in text
    return {f.code for f in analysis.findings if f.present}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        (
            "The Government allocated 1.2 billion CFA francs to the demining centre in 2031.",
            "national_resources",
        ),
        (
            "Le Gouvernement lui a alloué 300 millions de francs CFA en 2031 pour ses équipes.",
            "national_resources",
        ),
        (
            "Las operaciones del batallón de ingenieros se financian con recursos del Tesoro.",
            "national_resources",
        ),
        (
            "El Estado chadiano destinó 200 millones de francos CFA al centro en 2031.",
            "national_resources",
        ),
        (
            "In 2031 the institutions paid USD 2 million from the budgets of the State and the regions.",
            "national_resources",
        ),
        (
            "The Mine Action Coordination Forum met twice in 2031 with donors and operators.",
            "national_platform",
        ),
        (
            "Le comité national de coordination s'est réuni deux fois avec les bailleurs en 2031.",
            "national_platform",
        ),
        (
            "La autoridad celebró la reunión semestral de coordinación con los cooperantes en marzo.",
            "national_platform",
        ),
        (
            "Chad needs USD 4.5 million to release the remaining 12 km² by the end of 2033.",
            "assistance_needs",
        ),
        (
            "Survey teams were seriously disrupted by the floods of August and September 2031.",
            "challenges",
        ),
        (
            "Les travaux ont été fortement perturbés par les pluies dans la région du Lac en 2031.",
            "challenges",
        ),
        (
            "Las actividades de despeje se vieron afectadas por las lluvias durante cuatro meses.",
            "challenges",
        ),
        (
            "Le Tchad a rejoint un mécanisme de financement mutualisé géré par les Nations Unies.",
            "innovative_financing",
        ),
        (
            "Risk education was adapted to indigenous languages after consulting the communities.",
            "gender_diversity",
        ),
    ],
)
def test_realistic_phrasings(text, code):
    assert code in found([text])


@pytest.mark.parametrize(
    "text",
    [
        # An agenda that reviews needs is not a statement of needs.
        "The meeting examined the funding needs of the operators for the coming season.",
        "La réunion a permis d'examiner les progrès accomplis et les besoins des opérateurs.",
        "El comité revisó los avances y las necesidades de financiación para el año próximo.",
        # Survivors' needs are victim assistance, not the State asking for assistance.
        "Social workers visited 40 survivors at home to identify their needs in 2031.",
    ],
)
def test_reviewing_needs_is_not_asking_for_assistance(text):
    assert "assistance_needs" not in found([text])


def test_the_status_of_funding_is_not_the_state_funding():
    text = "Les participants ont ensuite examiné l'état des financements disponibles en 2031."
    assert "national_resources" not in found([text])


def test_indigenous_beneficiaries_alone_are_not_diverse_needs():
    text = "The grant funds clearance near indigenous villages in the north of Chad."
    assert "gender_diversity" not in found([text])


def test_funding_training_by_operators_is_not_knowledge_exchange():
    text = "In 2031 Norway funded the training of 60 deminers of Chad through NPA and HALO."
    assert "knowledge_exchange" not in found([text], state="NOR")


def test_cover_page_and_contents_give_nothing():
    cover = (
        "CONVENTION ON THE PROHIBITION OF ANTI-PERSONNEL MINES\n"
        "ARTICLE 7 REPORT\nREPUBLIC OF CHAD\n"
        "Reporting period: 1 January 2031 to 31 December 2031"
    )
    contents = (
        "Contents\n1. Challenges .......... 3\n2. Assistance needs .......... 5\n"
        "3. National resources .......... 7\n4. Gender and diversity .......... 9\n"
        "Table des matières\nA. Difficultés rencontrées    4\nB. Besoins d'assistance    6\n"
        "Índice\n1. Cooperación internacional ..... 2\n2. Plan de trabajo ..... 3"
    )
    assert found([cover, contents]) == set()


def test_monitor_style_country_profile():
    profile = (
        "Chad\nSupport for mine action\n"
        "In 2031, Chad received US$3.1 million from three donors: Japan, the European Union "
        "and the United States.\n"
        "The national budget covered the salaries of the authority's staff and its premises.\n"
        "Chad reported that insecurity in the Tibesti region prevented survey of 14 areas."
    )
    assert {"assistance_received", "national_resources", "challenges"} <= found(
        [profile]
    )


def test_donor_report_stays_on_the_donor_side():
    report = (
        "In 2031 Japan contributed JPY 900 million to mine action in Cambodia, Laos and Chad.\n"
        "Japan also funded the training of deminers of the Chad authority through an operator.\n"
        "The projects examined the funding needs of each partner country."
    )
    result = found([report], state="JPN")
    assert "assistance_provided" in result
    assert not {"assistance_needs", "knowledge_exchange"} & result
