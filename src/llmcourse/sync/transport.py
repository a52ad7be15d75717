"""What the engine needs of a place to sync through (a git remote, a synced folder)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol


@dataclass
class Snapshot:
    """The device files as fetched: device id -> bytes. `base` is what a write builds on (the
    fetched commit, for git), `blobs` each file's git object id, `conflicts` the conflict
    copies a sync service left (never read)."""

    files: dict[str, bytes] = field(default_factory=dict)
    base: str | None = None
    blobs: dict[str, str] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)


class Transport(Protocol):
    kind: str  # "remote" or "folder"
    where: str  # the remote (userinfo left out) or the folder, as shown

    def prepare(self) -> None:
        """Make ready (create the local clone); an error when the place cannot be used."""

    def fetch(self) -> Snapshot:
        """The device files as they are now in the remote or folder."""

    def publish(self, snapshot: Snapshot, device: str, data: bytes, name: str) -> bool:
        """Put this device's file there, on top of `snapshot`; False when somebody else wrote
        first (the push was rejected: fetch and try again)."""

    def seen(self) -> Snapshot:
        """The device files as the last sync left them, without the network."""
