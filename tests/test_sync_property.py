"""Property (issue 14): any interleaving of marks, notes, note removals, resets, undos and syncs
over three devices converges to identical progress on all of them once each has synced twice,
no device loses a change it made (the newest write of every item wins everywhere), and undo
only ever reverts the device's own changes.

The engine runs in-process over the synced-folder transport (the git transport is exercised
in test_sync.py), each device with its own LLMCOURSE_HOME.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from llmcourse.errors import LlmcourseError
from llmcourse.progress import ops, store
from llmcourse.progress.model import State, state_data
from llmcourse.sync import engine
from llmcourse.sync.folder import Folder

ITEMS = ["python", "rag", "nlp"]
T0 = datetime(2026, 3, 1, tzinfo=UTC)
DEVICES = 3

step = st.one_of(
    st.tuples(
        st.just("mark"),
        st.integers(0, 2),
        st.sampled_from(sorted(ops.OP_STATUS)),
        st.sampled_from(ITEMS),
    ),
    st.tuples(st.just("note"), st.integers(0, 2), st.sampled_from(ITEMS)),
    st.tuples(st.just("remove"), st.integers(0, 2), st.integers(0, 3)),
    st.tuples(st.just("undo"), st.integers(0, 2)),
    st.tuples(st.just("sync"), st.integers(0, 2)),
)


@contextmanager
def home(path: Path) -> Iterator[None]:
    old = os.environ.get("LLMCOURSE_HOME")
    os.environ["LLMCOURSE_HOME"] = str(path)
    try:
        yield
    finally:
        if old is None:
            os.environ.pop("LLMCOURSE_HOME", None)
        else:
            os.environ["LLMCOURSE_HOME"] = old


def records(state: State) -> dict[tuple[str, str], Any]:
    """Every mark and note by (kind, id): what a write changes."""
    found: dict[tuple[str, str], Any] = {("mark", k): m for k, m in state.marks.items()}
    found.update({("note", k): n for k, n in state.notes.items()})
    return found


def progress(state: State) -> dict[str, Any]:
    data = state_data(state)
    return {k: data.get(k) for k in ("marks", "notes", "reviews", "cards")}


class World:
    def __init__(self, root: Path) -> None:
        self.homes = [root / f"home-{n}" for n in range(DEVICES)]
        self.folder = root / "shared"
        self.folder.mkdir()
        self.writes: dict[tuple[str, str], list[Any]] = {}  # every write any device made
        self.made: list[set[str]] = [set() for _ in range(DEVICES)]  # own entry ids
        self.clock = 0

    def when(self) -> datetime:
        """Two steps in a row share a time: same-time changes of different devices are settled
        by the device id, and must still converge."""
        self.clock += 1
        return T0 + timedelta(minutes=self.clock // 2)

    def state(self, n: int) -> State:
        return store.read(self.homes[n] / "state.toml")

    def local(self, n: int, change: Any) -> None:
        """A change made on device n: what it wrote is remembered, by record."""
        with home(self.homes[n]):
            device = store.device_id()
            before = records(store.read())
            ids = {e.id for e in store.read().events}
            try:
                store.update(change)
            except LlmcourseError:
                return  # nothing to undo: nothing changed
            after = store.read()
            for key, record in records(after).items():
                old = before.get(key)
                if (old is None or old.key() != record.key()) and record.by == device:
                    self.writes.setdefault(key, []).append(record)
            self.made[n] |= {e.id for e in after.events if e.own} - ids

    def sync(self, n: int) -> None:
        with home(self.homes[n]):
            engine.run(Folder(self.folder), self.when(), f"device-{n}")

    def apply(self, action: tuple[Any, ...]) -> None:
        kind, n = action[0], action[1]
        when = self.when()
        if kind == "mark":
            target = [ops.Target("topic", action[3])]
            self.local(n, lambda s: ops.mark(s, action[2], target, when))
        elif kind == "note":
            self.local(n, lambda s: ops.add_note(s, action[2], f"note {self.clock}", when))
        elif kind == "remove":
            live = [nid for nid, _ in self.state(n).live_notes()] if self.homes[n].exists() else []
            if live:
                nid = live[action[2] % len(live)]
                self.local(n, lambda s: ops.remove_note(s, nid, when))
        elif kind == "undo":
            self.local(n, lambda s: self._undo(s, n, when))
        else:
            self.sync(n)

    def _undo(self, state: State, n: int, when: datetime) -> None:
        reverted = ops.undo(state, when)
        assert reverted.id in self.made[n], "undo reverted another device's change"


@settings(max_examples=30, deadline=None)
@given(st.lists(step, max_size=18))
def test_any_interleaving_converges_and_loses_no_change(plan: list[tuple[Any, ...]]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        world = World(Path(tmp))
        for action in plan:
            world.apply(action)
        for _ in range(2):  # each device syncs twice
            for n in range(DEVICES):
                world.sync(n)
        states = [world.state(n) for n in range(DEVICES)]
        assert progress(states[0]) == progress(states[1]) == progress(states[2])
        final = records(states[0])
        for key, writes in world.writes.items():
            newest = max(writes, key=lambda r: r.key())
            assert final[key].key() == newest.key(), key  # the newest write of each item won
