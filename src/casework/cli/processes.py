"""What `casework` commands need around Django: the data directory's secret key, and
the worker that `casework demo` runs beside the site as a child process."""

from __future__ import annotations

import atexit
import contextlib
import ctypes
import os
import signal
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType

SECRET_KEY_FILE = "secret_key"
STOP_TIMEOUT = 10.0  # seconds the worker gets to finish its task before it is killed


def data_dir() -> Path:
    return Path(os.environ.get("CASEWORK_DATA_DIR", "var")).resolve()


def use_data_dir_secret() -> bool:
    """When CASEWORK_SECRET_KEY is unset, take the key `casework demo` wrote into the
    data directory (var/secret_key); True when it did. An explicit variable wins."""
    if os.environ.get("CASEWORK_SECRET_KEY"):
        return False
    key_file = data_dir() / SECRET_KEY_FILE
    try:
        key = key_file.read_text(encoding="utf-8").strip()
    except (FileNotFoundError, IsADirectoryError, PermissionError):
        return False
    if not key:
        return False
    os.environ["CASEWORK_SECRET_KEY"] = key
    return True


def _die_with_parent() -> None:  # pragma: no cover - runs in the child before exec
    """Linux: the child gets SIGTERM if the demo dies without cleaning up (SIGKILL)."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGTERM)


def start_worker(
    args: tuple[str, ...] = (), *, env: dict[str, str] | None = None
) -> subprocess.Popen[bytes]:
    """Start `casework worker` in its own session (process group), stopped with us.

    The group is terminated at exit (atexit) and on SIGTERM/SIGHUP; on Linux the kernel
    also signals it if this process is killed outright.
    """
    command = [sys.executable, "-m", "casework", "worker", *args]
    child = subprocess.Popen(
        command,
        env=env if env is not None else os.environ.copy(),
        start_new_session=True,
        preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
    )
    owner = os.getpid()

    def stop() -> None:
        # Forked servers (gunicorn's workers) inherit atexit handlers: only the process
        # that started the worker stops it.
        if os.getpid() == owner:
            stop_worker(child)

    atexit.register(stop)
    for signum in (signal.SIGTERM, signal.SIGHUP):
        _chain(signum, stop)
    return child


def _chain(signum: int, stop: Callable[[], None]) -> None:
    previous = signal.getsignal(signum)

    def handler(number: int, frame: FrameType | None) -> None:
        stop()
        if callable(previous):
            previous(number, frame)
        else:
            raise SystemExit(128 + number)

    signal.signal(signum, handler)


def stop_worker(child: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the worker's process group, then SIGKILL if it does not stop in time."""
    if child.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(child.pid, signal.SIGTERM)
    try:
        child.wait(timeout=STOP_TIMEOUT)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(child.pid, signal.SIGKILL)
        child.wait(timeout=STOP_TIMEOUT)
