"""Documents about several States: who is named, and which passage is about whom.

Every sentence here was written for these tests.
"""

import json
from pathlib import Path

from click.testing import CliRunner

from casework.cli.analyse import analyse_command
from casework.core.attribution import passages_by_state
from casework.core.gate import views
from casework.core.model import Page, SourceFile
from casework.core.segment import segment

# 45 States in the forms a French Committee report gives them (articles, contractions).
FORMS = {
    "AFG": "de l'Afghanistan",
    "AGO": "de l'Angola",
    "ARG": "de l'Argentine",
    "BIH": "de la Bosnie-Herzégovine",
    "KHM": "du Cambodge",
    "TCD": "du Tchad",
    "CHL": "du Chili",
    "COL": "de la Colombie",
    "COD": "de la République démocratique du Congo",
    "CYP": "de Chypre",
    "ECU": "de l'Équateur",
    "ERI": "de l'Érythrée",
    "ETH": "de l'Éthiopie",
    "GNB": "de la Guinée-Bissau",
    "IRQ": "de l'Iraq",
    "MRT": "de la Mauritanie",
    "NER": "du Niger",
    "NGA": "du Nigéria",
    "OMN": "d'Oman",
    "PSE": "de l'État de Palestine",
    "PER": "du Pérou",
    "SEN": "du Sénégal",
    "SRB": "de la Serbie",
    "SOM": "de la Somalie",
    "SSD": "du Soudan du Sud",
    "SDN": "du Soudan",
    "LKA": "de Sri Lanka",
    "TJK": "du Tadjikistan",
    "THA": "de la Thaïlande",
    "TUR": "de la Türkiye",
    "UKR": "de l'Ukraine",
    "YEM": "du Yémen",
    "ZWE": "du Zimbabwe",
    "NOR": "de la Norvège",
    "JPN": "du Japon",
    "DEU": "de l'Allemagne",
    "CHE": "de la Suisse",
    "NLD": "des Pays-Bas",
    "AUS": "de l'Australie",
    "CAN": "du Canada",
    "BEL": "de la Belgique",
    "IRL": "de l'Irlande",
    "NZL": "de la Nouvelle-Zélande",
    "FRA": "de la France",
    "BFA": "du Burkina Faso",
}


def test_french_committee_report_naming_45_states_yields_exactly_those(tmp_path):
    forms = list(FORMS.values())
    body = (
        "Rapport du Comité sur le renforcement de la coopération et de l'assistance\n\n"
        "Le Comité a pris note des rapports " + ", ".join(forms[:20]) + ".\n"
        "Il a également examiné les informations " + ", ".join(forms[20:]) + ".\n"
        "Le Comité remercie les États parties de leur coopération."
    )
    path = tmp_path / "rapport.txt"
    path.write_text(body, encoding="utf-8")
    result = CliRunner().invoke(analyse_command, [str(path), "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)["documents"][0]
    assert sorted(document["states_mentioned"]) == sorted(FORMS)
    assert set(document.get("by_state", {})) <= set(FORMS)


def _views(text):
    source = SourceFile(Path("t.txt"), "0" * 64, "text", (Page(1, text),))
    return views(segment(source))


def test_passages_follow_the_state_of_their_section():
    text = (
        "Angola\n"
        "The national authority met its partners in March.\n"
        "Norway and Japan renewed their grants.\n\n"
        "Chad\n"
        "Floods delayed survey in the south."
    )
    about = {
        code: [v.text for v in found]
        for code, found in passages_by_state(_views(text)).items()
    }
    assert about["AGO"] == [
        "The national authority met its partners in March.",
        "Norway and Japan renewed their grants.",
    ]
    assert about["NOR"] == ["Norway and Japan renewed their grants."]
    assert about["TCD"] == ["Floods delayed survey in the south."]
