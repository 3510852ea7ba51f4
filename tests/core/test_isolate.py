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


# --- one long-lived child for many documents (the worker, `casework analyse a b c`) ---


def _reports(tmp_path, *names):
    paths = []
    for name in names:
        path = tmp_path / f"{name}.txt"
        path.write_text(f"{name}\n{TEXT}", encoding="utf-8")
        paths.append(path)
    return paths


def _misbehaving(monkeypatch):
    """analyse_source that hangs, crashes or eats memory when the text asks it to."""
    import os

    real = run.analyse_source

    def analyse_source(source, config, **kwargs):
        first = source.pages[0].text.split("\n", 1)[0]
        if first == "stuck":
            time.sleep(60)
        if first == "crash":
            os._exit(3)
        if first == "bomb":
            return bytearray(3 * 1024**3)
        return real(source, config, **kwargs)

    # Patched before the shared child starts: the child is forked with it.
    monkeypatch.setattr(run, "analyse_source", analyse_source)


def _alive(pid):
    import os

    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split()[2] != "Z"


def test_a_shared_child_analyses_many_documents_as_the_analysis_does(tmp_path):
    paths = _reports(tmp_path, "one", "two", "three")
    config = PipelineConfig(model=False)
    with isolate.shared_child() as child:
        answers = [isolate.analyse_isolated(p, config, state="TCD") for p in paths]
        pid = child.pid
        assert child.processes_started == 1  # one fork for the three documents
        assert pid is not None and _alive(pid)
    assert not _alive(pid)  # stopped with the block
    for path, answer in zip(paths, answers, strict=True):
        assert to_json(answer) == to_json(run.analyse_path(path, config, state="TCD"))
    assert isolate._shared is None


def test_a_shared_child_that_hangs_crashes_or_overflows_is_replaced(
    tmp_path, monkeypatch
):
    _misbehaving(monkeypatch)
    monkeypatch.setattr(isolate, "GRACE_S", 0.5)
    good, stuck, crash, bomb, after = _reports(
        tmp_path, "good", "stuck", "crash", "bomb", "after"
    )
    config = PipelineConfig(model=False, time_budget_s=1.0, max_memory_mb=256)
    with isolate.shared_child(config) as child:
        assert not isolate.analyse_isolated(good, config).failed
        first = child.pid
        assert "took more than 2 s and was stopped" in only_error(
            isolate.analyse_isolated(stuck, config)
        )
        assert not _alive(first)
        assert "stopped unexpectedly (exit code 3)" in only_error(
            isolate.analyse_isolated(crash, config)
        )
        # Each document gets its limit on top of what the (re-used) child holds.
        assert not isolate.analyse_isolated(good, config).failed
        assert only_error(isolate.analyse_isolated(bomb, config)) == (
            "bomb.txt: needs more memory than the 256 MB allowed; "
            "split the file or export it again"
        )
        answer = isolate.analyse_isolated(after, config, state="TCD")
        assert to_json(answer) == to_json(run.analyse_path(after, config, state="TCD"))
        # good; stuck (killed); crash (died); good + bomb (replaced after the failure); after
        assert child.processes_started == 4


def test_a_shared_child_is_replaced_after_its_share_of_documents(tmp_path, monkeypatch):
    monkeypatch.setattr(isolate, "MAX_DOCUMENTS", 2)
    paths = _reports(tmp_path, "a", "b", "c")
    config = PipelineConfig(model=False)
    with isolate.shared_child() as child:
        for path in paths:
            assert not isolate.analyse_isolated(path, config).failed
        assert child.processes_started == 2


def test_a_heartbeat_that_raises_leaves_no_answer_for_the_next_document(
    tmp_path, monkeypatch
):
    _misbehaving(monkeypatch)
    stuck, good = _reports(tmp_path, "stuck", "good")
    config = PipelineConfig(model=False)

    def stop():
        raise KeyboardInterrupt

    with isolate.shared_child(config) as child:
        with pytest.raises(KeyboardInterrupt):
            isolate.analyse_isolated(stuck, config, heartbeat=stop, heartbeat_every=0.2)
        assert child.pid is None  # the busy child was stopped
        answer = isolate.analyse_isolated(good, config)
    assert answer.path == good and not answer.failed


def test_a_child_that_starts_with_the_caller_loads_the_models_itself(tmp_path):
    from casework.core.language import _identifier

    [path] = _reports(tmp_path, "warm")
    config = PipelineConfig(model=False)
    isolate._warmed.discard(False)
    _identifier.cache_clear()
    with isolate.shared_child(config, start=True) as child:
        answer = isolate.analyse_isolated(path, config, state="TCD")
        assert child.processes_started == 1
    # The caller stayed light: the child warmed up, not this process.
    assert False not in isolate._warmed
    assert _identifier.cache_info().currsize == 0
    assert to_json(answer) == to_json(run.analyse_path(path, config, state="TCD"))


def test_a_prefetched_document_is_analysed_while_the_caller_works(tmp_path):
    first, second, third = _reports(tmp_path, "first", "second", "third")
    config = PipelineConfig(model=False)
    with isolate.shared_child(config) as child:
        assert not isolate.prefetch_isolated(first, config)  # no ready child yet
        isolate.analyse_isolated(first, config, state="TCD")
        assert isolate.prefetch_isolated(second, config, state="TCD")
        assert not isolate.prefetch_isolated(third, config)  # one guess at a time
        answer = isolate.analyse_isolated(second, config, state="TCD")
        assert child.processes_started == 1  # the guess was right: same child
    assert to_json(answer) == to_json(run.analyse_path(second, config, state="TCD"))


def test_a_wrong_guess_is_stopped_and_never_taken_for_the_answer(tmp_path, monkeypatch):
    _misbehaving(monkeypatch)
    good, stuck, other = _reports(tmp_path, "good", "stuck", "other")
    config = PipelineConfig(model=False)
    with isolate.shared_child(config) as child:
        isolate.analyse_isolated(good, config)
        guessed = child.pid
        # A slow document is guessed, another is asked for: the guess is stopped at
        # once, not waited for.
        assert isolate.prefetch_isolated(stuck, config, state="TCD")
        started = time.monotonic()
        answer = isolate.analyse_isolated(other, config, state="TCD")
        assert time.monotonic() - started < 30
        assert not _alive(guessed)
        # The same file for another State is another document.
        assert isolate.prefetch_isolated(good, config, state="TCD")
        for_senegal = isolate.analyse_isolated(good, config, state="SEN")
    assert to_json(answer) == to_json(run.analyse_path(other, config, state="TCD"))
    assert to_json(for_senegal) == to_json(run.analyse_path(good, config, state="SEN"))
    assert child.processes_started == 3


def test_a_prefetched_document_keeps_its_deadline(tmp_path, monkeypatch):
    _misbehaving(monkeypatch)
    monkeypatch.setattr(isolate, "GRACE_S", 0.5)
    good, stuck = _reports(tmp_path, "good", "stuck")
    config = PipelineConfig(model=False, time_budget_s=1.0)
    with isolate.shared_child(config):
        isolate.analyse_isolated(good, config)
        assert isolate.prefetch_isolated(stuck, config)
        time.sleep(1.0)  # the caller writes the previous results meanwhile
        started = time.monotonic()
        message = only_error(isolate.analyse_isolated(stuck, config))
        # The deadline ran from the hand-over: half a second was left, not 1.5 s.
        assert time.monotonic() - started < 1.2
    assert "took more than 2 s and was stopped" in message


def test_a_worker_that_stops_with_a_guess_pending_does_not_wait_for_it(
    tmp_path, monkeypatch
):
    _misbehaving(monkeypatch)
    good, stuck = _reports(tmp_path, "good", "stuck")
    config = PipelineConfig(model=False)
    with isolate.shared_child(config) as child:
        isolate.analyse_isolated(good, config)
        assert isolate.prefetch_isolated(stuck, config)
        pid = child.pid
        started = time.monotonic()
    assert time.monotonic() - started < 0.5
    assert not _alive(pid)


def test_an_inner_shared_child_is_the_outer_one(tmp_path):
    [path] = _reports(tmp_path, "inner")
    config = PipelineConfig(model=False)
    with isolate.shared_child(config) as outer:
        with isolate.shared_child(config, start=True) as inner:
            assert inner is outer
            isolate.analyse_isolated(path, config)
        assert isolate._shared is outer and outer.pid is not None  # still running
    assert isolate._shared is None
