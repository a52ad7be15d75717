"""The one way llmcourse writes a file: `atomic_write`.

A temporary file in the same folder, created exclusively (O_EXCL: a planted file or symlink at
that name makes the create fail instead of being followed) under an unpredictable name, written,
flushed and fsynced, then renamed over the target, and the folder fsynced. A crash at any point
leaves either the old or the new file whole. When the target is a symlink (a dotfiles
repository), the link is kept and its target is written.

Temporary files are named `.<name>.<pid>.<random>.tmp`; those left by a killed writer are
removed by the next write of the same file (`leftovers` finds them for `doctor`).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

_SUFFIX = ".tmp"


def real_target(path: Path) -> Path:
    """Where a write to `path` must land: the final target of a symlink chain, else `path`."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def leftovers(path: Path) -> list[Path]:
    """Temporary files of `path` whose writer is gone (killed mid-write)."""
    folder = path.parent
    if not folder.is_dir():
        return []
    found = []
    for tmp in folder.glob(f".{path.name}.*{_SUFFIX}"):
        pid = tmp.name[len(path.name) + 2 :].split(".", 1)[0]
        if not pid.isdigit() or not _alive(int(pid)):
            found.append(tmp)
    return sorted(found)


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # ours, from an earlier write in this process that was interrupted
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists, not ours to signal: leave its file alone
    return True


def fsync_dir(folder: Path) -> None:
    if os.name == "nt":  # Windows cannot open a folder for fsync; os.replace is atomic there too
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def atomic_write(
    path: Path,
    data: bytes,
    *,
    make_parents: bool = True,
    before_replace: Callable[[Path], None] | None = None,
) -> Path:
    """Put `data` at `path` atomically; returns the file actually written (a symlink's target).

    `before_replace` is called with the synced temporary file just before the rename (a
    fault-injection point for crash tests). Raises OSError; callers turn it into their own
    message (or ignore it, for a cache)."""
    target = real_target(path)
    if make_parents:
        target.parent.mkdir(parents=True, exist_ok=True)
    for stale in leftovers(target):
        with contextlib.suppress(OSError):
            stale.unlink()
    tmp = target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(8).hex()}{_SUFFIX}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        _keep_mode(target, tmp)
        if before_replace is not None:
            before_replace(tmp)
        os.replace(tmp, target)
    finally:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
    fsync_dir(target.parent)
    return target


def _keep_mode(target: Path, tmp: Path) -> None:
    # A file the user made group-readable stays so; a new file gets 0o600 (progress is private).
    with contextlib.suppress(FileNotFoundError):
        os.chmod(tmp, os.stat(target).st_mode & 0o777)
