"""What can happen to a State: marks, notes, undo, merge. Pure functions (time is passed in).

Every change is recorded as an Event holding each touched record's before and after, which is
what `undo` and `log` read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from llmcourse.errors import LlmcourseError, UsageError
from llmcourse.i18n import msg
from llmcourse.progress.model import (
    IMPORTED,
    ITEM_STATUSES,
    MAX_EVENTS,
    MAX_NOTE_BYTES,
    Change,
    Event,
    Mark,
    Note,
    State,
    mark_data,
    mark_from,
    new_id,
    new_note_id,
    note_from,
    note_ref_data,
)

FUTURE_SLACK = timedelta(days=1)  # clocks differ; an import's times may be this far ahead

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
    state: State,
    op: str,
    when: datetime,
    changes: list[Change],
    *,
    origin: str,
    target: str = "",
    source: str = "",
) -> Event:
    seq = max((e.seq for e in state.events), default=0) + 1
    event = Event(new_id(), seq, when, op, changes, target=target, origin=origin, source=source)
    state.events.append(event)
    state.events = trim(state.events)
    return event


def after(old: Mark | Note | None, when: datetime) -> datetime:
    """The `changed` time of a change made here that replaces `old`: `when`, unless that is
    not later than `old`'s (a clock behind another machine's, the same instant twice), then a
    microsecond after it. So a change always wins over the record it replaced, in every merge,
    whatever the clocks say."""
    if old is None or when > old.changed:
        return when
    return old.changed + timedelta(microseconds=1)


def trim(events: list[Event]) -> list[Event]:
    """The newest MAX_EVENTS of this machine's own entries and the newest MAX_EVENTS imported
    ones, oldest first: imported history, whatever its dates, never pushes out an own entry."""
    ordered = sorted(events, key=Event.order)
    own = [e for e in ordered if e.own]
    imported = [e for e in ordered if not e.own]
    if len(own) <= MAX_EVENTS and len(imported) <= MAX_EVENTS:
        return ordered
    keep = {id(e) for e in own[-MAX_EVENTS:]} | {id(e) for e in imported[-MAX_EVENTS:]}
    return [e for e in ordered if id(e) in keep]


def mark(
    state: State, op: str, targets: list[Target], when: datetime, *, origin: str = "local"
) -> list[Outcome]:
    """start/done/skip/reset each target; one event for all of them (one `undo` reverts it)."""
    status = OP_STATUS[op]
    for t in targets:
        if t.kind != "topic" and status not in ITEM_STATUSES:
            raise UsageError(
                msg("mark.not_startable", id=t.id, kind=msg(t.kind)),
                [msg("mark.not_startable_hint", id=t.id)],
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
        new = Mark(status=status, at=when, changed=after(old, when), by=state.device)
        state.marks[t.id] = new
        changes.append(Change("mark", t.id, mark_data(old) if old else None, mark_data(new)))
    if changes:
        _record(state, op, when, changes, origin=origin)
    return outcomes


def check_note_size(text: str) -> None:
    size = len(text.encode("utf-8", "replace"))
    if size > MAX_NOTE_BYTES:
        raise LlmcourseError(
            msg("note.too_long", size=f"{size:,}", limit=f"{MAX_NOTE_BYTES // 1024}")
        )


def add_note(state: State, node: str, text: str, when: datetime, *, origin: str = "local") -> str:
    text = text.strip()
    if not text:
        raise UsageError(msg("note.empty"))
    check_note_size(text)
    note_id = new_note_id()
    while note_id in state.notes:
        note_id = new_note_id()
    note = Note(node=node, text=text, created=when, changed=when, by=state.device)
    state.notes[note_id] = note
    change = Change("note", note_id, None, note_ref_data(note))
    _record(state, "note", when, [change], origin=origin)
    return note_id


def find_note(state: State, prefix: str) -> str:
    live = [
        nid for nid, n in state.notes.items() if not n.removed and nid.startswith(prefix.lower())
    ]
    if len(live) == 1:
        return live[0]
    if not live:
        raise LlmcourseError(msg("note.no_such", id=prefix), [msg("note.list_hint")])
    raise LlmcourseError(msg("note.ambiguous", id=prefix), sorted(live))


def remove_note(
    state: State, prefix: str, when: datetime, *, origin: str = "local"
) -> tuple[str, Note]:
    """Hide a note. It stays in the file as a tombstone (so a merge cannot bring it back)."""
    note_id = find_note(state, prefix)
    old = state.notes[note_id]
    changed = after(old, when)
    new = Note(old.node, old.text, old.created, changed, removed=True, by=state.device)
    state.notes[note_id] = new
    change = Change("note", note_id, note_ref_data(old), note_ref_data(new))
    _record(state, "note-remove", when, [change], origin=origin)
    return note_id, old


def edit_note(
    state: State, prefix: str, text: str, when: datetime, *, origin: str = "local"
) -> str:
    """Replace a note's text: the old note becomes a tombstone (its text kept, as every removed
    note's is) and a new note takes its node, creation time and the new text, so `undo` (which
    reverts both changes) brings the old text back. Returns the new note's id."""
    note_id = find_note(state, prefix)
    old = state.notes[note_id]
    text = text.strip()
    if not text:
        raise UsageError(msg("notes.empty_edit"))
    if text == old.text:
        return note_id
    check_note_size(text)
    removed = Note(old.node, old.text, old.created, after(old, when), removed=True, by=state.device)
    new_id = new_note_id()
    while new_id in state.notes:
        new_id = new_note_id()
    new = Note(old.node, text, old.created, when, by=state.device)
    state.notes[note_id], state.notes[new_id] = removed, new
    changes = [
        Change("note", note_id, note_ref_data(old), note_ref_data(removed)),
        Change("note", new_id, None, note_ref_data(new)),
    ]
    _record(state, "note-edit", when, changes, origin=origin)
    return new_id


def last_undoable(state: State) -> Event | None:
    """This machine's latest change not yet undone. Imported entries are never replayed, and
    an entry damaged in the file is passed over."""
    for event in sorted(state.events, key=Event.order, reverse=True):
        undoable = event.own and event.op != "undo" and not event.undone
        if undoable and event.changes and not event.damaged:
            return event
    return None


def undo(state: State, when: datetime, *, origin: str = "local") -> Event:
    """Revert this machine's latest change not yet undone (again: the one before; an import
    is one); the undo is itself a new history entry. Returns the event reverted."""
    event = last_undoable(state)
    if event is None:
        raise LlmcourseError(msg("undo.nothing"))
    changes: list[Change] = []
    for c in reversed(event.changes):
        if c.kind == "mark":
            old_m = state.marks.get(c.id)
            # Restore the earlier status and its time; `changed` is now, so the undo wins merges.
            if c.before is not None:
                prev = mark_from(c.before)
                restored = Mark(prev.status, prev.at, after(old_m, when), by=state.device)
            else:
                restored = Mark("todo", when, after(old_m, when), by=state.device)
            state.marks[c.id] = restored
            changes.append(
                Change("mark", c.id, mark_data(old_m) if old_m else None, mark_data(restored))
            )
        else:
            old_n = state.notes.get(c.id)
            if c.before is not None:
                prev_n = note_from(c.before, old_n.text if old_n else "")
                changed = after(old_n, when)
                restored_n = Note(
                    prev_n.node, prev_n.text, prev_n.created, changed, prev_n.removed, state.device
                )
            elif old_n is not None:
                changed = after(old_n, when)
                node, text, created = old_n.node, old_n.text, old_n.created
                restored_n = Note(node, text, created, changed, True, state.device)
            else:
                continue
            state.notes[c.id] = restored_n
            old_data = note_ref_data(old_n) if old_n else None
            changes.append(Change("note", c.id, old_data, note_ref_data(restored_n)))
    event.undone = True
    _record(state, "undo", when, changes, origin=origin, target=event.id)
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
    """The union of two states: per mark and per note the newer change wins (equal times: the
    record's content decides, so neither side is preferred); notes are united by id; histories
    are united by entry id (an entry undone on either side stays undone). Commutative,
    associative and idempotent; nothing in either side is dropped except the oldest history
    beyond MAX_EVENTS per origin. The device id is `a`'s (the machine merging)."""
    marks = {k: _newer(a.marks.get(k), b.marks.get(k)) for k in a.marks.keys() | b.marks.keys()}
    notes = {k: _newer(a.notes.get(k), b.notes.get(k)) for k in a.notes.keys() | b.notes.keys()}
    events: dict[str, Event] = {}
    for e in [*a.events, *b.events]:
        have = events.get(e.id)
        if have is None:
            events[e.id] = _copy_event(e)
        else:
            have.undone = have.undone or e.undone
    from llmcourse.study import records

    return State(
        {k: _copy_mark(marks[k]) for k in sorted(marks)},
        {k: _copy_note(notes[k]) for k in sorted(notes)},
        trim(list(events.values())),
        a.device,
        *records.merge(a, b),  # review logs and own cards: a union by id
    )


def _copy_event(e: Event) -> Event:
    return Event(
        e.id, e.seq, e.at, e.op, list(e.changes), e.undone, e.target, e.origin, e.source, e.damaged
    )


def _copy_mark(m: Mark) -> Mark:
    return Mark(m.status, m.at, m.changed, m.by)


def _copy_note(n: Note) -> Note:
    return Note(n.node, n.text, n.created, n.changed, n.removed, n.by)


@dataclass
class ImportResult:
    changes: list[Change]  # marks and notes that the import changes (before -> after)
    new_events: int  # history entries the import adds
    source: str = ""  # the device (or file) the import came from
    study_records: int = 0  # review logs and own cards the import adds or changes


def received(other: State, source: str) -> State:
    """`other` as this machine keeps it: every entry marked imported, naming the device that
    made it (an entry `other` had itself imported keeps its own source)."""
    events = []
    for e in other.events:
        copy = _copy_event(e)
        if e.own:
            copy.origin, copy.source = IMPORTED, source
        events.append(copy)
    return State(other.marks, other.notes, events, other.device, other.reviews, other.cards)


def check_times(other: State, when: datetime) -> None:
    """Refuse an import holding a time more than a day ahead of this machine's clock: a forged
    or skewed clock would otherwise win every later merge."""
    limit = when + FUTURE_SLACK
    found: list[tuple[str, datetime]] = []
    for k, m in sorted(other.marks.items()):
        found += [(msg("import.where_mark", id=k), t) for t in (m.at, m.changed)]
    for k, n in sorted(other.notes.items()):
        found += [(msg("import.where_note", id=k), t) for t in (n.created, n.changed)]
    found += [(msg("import.where_entry", id=e.id), e.at) for e in other.events]
    for where, t in found:
        if t > limit:
            raise LlmcourseError(
                msg("import.future", where=where, time=t.isoformat()),
                [msg("import.future_hint")],
            )


def import_state(
    state: State,
    other: State,
    when: datetime,
    dry_run: bool = False,
    *,
    source: str = "",
    origin: str = "local",
    record: bool = True,
) -> ImportResult:
    """Merge `other` (an export from `source`) into `state`, in place unless dry_run. Its
    entries are kept as imported (never undone here); the import itself is one entry of this
    machine's own, and `undo` reverts exactly what it changed. `sync` passes record=False: what
    another device did is not this machine's to undo, so a sync adds no entry of its own (the
    entries it brings in say where they came from)."""
    check_times(other, when)
    source = other.device or source
    merged = merge(state, received(other, source))
    changes: list[Change] = []
    for k, m in merged.marks.items():
        old = state.marks.get(k)
        if old is None or old.key() != m.key():
            changes.append(Change("mark", k, mark_data(old) if old else None, mark_data(m)))
    for k, n in merged.notes.items():
        old_n = state.notes.get(k)
        if old_n is None or old_n.key() != n.key():
            before = note_ref_data(old_n) if old_n else None
            changes.append(Change("note", k, before, note_ref_data(n)))
    known = {e.id for e in state.events}
    new_events = sum(1 for e in merged.events if e.id not in known)
    from llmcourse.study.records import differs

    study = differs(state, merged.reviews, merged.cards)
    if not dry_run and (changes or new_events or study):
        state.marks, state.notes, state.events = merged.marks, merged.notes, merged.events
        state.reviews, state.cards = merged.reviews, merged.cards
        if changes and record:
            _record(state, "import", when, changes, origin=origin, source=source)
    return ImportResult(changes, new_events, source, study)
