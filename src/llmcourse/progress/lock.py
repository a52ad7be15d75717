"""An exclusive lock on a file, waited for up to a timeout.

Advisory OS locks: flock on POSIX, msvcrt.locking on Windows; the OS drops them when the holder
dies, so a crash never leaves the state locked. Written here instead of using `filelock`, which
does the same but costs about 15 ms to import (it loads asyncio and logging), a tenth of the
start-up budget of `llmcourse done`.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class LockTimeout(Exception):
    """Somebody else held the lock for the whole timeout; `holder` is its pid when known."""

    def __init__(self, path: Path, holder: int | None) -> None:
        super().__init__(str(path))
        self.holder = holder


if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
    import msvcrt

    def _try(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _release(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _release(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def exclusive(path: Path, timeout: float) -> Iterator[None]:
    """Hold an exclusive lock on `path` (created if missing) for the `with` block."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        deadline = time.monotonic() + timeout
        delay = 0.002
        while not _try(fd):
            if time.monotonic() >= deadline:
                raise LockTimeout(path, _holder(path))
            time.sleep(delay)
            delay = min(delay * 2, 0.05)
        _sign(fd)
        try:
            yield
        finally:
            _release(fd)
    finally:
        os.close(fd)


def _sign(fd: int) -> None:
    """Leave our pid in the lock file, so that whoever waits can say who holds it."""
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
    except (OSError, AttributeError):  # pwrite is POSIX only; the pid is a courtesy
        pass


def _holder(path: Path) -> int | None:
    try:
        text = path.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None
