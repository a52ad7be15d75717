"""A plain folder carried by Syncthing, Dropbox, iCloud…: the same `devices/` layout, no git.

Each machine writes only its own file (atomically), so the sync service never has two writers
of one file; the conflict copies it may still make are ignored, never merged.
"""

from __future__ import annotations

from pathlib import Path

from llmcourse.errors import LlmcourseError
from llmcourse.i18n import msg
from llmcourse.sync import devices
from llmcourse.sync.transport import Snapshot


class Folder:
    kind = "folder"

    def __init__(self, path: Path) -> None:
        self.path = path
        self.where = str(path)

    def prepare(self) -> None:
        if not self.path.is_dir():
            raise LlmcourseError(msg("sync.no_folder", path=self.path))
        try:
            (self.path / devices.FOLDER).mkdir(exist_ok=True)
        except OSError as e:
            raise _failed(self.path, e) from None

    def fetch(self) -> Snapshot:
        snap = Snapshot()
        folder = self.path / devices.FOLDER
        try:
            entries = sorted(folder.iterdir()) if folder.is_dir() else []
            for file in entries:
                device = devices.device_of(file.name)
                if device is None:
                    if devices.is_conflict_copy(file.name):
                        snap.conflicts.append(f"{devices.FOLDER}/{file.name}")
                    continue
                snap.files[device] = _read(file)
        except OSError as e:
            raise _failed(folder, e) from None
        return snap

    def publish(self, snapshot: Snapshot, device: str, data: bytes, name: str) -> bool:
        from llmcourse.fsutil import atomic_write

        target = self.path / devices.path_of(device)
        if snapshot.files.get(device) == data:
            return True
        try:
            atomic_write(target, data, make_parents=False)
        except OSError as e:
            raise _failed(target, e) from None
        return True

    def seen(self) -> Snapshot:
        return self.fetch() if self.path.is_dir() else Snapshot()


def _read(file: Path) -> bytes:
    """The file's bytes; one too large to be a device file is not read into memory (its
    first bytes beyond the limit are enough to have it refused)."""
    from llmcourse.progress.store import MAX_BYTES

    with file.open("rb") as f:
        return f.read(MAX_BYTES + 1)


def _failed(path: Path, e: OSError) -> LlmcourseError:
    return LlmcourseError(msg("sync.folder_error", path=path, why=e.strerror or e))
