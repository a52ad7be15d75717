"""The sync loop: fetch, merge every device file into the state, write this device's, push.

The merge goes through the same code as `import` (ops.import_state, under the state lock, one
atomic write), so sync and import share one merge rule. Nothing is written locally before
every device file has been read and checked: a damaged file from another device, a time more
than a day ahead or an unreachable remote stops the sync with the state untouched. This
device's own file, when damaged, is simply written again (this device is its only author).
A newer llmcourse's file is left alone and reported. A rejected push (somebody pushed first)
fetches and merges again, at most MAX_ATTEMPTS times.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any

from llmcourse.errors import LlmcourseError
from llmcourse.i18n import msg
from llmcourse.progress.model import State
from llmcourse.sync import devices
from llmcourse.sync.faults import crash_point
from llmcourse.sync.transport import Snapshot, Transport

MAX_ATTEMPTS = 6
LOCK_TIMEOUT = 300.0  # another sync of this home may be pushing over a slow network


@dataclass
class Report:
    kind: str  # remote or folder
    where: str
    device: str
    name: str
    changes: int = 0  # marks and notes the merge changed here
    study: int = 0  # review logs and own cards it added or changed
    entries: int = 0  # history entries it brought in
    peers: list[devices.Peer] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    repaired: bool = False  # this device's file in the remote was damaged and is written again
    attempts: int = 1


def sync_dir() -> Path:
    from llmcourse import paths

    return paths.resolve().data / "sync"


@contextmanager
def sync_lock() -> Iterator[None]:
    """One sync at a time per home (the state lock is held only while merging)."""
    from llmcourse.progress.lock import LockTimeout, exclusive

    folder = sync_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with exclusive(folder / "sync.lock", LOCK_TIMEOUT):
            yield
    except LockTimeout:
        raise LlmcourseError(msg("sync.locked")) from None
    except OSError as e:
        raise LlmcourseError(msg("sync.cannot_lock", path=folder, why=e.strerror or e)) from None


def run(transport: Transport, when: datetime, name: str) -> Report:
    from llmcourse.progress import store

    device = store.device_id()
    report = Report(transport.kind, transport.where, device, name)
    with sync_lock():
        transport.prepare()
        written = _remembered(transport.where).get("own")
        for attempt in range(1, MAX_ATTEMPTS + 1):
            report.attempts = attempt
            snapshot = transport.fetch()
            crash_point("fetched")
            # This device's file as it last wrote it holds nothing the state lacks: not read.
            own = snapshot.files.get(device)
            peers = _checked(snapshot, device, report, skip_own=_digest(own) == written)
            merged = store.update(partial(_merge, peers=peers, when=when, name=name, report=report))
            if own is not None and devices.unchanged(own, merged):
                merged = own
            crash_point("merged")
            if transport.publish(snapshot, device, merged, name):
                break
            time.sleep(random.uniform(0.05, 0.2) * attempt)  # let the other writer finish
        else:
            raise LlmcourseError(msg("sync.busy", attempts=MAX_ATTEMPTS))
    _remember(report, when, merged)
    return report


def _digest(data: bytes | None) -> str | None:
    import hashlib

    return hashlib.sha256(data).hexdigest() if data is not None else None


def _checked(
    snapshot: Snapshot, device: str, report: Report, skip_own: bool = False
) -> list[devices.Peer]:
    """Every device file read; an error (nothing written) for a damaged one of another device."""
    peers = [
        devices.Peer(d, devices.path_of(d)) if skip_own and d == device else devices.read(d, data)
        for d, data in sorted(snapshot.files.items())
    ]
    for peer in peers:
        if peer.problem and not peer.newer and peer.device != device:
            raise LlmcourseError(
                msg("sync.damaged", path=peer.path, why=peer.problem),
                [msg("sync.damaged_hint", device=peer.device[:8])],
            )
    report.peers, report.conflicts = peers, snapshot.conflicts
    report.repaired = any(p.device == device and p.problem and not p.newer for p in peers)
    return peers


def _merge(
    state: State, peers: list[devices.Peer], when: datetime, name: str, report: Report
) -> bytes:
    """Merge every readable device file into `state` (in place, like an import that adds no
    entry of its own); returns this device's file."""
    from llmcourse.progress import ops

    for peer in peers:
        if peer.state is None:
            continue
        try:
            ops.check_times(peer.state, when)
        except LlmcourseError as e:
            raise LlmcourseError(msg("sync.refused", path=peer.path, why=e.message)) from None
    readable = [ops.received(p.state, p.device) for p in peers if p.state is not None]
    if readable:
        combined = readable[0]
        for other in readable[1:]:
            combined = ops.merge(combined, other)
        combined.device = ""  # entries keep the device each came from
        result = ops.import_state(state, combined, when, source="sync", record=False)
        report.changes, report.study = len(result.changes), result.study_records
        report.entries = result.new_events
    return devices.dump(state, name, when)


# --- what `sync status` shows -----------------------------------------------------------------


def _last_file() -> Path:
    return sync_dir() / "last.toml"


def _remember(report: Report, when: datetime, own: bytes) -> None:
    """When and where the last sync was (for `sync status`), and a digest of the file this
    device wrote (the next sync need not read it back). Losing it loses nothing else."""
    import tomli_w

    from llmcourse.fsutil import atomic_write
    from llmcourse.progress.model import utc

    data = {"at": utc(when), "kind": report.kind, "where": report.where, "own": _digest(own)}
    with suppress(OSError):
        atomic_write(_last_file(), tomli_w.dumps(data).encode("utf-8"))


def _remembered(where: str) -> dict[str, Any]:
    """What the last sync remembered, when it was with `where` ({} otherwise)."""
    import tomllib

    try:
        data: dict[str, Any] = tomllib.loads(_last_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if data.get("where") == where else {}


def last_sync(where: str) -> datetime | None:
    """When this home last synced with `where` (None: never, or not with it)."""
    at = _remembered(where).get("at")
    return at if isinstance(at, datetime) else None


@dataclass
class Status:
    kind: str  # remote, folder, or "" when sync is not set up
    where: str
    device: str
    name: str
    last: datetime | None
    peers: list[devices.Peer]
    conflicts: list[str]


def status(transport: Transport | None, device: str, name: str) -> Status:
    """Where sync goes, this device, the last sync, and the devices seen then (no network)."""
    if transport is None:
        return Status("", "", device, name, None, [], [])
    try:
        snap = transport.seen()
    except LlmcourseError:  # no git here now: the rest of the status still stands
        snap = Snapshot()
    peers = [devices.read(d, data) for d, data in sorted(snap.files.items())]
    last = last_sync(transport.where)
    return Status(transport.kind, transport.where, device, name, last, peers, snap.conflicts)


# --- where to sync: the config's sync_remote or sync_folder -----------------------------------


def transport(kind: str, where: str) -> Transport:
    if kind == "folder":
        from llmcourse.sync.folder import Folder

        return Folder(Path(where))
    from llmcourse.sync.remote import GitRemote

    return GitRemote(where, sync_dir())


def configured(settings: dict[str, Any]) -> Transport | None:
    """The transport the settings name (a remote before a folder); None when neither is set."""
    for key, kind in (("sync_remote", "remote"), ("sync_folder", "folder")):
        value = settings.get(key)
        if isinstance(value, str) and value:
            return transport(kind, value)
    return None


def device_name(settings: dict[str, Any]) -> str:
    """This machine's name in device files: the `device_name` setting, else the host name."""
    import platform

    value = settings.get("device_name")
    return value if isinstance(value, str) and value else platform.node() or "?"
