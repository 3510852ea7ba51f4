import pytest
from django.template import Context, Template
from django.urls import reverse

from casework.domain.state_names import forms
from casework.exports.readback import docx_styles, docx_text, pdf_text
from casework.observations import services
from casework.observations.compilation import build_compilation
from casework.observations.drafting import draft
from casework.observations.models import Observation
from casework.states.models import StateParty

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("iso3", "subject", "of"),
    [
        ("SEN", "le Sénégal", "du Sénégal"),
        ("TUR", "la Türkiye", "de la Türkiye"),
        ("NLD", "les Pays-Bas", "des Pays-Bas"),
        ("AFG", "l'Afghanistan", "de l'Afghanistan"),
        ("MDG", "Madagascar", "de Madagascar"),
        ("MEX", "le Mexique", "du Mexique"),
        ("GNB", "la Guinée-Bissau", "de la Guinée-Bissau"),
        ("ECU", "l'Équateur", "de l'Équateur"),
        ("PHL", "les Philippines", "des Philippines"),
        (
            "COD",
            "la République démocratique du Congo",
            "de la République démocratique du Congo",
        ),
        # The two that observations/names.py had wrong (issue 13).
        ("SLE", "la Sierra Leone", "de la Sierra Leone"),
        ("OMN", "Oman", "d'Oman"),
    ],
)
def test_french_state_names_take_the_right_article(iso3, subject, of):
    assert forms(iso3, "fr").subject == subject
    assert forms(iso3, "fr").of == of


def test_drafts_use_the_one_table_of_state_names():
    sierra_leone = StateParty.objects.get(iso3="SLE")
    oman = StateParty.objects.get(iso3="OMN")
    french = draft(sierra_leone, 2025, {"challenges"}, language="fr")
    assert "La Sierra Leone a fourni des informations" in french
    assert "le Comité encourage la Sierra Leone à " in french
    assert "le Sierra Leone" not in french.lower()
    no_docs = draft(oman, 2025, set(), language="fr", has_documents=False)
    assert "de la part d'Oman pour 2025" in no_docs
    assert "de Oman" not in no_docs


def test_plural_states_agree_in_french_and_spanish():
    netherlands = StateParty.objects.get(iso3="NLD")
    french = draft(netherlands, 2025, {"challenges"}, language="fr")
    spanish = draft(netherlands, 2025, {"challenges"}, language="es")
    assert "Les Pays-Bas ont fourni des informations sur les difficultés" in french
    assert "Los Países Bajos proporcionaron información" in spanish
    assert "alienta a los Países Bajos a" in spanish


def test_every_draft_addresses_gender_and_encourages_with_the_action_plan():
    state = StateParty.objects.get(iso3="SEN")
    for language, words in (
        ("en", "Gender and diversity."),
        ("fr", "Genre et diversité."),
        ("es", "Género y diversidad."),
    ):
        text = draft(state, 2025, set(), language=language)
        assert words in text
        assert text.count("\n\n") == 7  # introduction + seven themes
    assert "Action #3" in draft(state, 2024, set(), language="en")


def test_edits_survive_regeneration_unless_discarded(reviewed, support):
    observation = services.generate(reviewed, 2025)
    services.edit(observation, "fr", "Texte revu par le Comité.", user=support)
    services.generate(reviewed, 2025)
    assert observation.texts.get(language="fr").text == "Texte revu par le Comité."
    services.generate(reviewed, 2025, discard_edits=True)
    assert observation.texts.get(language="fr").text.startswith("Le Comité a examiné")


def test_status_flow_and_public_partial(reviewed):
    observation = services.generate(reviewed, 2025)
    assert services.published_for_state(reviewed) == []
    services.advance(observation, by=None)
    assert observation.status == Observation.Status.AGREED
    services.advance(observation, by=None)
    assert [o.pk for o in services.published_for_state(reviewed)] == [observation.pk]
    html = Template(
        "{% load observations_tags %}{% published_observations state %}"
    ).render(Context({"state": reviewed}))
    assert "Senegal provided information on the national resources" in html


def test_compilation_docx_and_pdf(reviewed):
    from casework.exports.docx import render_docx
    from casework.exports.pdf import render_pdf

    observation = services.generate(reviewed, 2025)
    services.advance(observation, by=None)
    for language, sentence in (
        ("en", "Senegal provided information on the national"),
        ("fr", "Le Sénégal a fourni des informations sur les ressources"),
        ("es", "El Senegal proporcionó información sobre los recursos nacionales"),
    ):
        spec = build_compilation(2025, language=language)
        docx = render_docx(spec)
        assert sentence in " ".join(docx_text(docx).split())
        assert any(style.startswith("Heading") for style in docx_styles(docx))
        assert sentence in " ".join(pdf_text(render_pdf(spec)).split())


def test_outsiders_cannot_see_drafts(client, reviewed, outsider, owner):
    observation = services.generate(reviewed, 2025)
    url = reverse("observations:detail", args=[observation.pk])
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    assert (
        "Senegal"
        not in client.get(reverse("observations:list") + "?year=2025").content.decode()
    )
    # Only editors change a status: 403 before the observation is even looked up.
    assert (
        client.post(reverse("observations:status", args=[observation.pk])).status_code
        == 403
    )
    assert (
        client.get(
            reverse("observations:compilation", args=[2025, "en", "docx"])
        ).status_code
        == 403
    )
    client.force_login(owner)
    assert client.get(url).status_code == 200
    assert (
        client.post(
            reverse("observations:edit", args=[observation.pk, "en"]), {"text": "x"}
        ).status_code
        == 403
    )


def test_list_queries_are_bounded(
    client, support, reviewed, django_assert_max_num_queries
):
    services.generate(reviewed, 2025)
    client.force_login(support)
    with django_assert_max_num_queries(10):
        assert (
            client.get(reverse("observations:list") + "?year=2025").status_code == 200
        )


def test_platform_register_feeds_the_coordination_paragraph(reviewed):
    import datetime as dt

    from casework.engagement.models import Platform

    Platform.objects.create(
        state=reviewed,
        exists="yes",
        established_on=dt.date(2019, 5, 2),
        last_meeting_on=dt.date(2025, 3, 1),
    )
    observation = services.generate(reviewed, 2025)
    french = observation.texts.get(language="fr").text
    english = observation.texts.get(language="en").text
    spanish = observation.texts.get(language="es").text
    assert "registre des plateformes nationales" in french
    assert (
        "créée en 2019, dont la dernière réunion a eu lieu le 1er mars 2025" in french
    )
    assert "which last met on 1 March 2025" in english
    assert "cuya última reunión se celebró el 1 de marzo de 2025" in spanish


def test_no_register_entry_adds_nothing(reviewed):
    observation = services.generate(reviewed, 2025)
    assert "register" not in observation.texts.get(language="en").text
