"""Property: any interleaving of two machines' local changes, imports of each other's exports and
undos never loses a change that was not undone, and undo only ever reverts this machine's own."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from llmcourse.errors import LlmcourseError
from llmcourse.progress import exchange, ops, store
from llmcourse.progress.model import Mark, State

ITEMS = ["python", "rag", "nlp"]
T0 = datetime(2026, 1, 1, tzinfo=UTC)


@dataclass
class Machine:
    state: State
    made: set[str] = field(default_factory=set)  # ids of the entries this machine created
    seen: dict[str, list[Mark]] = field(default_factory=dict)  # every write that reached it

    def note_writes(self, before: dict[str, Mark]) -> None:
        for item, mark in self.state.marks.items():
            old = before.get(item)
            if old is None or old.key() != mark.key():
                self.seen.setdefault(item, []).append(mark)


def snapshot(state: State) -> dict[str, Mark]:
    return {k: Mark(m.status, m.at, m.changed, m.by) for k, m in state.marks.items()}


def exported(state: State, when: datetime) -> State:
    """What the other machine reads back from an export file (JSON round trip, strict)."""
    raw = json.loads(exchange.to_json(state, when))
    raw.pop("exported_at")
    return store.from_raw(raw, Path("other.json"), export=True).state


steps = st.lists(
    st.one_of(
        st.tuples(
            st.sampled_from(["mark"]),
            st.integers(0, 1),
            st.sampled_from(sorted(ops.OP_STATUS)),
            st.sampled_from(ITEMS),
        ),
        st.tuples(st.sampled_from(["import", "undo"]), st.integers(0, 1)),
    ),
    max_size=24,
)


@settings(max_examples=80, deadline=None)
@given(steps)
def test_no_local_change_is_lost_and_undo_reverts_only_own_changes(plan: list[tuple]) -> None:
    machines = [Machine(State(device="a" * 32)), Machine(State(device="b" * 32))]
    for n, step in enumerate(plan):
        when = T0 + timedelta(minutes=n)
        me, other = machines[step[1]], machines[1 - step[1]]
        before = snapshot(me.state)
        ids_before = {e.id for e in me.state.events}
        if step[0] == "mark":
            ops.mark(me.state, step[2], [ops.Target("topic", step[3])], when)
        elif step[0] == "import":
            ops.import_state(me.state, exported(other.state, when), when)
            for item, writes in other.seen.items():  # what the export carried reached `me`
                me.seen.setdefault(item, []).extend(writes)
        else:
            try:
                reverted = ops.undo(me.state, when)
            except LlmcourseError:
                reverted = None
            if reverted is not None:
                assert reverted.id in me.made  # never another machine's change
                touched = {c.id for c in reverted.changes if c.kind == "mark"}
                for item, mark in me.state.marks.items():
                    if item not in touched:
                        assert before.get(item) == mark  # nothing else moves
                for c in reverted.changes:
                    back = (c.before or {}).get("status", "todo")
                    assert me.state.status(c.id) == back
        me.made |= {e.id for e in me.state.events if e.own} - ids_before
        me.note_writes(before)
        for m in machines:  # every item holds the newest write that reached the machine
            for item, writes in m.seen.items():
                newest = max(writes, key=Mark.key)
                assert m.state.marks[item].key() == newest.key()
            assert all(e.id in m.made for e in m.state.events if e.own)
