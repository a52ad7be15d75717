"""Device files: `devices/<device id>.toml`, one per machine, written only by that machine.

A device file is the state file's own shape (schema_version, device, marks, notes, reviews,
cards: the device's whole merged progress, tombstones included) with only the history entries
that device made itself (the others are in their own devices' files), plus two keys of its own:
`name` (the machine's name, for `sync status`) and `written` (when). It is read as strictly as
an import. A file from a newer llmcourse (a higher schema) is left alone; files that a sync
service made as conflict copies are never read.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePosixPath
from typing import Any

from llmcourse.errors import LlmcourseError
from llmcourse.i18n import msg
from llmcourse.progress.model import SCHEMA_VERSION, State, state_data, utc, valid_id
from llmcourse.progress.nesting import MAX_DEPTH, too_deep
from llmcourse.progress.store import MAX_BYTES, from_raw

FOLDER = "devices"
# Copies a sync service makes when two machines wrote one file (Syncthing, Dropbox, iCloud…).
_CONFLICT = re.compile(r"\.sync-conflict-|\((?:[^)]*'s )?conflicted copy|\(case conflict\)", re.I)
_EXTRA_KEYS = ("name", "written")


@dataclass
class Peer:
    """One device file as read: `state` is None when it is not merged (`problem` says why;
    `newer`: written by a newer llmcourse, left alone)."""

    device: str
    path: str  # where it is, as shown: devices/<id>.toml
    name: str = ""
    written: datetime | None = None
    schema: int | None = None
    state: State | None = None
    problem: str = ""
    newer: bool = False


def path_of(device: str) -> str:
    return f"{FOLDER}/{device}.toml"


def is_conflict_copy(filename: str) -> bool:
    return bool(_CONFLICT.search(filename))


def device_of(filename: str) -> str | None:
    """The device id a file in devices/ belongs to; None for anything else (conflict copies,
    temporary files, stray files), which sync never reads."""
    name = PurePosixPath(filename).name
    if not name.endswith(".toml") or name.startswith(".") or is_conflict_copy(name):
        return None
    stem = name.removesuffix(".toml")
    return stem if valid_id(stem) else None


def dump(state: State, name: str, when: datetime) -> bytes:
    """This device's file: its whole progress, its own history entries."""
    import tomli_w

    data = state_data(state)
    data["events"] = [e for e, own in zip(data["events"], state.events, strict=True) if own.own]
    head = {"schema_version": data.pop("schema_version"), "device": data.pop("device", "")}
    body = {**head, "name": name, "written": utc(when), **data}
    comment = "# llmcourse sync: one device's progress, written only by that device\n"
    return (comment + tomli_w.dumps(body)).encode("utf-8")


def unchanged(old: bytes | None, new: bytes) -> bool:
    """Whether two device files hold the same progress (only `written` may differ): then the
    old one stays, so a sync with nothing new commits nothing."""
    if old is None:
        return False
    strip = re.compile(rb"^written = .*$", re.M)
    return strip.sub(b"", old) == strip.sub(b"", new)


def read(device: str, data: bytes) -> Peer:
    """A device file's content, checked; never raises for a bad file (the Peer says why)."""
    peer = Peer(device, path_of(device))
    try:
        raw = _parse(data, peer)
        if raw is None:
            return peer
        _take_extras(raw, peer)
        state = from_raw(raw, Path(peer.path), export=True).state
    except LlmcourseError as e:
        peer.problem = e.details[0] if e.details and ":" in e.details[0] else e.message
        return peer
    if state.device != device:
        peer.problem = msg("sync.wrong_device", device=state.device or "-")
        return peer
    peer.state = state
    return peer


def _parse(data: bytes, peer: Peer) -> dict[str, Any] | None:
    if len(data) > MAX_BYTES:
        raise LlmcourseError(msg("sync.too_big", limit=f"{MAX_BYTES:,}"))
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise LlmcourseError(msg("sync.not_utf8")) from None
    if too_deep(text):
        raise LlmcourseError(msg("state.too_deep", depth=MAX_DEPTH))
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise LlmcourseError(msg("state.not_toml", why=e)) from None
    version = raw.get("schema_version")
    if isinstance(version, int) and not isinstance(version, bool):
        peer.schema = version
        if version > SCHEMA_VERSION:  # a newer llmcourse: left alone, reported
            peer.newer = True
            peer.problem = msg("sync.newer", version=version, known=SCHEMA_VERSION)
            _take_extras(raw, peer)
            return None
    return raw


def _take_extras(raw: dict[str, Any], peer: Peer) -> None:
    name, written = raw.pop("name", ""), raw.pop("written", None)
    peer.name = name if isinstance(name, str) else ""
    peer.written = written if isinstance(written, datetime) else None
