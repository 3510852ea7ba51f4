"""A document is analysed in a child process that can always be stopped."""

import time

import pytest

import casework.core.isolate as isolate
import casework.core.run as run
from casework.core.model import PipelineConfig
from casework.core.report import to_json

TEXT = (
    "Heavy rains and insecurity hampered survey teams in the east of Chad throughout 2031.\n"
    "Chad seeks international support of USD 4 million to complete the survey of the north.\n"
)


@pytest.fixture
def report(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def only_error(analysis):
    errors = [i.message for i in analysis.issues if i.severity == "error"]
    assert len(errors) == 1, analysis.issues
    return errors[0]


def test_isolated_analysis_is_the_analysis(report):
    isolated = isolate.analyse_isolated(report, state="TCD")
    assert to_json(isolated) == to_json(run.analyse_path(report, state="TCD"))
    assert "challenges" in {f.code for f in isolated.findings if f.present}


def test_a_document_stuck_inside_a_library_is_stopped(report, monkeypatch):
    def stuck(*args, **kwargs):  # as a call into pdfium that never returns
        time.sleep(60)

    monkeypatch.setattr(run, "analyse_source", stuck)
    monkeypatch.setattr(isolate, "GRACE_S", 0.5)
    started = time.monotonic()
    analysis = isolate.analyse_isolated(report, PipelineConfig(time_budget_s=1.0))
    assert time.monotonic() - started < 10
    message = only_error(analysis)
    assert message.startswith("report.txt: took more than 2 s and was stopped;")
    assert "--budget" in message


def test_a_document_that_needs_too_much_memory_is_stopped(report, monkeypatch):
    def greedy(*args, **kwargs):  # as a decompression bomb
        return bytearray(3 * 1024**3)

    monkeypatch.setattr(run, "analyse_source", greedy)
    analysis = isolate.analyse_isolated(report, PipelineConfig(max_memory_mb=256))
    assert only_error(analysis) == (
        "report.txt: needs more memory than the 256 MB allowed; "
        "split the file or export it again"
    )


def test_a_child_that_dies_gives_a_message_not_a_traceback(report, monkeypatch, capfd):
    import os

    monkeypatch.setattr(run, "analyse_source", lambda *a, **k: os._exit(3))
    message = only_error(isolate.analyse_isolated(report))
    assert message.startswith(
        "report.txt: the analysis stopped unexpectedly (exit code 3);"
    )
    assert "Traceback" not in capfd.readouterr().err


def test_the_worker_warms_up_once_and_children_give_the_same_answer(tmp_path):
    from casework.core import isolate
    from casework.core.language import _identifier
    from casework.core.model import PipelineConfig
    from casework.core.run import analyse_path

    config = PipelineConfig(model=False)
    isolate._warmed.discard(False)
    isolate.warm_up(config)
    assert False in isolate._warmed
    assert _identifier.cache_info().currsize >= 1  # the language model is loaded here
    text = tmp_path / "report.txt"
    text.write_text(
        "Le Gouvernement du Sénégal finance les salaires du personnel du centre national "
        "de déminage. Les besoins restants s'élèvent à 2 500 000 dollars.",
        encoding="utf-8",
    )
    isolated = isolate.analyse_isolated(text, config, state="SEN")
    direct = analyse_path(text, config, state="SEN")
    assert not isolated.failed
    assert isolated.findings == direct.findings and isolated.language == "fr"
