import json
import re
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from casework.cli.analyse import analyse_command, eval_command

SCHEMA = json.loads(
    (
        Path(__file__).resolve().parents[2]
        / "src/casework/core/schema/analysis.schema.json"
    ).read_text()
)


def write_corpus(folder: Path) -> Path:
    body = (
        "id: 1\nlanguage: en\nstate: TCD\nkind: other\n---\nREPUBLIC OF CHAD\n"
        "The national budget allocated USD 900,000 to the demining centre in 2031.\f"
        "Floods hampered operations in the south for three months."
    )
    (folder / "a.txt").write_text(body, encoding="utf-8")
    (folder / "labels.jsonl").write_text(
        json.dumps(
            {"file": "a.txt", "indicators": ["national_resources", "challenges"]}
        )
        + "\n"
    )
    return folder


def test_analyse_json_validates_and_quotes_verbatim(tmp_path):
    folder = write_corpus(tmp_path)
    result = CliRunner().invoke(analyse_command, [str(folder / "a.txt"), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    jsonschema.validate(data, SCHEMA)
    doc = data["documents"][0]
    body = (folder / "a.txt").read_text().split("\n---\n", 1)[1]
    assert doc["state"] == "TCD" and len(doc["indicators"]) == 12
    challenges = doc["indicators"]["challenges"]
    assert challenges["present"] and challenges["evidence"][0]["page"] == 2
    assert all(
        e["text"] in body for i in doc["indicators"].values() for e in i["evidence"]
    )


def test_analyse_exit_1_when_a_file_fails_but_others_are_reported(tmp_path):
    folder = write_corpus(tmp_path)
    (folder / "empty.pdf").write_bytes(b"")
    result = CliRunner().invoke(
        analyse_command, [str(folder / "a.txt"), str(folder / "empty.pdf"), "--json"]
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    jsonschema.validate(data, SCHEMA)
    assert [
        d["issues"][0]["severity"] if d["issues"] else None for d in data["documents"]
    ] == [None, "error"]


def test_analyse_usage_errors_exit_2(tmp_path):
    runner = CliRunner()
    assert runner.invoke(analyse_command, []).exit_code == 2
    assert (
        runner.invoke(analyse_command, [str(tmp_path / "missing.pdf")]).exit_code == 2
    )
    assert (
        runner.invoke(
            analyse_command, [str(write_corpus(tmp_path) / "a.txt"), "--state", "Chad"]
        ).exit_code
        == 2
    )


def test_human_table(tmp_path):
    result = CliRunner().invoke(
        analyse_command, [str(write_corpus(tmp_path) / "a.txt")]
    )
    assert result.exit_code == 0 and "national_resources" in result.output


def test_eval_last_line(tmp_path):
    corpus = str(write_corpus(tmp_path))
    result = CliRunner().invoke(eval_command, [corpus, "--rules-only"])
    assert result.exit_code == 0, result.output
    assert (
        result.stdout.strip().splitlines()[-1]
        == "macro-F1 1.000 micro-F1 1.000 evidence-verbatim 100.0%"
    )
    with_model = CliRunner().invoke(eval_command, [corpus])
    assert with_model.exit_code == 0, with_model.output
    last = with_model.stdout.strip().splitlines()[-1]
    assert re.fullmatch(
        r"macro-F1 \d\.\d{3} micro-F1 \d\.\d{3} evidence-verbatim 100\.0%", last
    )


def test_eval_cv_without_corpus_and_corpus_needed_otherwise():
    result = CliRunner().invoke(eval_command, [])
    assert result.exit_code == 2 and "--cv" in result.output


def test_eval_without_labels_is_a_usage_error(tmp_path):
    assert CliRunner().invoke(eval_command, [str(tmp_path)]).exit_code == 2
