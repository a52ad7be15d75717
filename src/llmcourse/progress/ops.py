"""What can happen to a State: marks, notes, undo, merge. Pure functions (time is passed in).

Every change is recorded as an Event holding each touched record's before and after, which is
what `undo` and `log` read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from llmcourse.errors import LlmcourseError, UsageError
from llmcourse.progress.model import (
    ITEM_STATUSES,
    MAX_EVENTS,
    Change,
    Event,
    Mark,
    Note,
    State,
    mark_data,
    mark_from,
    new_id,
    note_data,
    note_from,
)

OP_STATUS = {"start": "in-progress", "done": "done", "skip": "skipped", "reset": "todo"}


@dataclass
class Target:
    kind: str  # topic, resource, notebook
    id: str


@dataclass
class Outcome:
    target: Target
    before: str
    after: str

    @property
    def changed(self) -> bool:
        return self.before != self.after


def _record(
    state: State, op: str, when: datetime, changes: list[Change], target: str = ""
) -> Event:
    seq = max((e.seq for e in state.events), default=0) + 1
    event = Event(id=new_id(), seq=seq, at=when, op=op, changes=changes, target=target)
    state.events.append(event)
    if len(state.events) > MAX_EVENTS:
        state.events.sort(key=Event.order)
        del state.events[: len(state.events) - MAX_EVENTS]
    return event


def mark(state: State, op: str, targets: list[Target], when: datetime) -> list[Outcome]:
    """start/done/skip/reset each target; one event for all of them (one `undo` reverts it)."""
    status = OP_STATUS[op]
    for t in targets:
        if t.kind != "topic" and status not in ITEM_STATUSES:
            raise UsageError(
                f"{t.id} is a {t.kind}: a {t.kind} can be done or skipped, not started",
                [f"`llmcourse done {t.id}` marks it done."],
            )
    outcomes: list[Outcome] = []
    changes: list[Change] = []
    seen: set[str] = set()
    for t in targets:
        if t.id in seen:
            continue
        seen.add(t.id)
        old = state.marks.get(t.id)
        before = old.status if old else "todo"
        outcomes.append(Outcome(t, before, status))
        if before == status:
            continue
        new = Mark(status=status, at=when, changed=when)
        state.marks[t.id] = new
        changes.append(Change("mark", t.id, mark_data(old) if old else None, mark_data(new)))
    if changes:
        _record(state, op, when, changes)
    return outcomes


def add_note(state: State, node: str, text: str, when: datetime) -> str:
    text = text.strip()
    if not text:
        raise UsageError("the note is empty: nothing was saved")
    note_id = new_id()
    while note_id in state.notes:
        note_id = new_id()
    note = Note(node=node, text=text, created=when, changed=when)
    state.notes[note_id] = note
    _record(state, "note", when, [Change("note", note_id, None, note_data(note))])
    return note_id


def find_note(state: State, prefix: str) -> str:
    live = [
        nid for nid, n in state.notes.items() if not n.removed and nid.startswith(prefix.lower())
    ]
    if len(live) == 1:
        return live[0]
    if not live:
        raise LlmcourseError(
            f"no note has the id {prefix!r}", ["`llmcourse note list` shows them."]
        )
    raise LlmcourseError(f"{prefix!r} is the start of several note ids", sorted(live))


def remove_note(state: State, prefix: str, when: datetime) -> tuple[str, Note]:
    """Hide a note. It stays in the file as a tombstone (so a merge cannot bring it back)."""
    note_id = find_note(state, prefix)
    old = state.notes[note_id]
    new = Note(old.node, old.text, old.created, changed=when, removed=True)
    state.notes[note_id] = new
    _record(state, "note-remove", when, [Change("note", note_id, note_data(old), note_data(new))])
    return note_id, old


def edit_note(state: State, prefix: str, text: str, when: datetime) -> str:
    """Replace a note's text (its id, node and creation time stay). Recorded as a `note` event
    whose change has the old note before it, so `undo` brings the old text back."""
    note_id = find_note(state, prefix)
    old = state.notes[note_id]
    from llmcourse.i18n import msg

    text = text.strip()
    if not text:
        raise UsageError(msg("notes.empty_edit"))
    if text == old.text:
        return note_id
    new = Note(old.node, text, old.created, changed=when)
    state.notes[note_id] = new
    _record(state, "note", when, [Change("note", note_id, note_data(old), note_data(new))])
    return note_id


def last_undoable(state: State) -> Event | None:
    for event in sorted(state.events, key=Event.order, reverse=True):
        if event.op != "undo" and not event.undone and event.changes:
            return event
    return None


def undo(state: State, when: datetime) -> Event:
    """Revert the latest change not yet undone (again: the one before); return that event."""
    event = last_undoable(state)
    if event is None:
        raise LlmcourseError("nothing to undo")
    changes: list[Change] = []
    for c in reversed(event.changes):
        if c.kind == "mark":
            old_m = state.marks.get(c.id)
            # Restore the earlier status and its time; `changed` is now, so the undo wins merges.
            if c.before is not None:
                prev = mark_from(c.before)
                restored = Mark(prev.status, prev.at, changed=when)
            else:
                restored = Mark("todo", when, changed=when)
            state.marks[c.id] = restored
            changes.append(
                Change("mark", c.id, mark_data(old_m) if old_m else None, mark_data(restored))
            )
        else:
            old_n = state.notes.get(c.id)
            if c.before is not None:
                prev_n = note_from(c.before)
                restored_n = Note(prev_n.node, prev_n.text, prev_n.created, when, prev_n.removed)
            elif old_n is not None:
                restored_n = Note(old_n.node, old_n.text, old_n.created, when, removed=True)
            else:
                continue
            state.notes[c.id] = restored_n
            changes.append(
                Change("note", c.id, note_data(old_n) if old_n else None, note_data(restored_n))
            )
    event.undone = True
    _record(state, "undo", when, changes, target=event.id)
    return event


# --- merging two machines' states -------------------------------------------------------------


def _newer(a: Any, b: Any) -> Any:
    """The record with the newer change; equal times are settled by the record's content, so the
    choice does not depend on which side is which (merge is commutative)."""
    if a is None:
        return b
    if b is None:
        return a
    return a if a.key() >= b.key() else b


def merge(a: State, b: State) -> State:
    """The union of two states: per mark and per note the newer change wins; notes are united by
    id; histories are united by event id (an event undone on either side stays undone).
    Commutative, associative and idempotent; nothing in either side is dropped except the
    oldest history beyond MAX_EVENTS."""
    marks = {k: _newer(a.marks.get(k), b.marks.get(k)) for k in a.marks.keys() | b.marks.keys()}
    notes = {k: _newer(a.notes.get(k), b.notes.get(k)) for k in a.notes.keys() | b.notes.keys()}
    events: dict[str, Event] = {}
    for e in [*a.events, *b.events]:
        have = events.get(e.id)
        if have is None:
            events[e.id] = Event(e.id, e.seq, e.at, e.op, list(e.changes), e.undone, e.target)
        else:
            have.undone = have.undone or e.undone
    ordered = sorted(events.values(), key=Event.order)[-MAX_EVENTS:]
    return State(
        {k: _copy_mark(marks[k]) for k in sorted(marks)},
        {k: _copy_note(notes[k]) for k in sorted(notes)},
        ordered,
    )


def _copy_mark(m: Mark) -> Mark:
    return Mark(m.status, m.at, m.changed)


def _copy_note(n: Note) -> Note:
    return Note(n.node, n.text, n.created, n.changed, n.removed)


@dataclass
class ImportResult:
    changes: list[Change]  # marks and notes that the import changes (before -> after)
    new_events: int  # history entries the import adds


def import_state(state: State, other: State, when: datetime, dry_run: bool = False) -> ImportResult:
    """Merge `other` into `state` (in place unless dry_run); one `import` event, undoable."""
    merged = merge(state, other)
    changes: list[Change] = []
    for k, m in merged.marks.items():
        old = state.marks.get(k)
        if old is None or old.key() != m.key():
            changes.append(Change("mark", k, mark_data(old) if old else None, mark_data(m)))
    for k, n in merged.notes.items():
        old_n = state.notes.get(k)
        if old_n is None or old_n.key() != n.key():
            changes.append(Change("note", k, note_data(old_n) if old_n else None, note_data(n)))
    known = {e.id for e in state.events}
    new_events = sum(1 for e in merged.events if e.id not in known)
    if not dry_run and (changes or new_events):
        state.marks, state.notes, state.events = merged.marks, merged.notes, merged.events
        if changes:
            _record(state, "import", when, changes)
    return ImportResult(changes, new_events)
