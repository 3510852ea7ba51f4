"""Analyse documents in a child process, so that no file can hang or exhaust the caller.

run.py checks its time budget between stages, but it cannot interrupt a call stuck inside
pdfium or lxml, and no check inside the process can stop memory running out. A child process
can always be stopped: each document gets a memory limit (RLIMIT_AS, on top of what the
child holds when the document starts) and a deadline, and the child sends its Analysis back
through a pipe. The caller's other files go on.

`analyse_isolated` forks one child per call. Inside `shared_child()` (the worker, `casework
analyse` and `casework eval` on many files) it hands the documents, one at a time, to one
long-lived child instead: the language model, the regex gates and the learned reader are
loaded once, not for every document. That child is replaced when it crashes, misses a
deadline, fails a document (a failure may leave a library in a bad state), grows too large
or has analysed `MAX_DOCUMENTS` documents; the next document then goes to a fresh one.

`prefetch_isolated` hands the shared child the document the caller expects to ask for
next, so that the child analyses it while the caller does other work (the worker writes the
previous document's results meanwhile: the two cores work at once instead of in turns). The
next `analyse_isolated` with the same arguments takes that answer; a call for any other
document stops the guess first (the child is replaced), so a wrong guess costs time, never a
wrong result.

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
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Final

from casework.core.indicators.learned import encoder, load_model
from casework.core.model import Analysis, PipelineConfig
from casework.core.run import analyse_path, failed_analysis

logger = logging.getLogger(__name__)

GRACE_S = 5.0  # on top of the time budget: reading, pickling, starting the child
HEARTBEAT_EVERY_S = 10.0  # how often the caller's heartbeat runs while the child works
START_TIMEOUT_S = 300.0  # a fresh child loading the models (seconds on a busy machine)
MAX_DOCUMENTS = 500  # a long-lived child is replaced after this many documents
GROWTH_MB = 512  # ... or once it holds this much more memory than when it started
PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>
_READY: Final = "ready"

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


# A few sentences in each language, analysed once before the first document: everything
# the pipeline loads or compiles on first use (the language identifier's model, the regex
# gates, the rules, the learned reader) is then ready for every document, and inherited
# by every child forked afterwards.
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


def _limit_memory(max_memory_mb: int) -> None:
    """Allow this document `max_memory_mb` on top of what the process holds now."""
    base = _address_space()
    if base is None or max_memory_mb <= 0:
        return
    limit = base + max_memory_mb * 1024 * 1024
    # The soft limit moves with each document; a hard limit set from outside is kept.
    with contextlib.suppress(ValueError, OSError):
        _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _forget_embeddings() -> None:
    """Each document is embedded afresh, as in a child forked for it alone."""
    if encoder.cache_info().currsize:
        encoder().forget()


def _serve(
    connection: Connection,
    parent_end: Connection,
    config: PipelineConfig,
    parent_pid: int,
    max_documents: int,
) -> None:
    """The child: warm up, then analyse (path, config, state) requests until told to stop."""
    parent_end.close()  # else the parent closing its end would never reach us
    # The worker's own handlers (stop after the current job) were inherited by fork.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if not _die_with_parent(parent_pid):
        with contextlib.suppress(OSError):
            os.setpgid(0, 0)  # a group of its own, killed by the parent's atexit
    warm_up(config)  # nothing to do when the parent had warmed up before the fork
    started_with = _address_space()
    try:
        connection.send(_READY)
    except OSError:  # the parent stopped (or gave up on us) while we warmed up
        return
    served = 0
    while True:
        try:
            request = connection.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        path, config, state = request
        _limit_memory(config.max_memory_mb)
        _forget_embeddings()
        analysis = analyse_path(path, config, state=state)
        served += 1
        now = _address_space()
        keep = (
            not analysis.failed
            and served < max_documents
            and (
                started_with is None
                or now is None
                or now - started_with < GROWTH_MB * 1024 * 1024
            )
        )
        try:
            connection.send((analysis, keep))
        except Exception as exc:  # e.g. out of memory while sending a huge text
            message = f"{path.name}: could not be analysed ({exc})"
            connection.send((failed_analysis(path, state, message), False))
            return
        if not keep:
            return


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


@dataclass(frozen=True, slots=True)
class _Prefetched:
    """A document handed to the child before it was asked for."""

    request: tuple[Path, PipelineConfig, str | None]
    ends: float  # time.monotonic() deadline of its answer


def _context() -> Any:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


class AnalysisChild:
    """One analysis process at a time, given documents one by one and replaced when it
    dies, misses a deadline, fails a document or has served its share."""

    def __init__(self, *, max_documents: int | None = None) -> None:
        self.max_documents = MAX_DOCUMENTS if max_documents is None else max_documents
        self.processes_started = 0
        self._process: Any = None
        self._connection: Connection | None = None
        self._ready = False
        self._prefetched: _Prefetched | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    def start(self, config: PipelineConfig | None = None) -> None:
        """Fork the child now, if none runs: it loads the models while the caller goes
        on. A replacement is forked from a warmed-up caller (loaded once, here)."""
        if self._process is not None:
            return
        config = config or PipelineConfig()
        if self.processes_started:
            warm_up(config)
        context = _context()
        mine, theirs = context.Pipe(duplex=True)
        process = context.Process(
            target=_serve,
            args=(theirs, mine, config, os.getpid(), self.max_documents),
            daemon=True,
        )
        process.start()
        theirs.close()  # the child holds the only other end: its death is end of file
        _LIVE_CHILDREN.add(process.pid)
        self.processes_started += 1
        self._process, self._connection, self._ready = process, mine, False

    def close(self) -> None:
        """Stop the child (it ends by itself when it can; else it is killed)."""
        process, connection = self._process, self._connection
        busy = not self._ready or self._prefetched is not None
        self._process, self._connection, self._ready = None, None, False
        self._prefetched = None
        if process is None or connection is None:
            return
        with contextlib.suppress(OSError, ValueError):
            connection.send(None)
        connection.close()
        # Still warming up, or working on a document nobody will ask for: no need to
        # wait for it to see the request to stop.
        process.join(0 if busy else 1.0)
        if process.is_alive():
            process.kill()
            process.join()
        _LIVE_CHILDREN.discard(process.pid)

    def _kill(self) -> int | None:
        """Stop the child at once; its exit code."""
        process = self._process
        if process is not None:
            process.kill()
        self.close()
        return process.exitcode if process is not None else None

    def _died(self) -> int | None:
        """The child ended on its own: reap it; its exit code."""
        process = self._process
        if process is not None:
            process.join(1.0)
        return self._kill()

    def analyse(
        self,
        path: Path,
        config: PipelineConfig,
        *,
        state: str | None = None,
        heartbeat: Callable[[], None] | None = None,
        heartbeat_every: float = HEARTBEAT_EVERY_S,
    ) -> Analysis:
        """analyse_path in the child with a memory limit and a deadline; never raises
        (unless `heartbeat`, called every `heartbeat_every` s while waiting, raises)."""
        try:
            return self._analyse(path, config, state, heartbeat, heartbeat_every)
        except BaseException:
            self._kill()  # its answer, if any, would be mistaken for the next one's
            raise

    def prefetch(
        self, path: Path, config: PipelineConfig, *, state: str | None = None
    ) -> bool:
        """Start on the document the caller will most likely ask for next, if a ready
        child is idle; `analyse` with the same arguments takes the answer. Never waits."""
        connection = self._connection
        if self._prefetched is not None or not self._ready or connection is None:
            return False
        try:
            connection.send((path, config, state))
        except (OSError, ValueError):
            self._died()
            return False
        ends = time.monotonic() + config.time_budget_s + GRACE_S
        self._prefetched = _Prefetched((path, config, state), ends)
        return True

    def _analyse(
        self,
        path: Path,
        config: PipelineConfig,
        state: str | None,
        heartbeat: Callable[[], None] | None,
        heartbeat_every: float,
    ) -> Analysis:
        prefetched, self._prefetched = self._prefetched, None
        deadline = config.time_budget_s + GRACE_S
        wait_s = deadline
        if prefetched is not None and prefetched.request == (path, config, state):
            connection = self._connection
            assert connection is not None
            wait_s = max(0.0, prefetched.ends - time.monotonic())
        else:
            if prefetched is not None:
                # A wrong guess: its answer would be taken for this document's.
                logger.info(
                    "%s: prefetched, not asked for; stopped", prefetched.request[0]
                )
                self._kill()
            sent = self._send(path, config, state, heartbeat, heartbeat_every)
            if isinstance(sent, Analysis):
                return sent  # the child could not take the document
            connection = sent
        if not _wait(connection, wait_s, heartbeat, heartbeat_every):
            logger.error("%s: stopped after %.0f s", path, deadline)
            self._kill()
            return failed_analysis(
                path,
                state,
                f"{path.name}: took more than {deadline:.0f} s and was stopped; split "
                "the file or allow more time (casework analyse --budget)",
            )
        try:
            analysis, keep = connection.recv()
        except (EOFError, OSError):
            return self._unexpected(path, state, config, self._died())
        if not keep:
            self._died()  # it ends by itself after a failure or its last document
        return analysis  # type: ignore[no-any-return]

    def _send(
        self,
        path: Path,
        config: PipelineConfig,
        state: str | None,
        heartbeat: Callable[[], None] | None,
        heartbeat_every: float,
    ) -> Connection | Analysis:
        """Hand the document to a ready child: the pipe to wait on, or the failure."""
        for attempt in (1, 2):
            self.start(config)
            connection = self._connection
            assert connection is not None
            if not self._ready:
                if not _wait(connection, START_TIMEOUT_S, heartbeat, heartbeat_every):
                    self._kill()
                    return failed_analysis(
                        path,
                        state,
                        f"{path.name}: the analysis process did not start within "
                        f"{START_TIMEOUT_S:.0f} s; the machine may be overloaded: retry",
                    )
                try:
                    connection.recv()
                except (EOFError, OSError):
                    return self._unexpected(path, state, config, self._died())
                self._ready = True
            try:
                connection.send((path, config, state))
                return connection
            except (OSError, ValueError):
                # It died while idle (killed from outside): once more with a new one.
                code = self._died()
                if attempt == 2:
                    return self._unexpected(path, state, config, code)
        raise AssertionError("unreachable")

    @staticmethod
    def _unexpected(
        path: Path, state: str | None, config: PipelineConfig, code: int | None
    ) -> Analysis:
        logger.error("%s: the analysis process ended with %s", path, code)
        return failed_analysis(
            path,
            state,
            f"{path.name}: the analysis stopped unexpectedly (exit code {code}); "
            f"the file may be damaged or need more than {config.max_memory_mb} MB of "
            "memory: check it, export it again and retry",
        )


_shared: AnalysisChild | None = None


@contextlib.contextmanager
def shared_child(
    config: PipelineConfig | None = None, *, start: bool = False
) -> Iterator[AnalysisChild]:
    """Within: `analyse_isolated` sends every document to one long-lived child (started
    at once with `start`, so that it loads the models while the caller goes on).

    Inside another `shared_child()` it is that one (the worker starts its child before
    Django, so that the models load while Django starts, and its loops enter again)."""
    global _shared
    if _shared is not None:
        if start:
            _shared.start(config)
        yield _shared
        return
    previous, child = _shared, AnalysisChild()
    _shared = child
    try:
        if start:
            child.start(config)
        yield child
    finally:
        _shared = previous
        child.close()


def prefetch_isolated(
    path: Path, config: PipelineConfig | None = None, *, state: str | None = None
) -> bool:
    """Inside `shared_child()`: let its idle child start on the document that will most
    likely be asked for next (see the module's docstring); False when it could not."""
    if _shared is None:
        return False
    return _shared.prefetch(path, config or PipelineConfig(), state=state)


def analyse_isolated(
    path: Path,
    config: PipelineConfig | None = None,
    *,
    state: str | None = None,
    heartbeat: Callable[[], None] | None = None,
    heartbeat_every: float = HEARTBEAT_EVERY_S,
) -> Analysis:
    """analyse_path in a child process with a memory limit and a deadline; never raises
    (unless `heartbeat`, called every `heartbeat_every` seconds while waiting, raises).

    The child is the shared one inside `shared_child()`; otherwise one forked for this
    document from this process, warmed up first (once) so that it inherits the models."""
    config = config or PipelineConfig()
    if _shared is not None:
        return _shared.analyse(
            path,
            config,
            state=state,
            heartbeat=heartbeat,
            heartbeat_every=heartbeat_every,
        )
    warm_up(config)
    child = AnalysisChild(max_documents=1)
    try:
        return child.analyse(
            path,
            config,
            state=state,
            heartbeat=heartbeat,
            heartbeat_every=heartbeat_every,
        )
    finally:
        child.close()
