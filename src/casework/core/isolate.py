"""Analyse a document in a child process, so that no file can hang or exhaust the caller.

run.py checks its time budget between stages, but it cannot interrupt a call stuck inside
pdfium or lxml, and no check inside the process can stop memory running out. A child process
can always be stopped: it gets a memory limit (RLIMIT_AS, on top of what it starts with) and a
deadline, and sends its Analysis back through a pipe. The caller's other files go on.

The child never outlives its parent: on Linux the kernel kills it when the parent dies
(PR_SET_PDEATHSIG, so even after `kill -9` of the worker); elsewhere it leads its own process
group, which the parent kills when it exits normally. It dies on SIGTERM and ignores SIGINT
(Ctrl+C stops the worker after the current document, not the document).
"""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import ctypes.util
import logging
import multiprocessing
import os
import resource
import signal
import sys
import tempfile
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Final

from casework.core.indicators.learned import encoder, load_model
from casework.core.model import Analysis, PipelineConfig
from casework.core.run import analyse_path, failed_analysis

logger = logging.getLogger(__name__)

GRACE_S = 5.0  # on top of the time budget: reading, pickling, starting the child
HEARTBEAT_EVERY_S = 10.0  # how often the caller's heartbeat runs while the child works
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>

# Children of this process still running (fallback without PR_SET_PDEATHSIG).
_LIVE_CHILDREN: set[int] = set()


def _die_with_parent(parent_pid: int) -> bool:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux only)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):
        return False
    if os.getppid() != parent_pid:  # the parent died before prctl took effect
        os._exit(1)
    return True


def _kill_live_children() -> None:
    for pid in list(_LIVE_CHILDREN):
        with contextlib.suppress(OSError):
            os.killpg(pid, signal.SIGKILL)


atexit.register(_kill_live_children)


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


# A few sentences in each language, analysed once in the worker before its first fork:
# everything the pipeline loads or compiles on first use (the language identifier's
# model, the regex gates, the rules, the learned reader) is then inherited by every
# child instead of being rebuilt for each document.
WARM_UP_TEXT: Final = (
    "The Government covered the salaries of the national mine action centre in 2025.\n\n"
    "Le Gouvernement a financé les salaires du centre national de déminage en 2025.\n\n"
    "El Gobierno financió los salarios del centro nacional de desminado en 2025.\n"
)
_warmed: set[bool] = set()


def warm_up(config: PipelineConfig) -> None:
    """Load and compile, in this process and once, what every analysis needs."""
    if config.model in _warmed:
        return
    if config.model:
        preload_model()
    with tempfile.TemporaryDirectory(prefix="casework-warm-") as folder:
        sample = Path(folder) / "warm-up.txt"
        sample.write_text(WARM_UP_TEXT, encoding="utf-8")
        try:
            analyse_path(sample, config)
        except Exception:  # a warm-up that fails only costs speed
            logger.warning("analyser warm-up failed", exc_info=True)
    _warmed.add(config.model)


def _child(
    send: Connection,
    path: Path,
    config: PipelineConfig,
    state: str | None,
    parent_pid: int,
) -> None:
    # The worker's own handlers (stop after the current job) were inherited by fork.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _die_with_parent(parent_pid):
        with contextlib.suppress(OSError):
            os.setpgid(0, 0)  # a group of its own, killed by the parent's atexit
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


def _wait(
    receive: Connection,
    deadline: float,
    heartbeat: Callable[[], None] | None,
    every: float,
) -> bool:
    """Wait for the child's answer until the deadline, calling `heartbeat` in between."""
    if heartbeat is None:
        return receive.poll(deadline)
    end = time.monotonic() + deadline
    while True:
        left = end - time.monotonic()
        if left <= 0:
            return receive.poll(0)
        if receive.poll(min(every, left)):
            return True
        heartbeat()


def analyse_isolated(
    path: Path,
    config: PipelineConfig | None = None,
    *,
    state: str | None = None,
    heartbeat: Callable[[], None] | None = None,
    heartbeat_every: float = HEARTBEAT_EVERY_S,
) -> Analysis:
    """analyse_path in a child process with a memory limit and a deadline; never raises
    (unless `heartbeat`, called every `heartbeat_every` seconds while waiting, raises)."""
    config = config or PipelineConfig()
    warm_up(config)
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(  # type: ignore[attr-defined]
        target=_child, args=(send, path, config, state, os.getpid()), daemon=True
    )
    child.start()
    _LIVE_CHILDREN.add(child.pid)
    send.close()  # the child holds the only sending end: its death means end of file
    deadline = config.time_budget_s + GRACE_S
    analysis: Analysis | None = None
    try:
        if _wait(receive, deadline, heartbeat, heartbeat_every):
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
        _LIVE_CHILDREN.discard(child.pid)
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
