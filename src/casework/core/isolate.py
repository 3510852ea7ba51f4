"""Analyse a document in a child process, so that no file can hang or exhaust the caller.

run.py checks its time budget between stages, but it cannot interrupt a call stuck inside
pdfium or lxml, and no check inside the process can stop memory running out. A child process
can always be stopped: it gets a memory limit (RLIMIT_AS, on top of what it starts with) and a
deadline, and sends its Analysis back through a pipe. The caller's other files go on.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import resource
from multiprocessing.connection import Connection
from pathlib import Path

from casework.core.indicators.learned import encoder, load_model
from casework.core.model import Analysis, PipelineConfig
from casework.core.run import analyse_path, failed_analysis

logger = logging.getLogger(__name__)

GRACE_S = 5.0  # on top of the time budget: reading, pickling, starting the child


def _address_space() -> int | None:
    """This process's virtual size in bytes (Linux), or None when it cannot be read."""
    try:
        pages = Path("/proc/self/statm").read_text(encoding="ascii").split()[0]
        return int(pages) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return None


def preload_model() -> None:
    """Load the learned reader here, once, so that forked children share it (the encoder
    takes about a second to load; every document would pay it again)."""
    model = load_model()
    if model is not None:
        encoder().encode(["warm up"])


def _child(
    send: Connection, path: Path, config: PipelineConfig, state: str | None
) -> None:
    base = _address_space()
    if base is not None and config.max_memory_mb > 0:
        limit = base + config.max_memory_mb * 1024 * 1024
        # A lower hard limit already set is kept (setrlimit then refuses).
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_AS, (limit, resource.RLIM_INFINITY))
    analysis = analyse_path(path, config, state=state)
    try:
        send.send(analysis)
    except Exception as exc:  # e.g. out of memory while sending a huge text
        send.send(
            failed_analysis(path, state, f"{path.name}: could not be analysed ({exc})")
        )
    send.close()


def analyse_isolated(
    path: Path, config: PipelineConfig | None = None, *, state: str | None = None
) -> Analysis:
    """analyse_path in a child process with a memory limit and a deadline; never raises."""
    config = config or PipelineConfig()
    if config.model:
        preload_model()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(  # type: ignore[attr-defined]
        target=_child, args=(send, path, config, state), daemon=True
    )
    child.start()
    send.close()  # the child holds the only sending end: its death means end of file
    deadline = config.time_budget_s + GRACE_S
    analysis: Analysis | None = None
    try:
        if receive.poll(deadline):
            try:
                analysis = receive.recv()
            except EOFError:
                analysis = None  # the child died before sending
        else:
            logger.error("%s: stopped after %.0f s", path, deadline)
            child.kill()
            return failed_analysis(
                path,
                state,
                f"{path.name}: took more than {deadline:.0f} s and was stopped; split "
                "the file or allow more time (casework analyse --budget)",
            )
    finally:
        receive.close()
        child.join(1.0)
        if child.is_alive():
            child.kill()
            child.join()
    if analysis is None:
        logger.error("%s: the analysis process ended with %s", path, child.exitcode)
        return failed_analysis(
            path,
            state,
            f"{path.name}: the analysis stopped unexpectedly (exit code {child.exitcode}); "
            f"the file may be damaged or need more than {config.max_memory_mb} MB of "
            "memory: check it, export it again and retry",
        )
    return analysis
