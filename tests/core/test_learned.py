"""The learned reader: its training data, its shipped weights, and what it adds to the rules.

Every sentence here was written for these tests.
"""

import json
import re
from pathlib import Path

import jsonschema
import numpy as np
import pytest
from click.testing import CliRunner

from casework.cli.analyse import analyse_command, train_command
from casework.core.indicators import CODES
from casework.core.indicators.learned import (
    MODEL_PATH,
    features,
    grams,
    is_candidate,
    load_model,
    read_meta,
    viewpoint_text,
)
from casework.core.indicators.training import (
    GENRES,
    data_hash,
    load_examples,
    train,
)
from casework.core.model import Page, PipelineConfig, SourceFile
from casework.core.report import to_json
from casework.core.run import analyse_source
from casework.core.state_names import find_states

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads(
    (ROOT / "src/casework/core/schema/analysis.schema.json").read_text()
)
DEV = ROOT.parent / "shared" / "corpus" / "dev"


def analyse(pages, state, *, model=True, ask_state=True):
    source = SourceFile(
        Path("t.txt"),
        "0" * 64,
        "text",
        tuple(Page(i + 1, t) for i, t in enumerate(pages)),
        state_hint=state,
    )
    return analyse_source(
        source, PipelineConfig(model=model), state=state if ask_state else None
    )


def present(analysis):
    return {f.code for f in analysis.findings if f.present}


def test_training_data_is_large_multilingual_and_covers_every_indicator_and_genre():
    examples = load_examples()
    assert len(examples) >= 3000
    by_language = {
        lang: sum(e.language == lang for e in examples) for lang in ["en", "fr", "es"]
    }
    assert by_language["fr"] >= 700 and by_language["es"] >= 700, by_language
    for code in CODES:
        assert sum(code in e.codes for e in examples) >= 100, code
    assert {e.genre for e in examples} == set(GENRES)
    negatives = sum(not e.codes for e in examples)
    assert 0.25 <= negatives / len(examples) <= 0.6
    # A viewpoint is a State (ISO 3166 alpha-3); a global text gives no information.
    import pycountry

    states = {c.alpha_3 for c in pycountry.countries}
    assert {e.state for e in examples if e.state} <= states
    assert [e.id for e in examples if not e.state and e.codes] == []


def test_a_bad_training_line_is_named_with_its_file_and_line(tmp_path):
    (tmp_path / "x.jsonl").write_text(
        '{"id": "a", "language": "en", "genre": "news", "state": "", "text": "t", "codes": []}\n'
        '{"id": "b", "language": "en", "genre": "news", "state": "", "text": "t", "codes": ["funding"]}\n'
    )
    with pytest.raises(
        ValueError, match=r"x.jsonl line 2: unknown codes \['funding'\]"
    ):
        load_examples(tmp_path)


def test_shipped_model_was_trained_on_the_current_passages():
    meta = read_meta()
    assert meta["training_sha256"] == data_hash(), "run casework train"
    assert meta["passages"] == len(load_examples())
    model = load_model()
    assert model is not None and model.codes == CODES
    assert np.all((model.thresholds >= 0.5) & (model.thresholds <= 0.9))
    result = CliRunner().invoke(train_command, ["--check"])
    assert result.exit_code == 0 and "up to date" in result.output


@pytest.mark.skipif(
    not DEV.is_dir(), reason="the dev corpus is not beside the checkout"
)
def test_no_training_passage_is_taken_from_the_dev_corpus():
    # Sentences only: form titles and the Convention's name are the same everywhere.
    dev = " ".join(
        " ".join(p.read_text(encoding="utf-8").split()) for p in DEV.glob("*.txt")
    )
    copied = [
        e.id
        for e in load_examples()
        if len(e.text.split()) >= 12
        and e.text.rstrip().endswith(".")
        and " ".join(e.text.split()) in dev
    ]
    assert copied == []


def test_viewpoint_replaces_only_the_state_concerned():
    text = "Japan funded survey in Angola."
    masked, own, other = viewpoint_text(text, "AGO", "en", find_states(text))
    assert masked == "Japan funded survey in the country." and (own, other) == (
        1.0,
        1.0,
    )
    masked, own, other = viewpoint_text(text, "JPN", "fr", find_states(text))
    assert masked.startswith("le pays funded") and own == 1.0


def test_viewpoint_replaces_the_adjective_of_the_state_concerned_only():
    text = "Japanese support enabled the Cambodian centre to equip two teams."
    masked, own, other = viewpoint_text(text, "KHM", "en", find_states(text))
    assert masked == "Japanese support enabled the national centre to equip two teams."
    assert (own, other) == (1.0, 1.0)
    text = "L'appui belge a permis aux équipes tchadiennes de travailler."
    masked, own, other = viewpoint_text(text, "TCD", "fr", find_states(text))
    assert masked == "L'appui belge a permis aux équipes nationales de travailler."
    text = "Los técnicos peruanos visitaron el centro colombiano."
    masked, own, other = viewpoint_text(text, "PER", "es", find_states(text))
    assert masked == "Los técnicos nacionales visitaron el centro colombiano."
    assert (own, other) == (1.0, 1.0)


def test_the_candidate_net_keeps_nearly_every_passage_that_gives_information():
    # Thresholds are chosen on every training passage; a positive the net drops is never
    # scored in a real document, so the net must let through nearly all of them (what it
    # drops are bare table rows of figures, which need their column headers).
    positives = [e for e in load_examples() if e.codes]
    dropped = [e.text for e in positives if not is_candidate(e.text.lower())]
    assert len(dropped) / len(positives) < 0.02, dropped[:20]
    for text in [
        "Heavy rains cut the road to the northern task sites for three months.",
        "Les agents de la commission, rémunérés par l'État, ont sensibilisé 30 écoles.",
        "Dos técnicos realizaron una pasantía en el centro de Bosnia y Herzegovina.",
        "The project (Norway) released the last road in the district.",
    ]:
        assert is_candidate(text.lower()), text


def test_word_grams_fold_accents_and_digits():
    assert np.array_equal(grams("Financé en 2031"), grams("finance en 1999"))
    assert not np.array_equal(grams("financé"), grams("financement"))


def test_indirect_wording_the_rules_miss_is_found_with_model_evidence():
    pages = [
        "El Estado asume el pago de los haberes del personal militar asignado al "
        "desminado y el mantenimiento de las bases de operaciones."
    ]
    assert "national_resources" not in present(analyse(pages, "PER", model=False))
    analysis = analyse(pages, "PER")
    finding = next(f for f in analysis.findings if f.code == "national_resources")
    assert finding.present
    evidence = finding.evidence[0]
    assert evidence.text in pages[0] and evidence.page == 1
    assert evidence.rule.startswith("usem3-logreg/") and evidence.score >= 0.5
    data = {"documents": [to_json(analysis)]}
    jsonschema.validate(data, SCHEMA)
    item = data["documents"][0]["indicators"]["national_resources"]["evidence"][0]
    assert item["found_by"] == "model" and 0.5 <= item["score"] <= 1


def test_rules_only_gives_no_model_evidence():
    pages = ["To finish by its deadline the authority still needs about USD 8 million."]
    analysis = analyse(pages, "ZWE", model=False)
    assert all(e.score is None for f in analysis.findings for e in f.evidence)


def test_support_reads_as_received_or_given_from_the_viewpoint():
    text = (
        "Survey teams of an international operator, paid for by Japan, released "
        "farmland in Angola's Huambo province in 2031."
    )
    assert "assistance_received" in present(analyse([text], "AGO"))
    assert "assistance_received" not in present(analyse([text], "JPN"))


def test_a_global_paragraph_gives_nothing_to_the_state():
    text = (
        "Worldwide, contributions to mine action fell for the third year running, "
        "and many affected States Parties reported funding gaps."
    )
    assert present(analyse([text], "TCD")) == set()


def test_document_about_several_states_gives_findings_per_state():
    pages = [
        "Preliminary observations of the Committee\n\n"
        "Senegal\n"
        "Senegal reported that its national authority convenes operators, donors and "
        "United Nations agencies twice a year to review progress and funding.\n\n"
        "Cambodia\n"
        "Cambodia reported that women make up 38 per cent of its survey teams and that "
        "casualty data are disaggregated by sex and age.\n"
        "It also reported that a national budget line covers the salaries of deminers."
    ]
    analysis = analyse(pages, None, ask_state=False)
    by_state = {
        code: {f.code for f in fs if f.present} for code, fs in analysis.by_state
    }
    assert "national_platform" in by_state["SEN"]
    assert "gender_diversity" not in by_state["SEN"]
    assert {"gender_diversity", "national_resources"} <= by_state["KHM"]
    assert "national_platform" not in by_state["KHM"]
    data = {"documents": [to_json(analysis)]}
    jsonschema.validate(data, SCHEMA)
    evidence = data["documents"][0]["by_state"]["KHM"]["gender_diversity"]["evidence"]
    assert all(e["text"] in pages[0] for e in evidence)
    focused = analyse(pages, "KHM")
    assert focused.by_state == () and focused.state == "KHM"


def test_analyse_text_prints_what_was_read(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(
        "First page of the note.\fSecond page of the note.", encoding="utf-8"
    )
    result = CliRunner().invoke(analyse_command, [str(path), "--text"])
    assert result.exit_code == 0
    assert result.stdout == "First page of the note.\fSecond page of the note.\n"
    clash = CliRunner().invoke(analyse_command, [str(path), "--text", "--json"])
    assert clash.exit_code == 2 and "cannot be used together" in clash.output


def test_features_of_no_passage_are_empty():
    empty = features([], states=[], languages=[])
    assert empty.dense.shape == (0, 514) and empty.grams == []


@pytest.mark.slow
def test_training_is_reproducible(tmp_path):
    out = tmp_path / "model.npz"
    meta = train(out=out)
    assert meta["training_sha256"] == read_meta()["training_sha256"]
    with np.load(out) as fresh, np.load(MODEL_PATH) as shipped:
        for key in ("weights", "gram_weights", "bias", "thresholds"):
            assert np.allclose(fresh[key], shipped[key], atol=1e-3), key
    assert re.fullmatch(r"\d{8}", meta["version"])
