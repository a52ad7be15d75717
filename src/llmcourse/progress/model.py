"""The learner's state: marks, notes and the history of changes, and its on-disk schema.

Plain dataclasses and hand-written validation (no pydantic: `done` and `progress` are on the
start-up benchmark). Every record carries `changed`, the time of its last change, which is what
merging two machines' states compares: the newer change wins, ties broken by the record itself.

Layout of the TOML file (schema 1):

    schema_version = 1
    [marks.<node id>]      status, at (when the status was set), changed
    [notes.<note id>]      node, text, created, changed, removed
    [[events]]             id, seq, at, op, undone, target, changes = [{kind, id, before, after}]
    [reviews.<id>] [cards.<id>]   optional: review logs and own cards (study/records.py)
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from llmcourse.study.records import OwnCard, Review

T = TypeVar("T")

SCHEMA_VERSION = 1
TOPIC_STATUSES = ("todo", "in-progress", "done", "skipped")
ITEM_STATUSES = ("todo", "done", "skipped")  # resources and notebooks are done or skipped
MAX_EVENTS = 5000  # history kept; the oldest entries go first (marks and notes never do)


def now() -> datetime:
    """The current time, aware. LLMCOURSE_NOW (ISO 8601) fixes it, for tests and demos."""
    fixed = os.environ.get("LLMCOURSE_NOW")
    if fixed:
        try:
            when = datetime.fromisoformat(fixed.replace("Z", "+00:00"))
        except ValueError:
            from llmcourse.errors import UsageError

            raise UsageError(f"LLMCOURSE_NOW={fixed!r} is not an ISO 8601 date and time") from None
        return when if when.tzinfo else when.replace(tzinfo=UTC)
    return datetime.now(UTC).astimezone()


def utc(when: datetime) -> datetime:
    return when.astimezone(UTC)


def new_id() -> str:
    return os.urandom(4).hex()


@dataclass
class Mark:
    status: str
    at: datetime  # when this status was set
    changed: datetime  # last change of this record (undo changes it, and keeps `at`)

    def key(self) -> tuple[Any, ...]:
        """Order used to pick the winner of a merge: newer change, then a fixed tie-break."""
        return (self.changed, self.status, self.at)


@dataclass
class Note:
    node: str
    text: str
    created: datetime
    changed: datetime
    removed: bool = False  # kept as a tombstone, text and all, so merges cannot revive it

    def key(self) -> tuple[Any, ...]:
        return (self.changed, self.removed, self.text, self.node, self.created)


@dataclass
class Change:
    """One record's before and after in an event; None means the record did not exist."""

    kind: str  # "mark" or "note"
    id: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass
class Event:
    id: str
    seq: int
    at: datetime
    op: str  # start, done, skip, reset, note, note-remove, import, undo
    changes: list[Change] = field(default_factory=list)
    undone: bool = False
    target: str = ""  # for an undo: the event it reverted

    def order(self) -> tuple[datetime, int, str]:
        return (self.at, self.seq, self.id)


@dataclass
class State:
    marks: dict[str, Mark] = field(default_factory=dict)
    notes: dict[str, Note] = field(default_factory=dict)
    events: list[Event] = field(default_factory=list)
    # The study loop's records (study/records.py): review logs by review id, own cards by id.
    reviews: dict[str, Review] = field(default_factory=dict)
    cards: dict[str, OwnCard] = field(default_factory=dict)

    def status(self, node_id: str) -> str:
        mark = self.marks.get(node_id)
        return mark.status if mark else "todo"

    def statuses(self) -> dict[str, str]:
        """Every node with a mark other than todo -> its status."""
        return {k: m.status for k, m in self.marks.items() if m.status != "todo"}

    def live_notes(self, node_id: str | None = None) -> list[tuple[str, Note]]:
        found = [
            (nid, n)
            for nid, n in self.notes.items()
            if not n.removed and (node_id is None or n.node == node_id)
        ]
        return sorted(found, key=lambda x: (x[1].created, x[0]))


# --- to and from plain data (TOML and JSON share this shape) ---------------------------------


def _ts(when: datetime) -> datetime:
    # TOML keeps datetimes natively; always written in UTC so files compare across machines.
    return utc(when)


def mark_data(m: Mark) -> dict[str, Any]:
    return {"status": m.status, "at": _ts(m.at), "changed": _ts(m.changed)}


def note_data(n: Note) -> dict[str, Any]:
    return {
        "node": n.node,
        "text": n.text,
        "created": _ts(n.created),
        "changed": _ts(n.changed),
        "removed": n.removed,
    }


def _change_data(c: Change) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": c.kind, "id": c.id}
    if c.before is not None:  # TOML has no null: an absent key means "did not exist"
        out["before"] = c.before
    if c.after is not None:
        out["after"] = c.after
    return out


def event_data(e: Event) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": e.id,
        "seq": e.seq,
        "at": _ts(e.at),
        "op": e.op,
        "undone": e.undone,
        "changes": [_change_data(c) for c in e.changes],
    }
    if e.target:
        out["target"] = e.target
    return out


def state_data(state: State) -> dict[str, Any]:
    from llmcourse.study import records

    return {
        "schema_version": SCHEMA_VERSION,
        "marks": {k: mark_data(state.marks[k]) for k in sorted(state.marks)},
        "notes": {k: note_data(state.notes[k]) for k in sorted(state.notes)},
        "events": [event_data(e) for e in state.events],
        **records.data(state),
    }


def jsonable(value: Any) -> Any:
    """state_data() with datetimes as ISO strings, for JSON."""
    if isinstance(value, datetime):
        return utc(value).isoformat().replace("+00:00", "Z")
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    return value


class Invalid(Exception):
    """The data does not have the shape of a state; `problems` are "where: what" lines."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def fail(self, where: str, what: str) -> None:
        self.problems.append(f"{where}: {what}")

    def table(self, raw: dict[str, Any], key: str, where: str) -> dict[str, Any]:
        value = raw.get(key, {})
        if not isinstance(value, dict):
            self.fail(f"{where}{key}", f"must be a table, not {type(value).__name__}")
            return {}
        return value

    def text(self, raw: dict[str, Any], key: str, where: str, choices: tuple[str, ...] = ()) -> str:
        value = raw.get(key)
        if not isinstance(value, str):
            self.fail(f"{where}.{key}", f"must be text, not {_kind(value)}")
            return ""
        if choices and value not in choices:
            self.fail(f"{where}.{key}", f"{value!r} is not one of {', '.join(choices)}")
        return value

    def when(self, raw: dict[str, Any], key: str, where: str) -> datetime:
        value = raw.get(key)
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                self.fail(f"{where}.{key}", f"{value!r} is not an ISO 8601 date and time")
                return _EPOCH
        if not isinstance(value, datetime):
            self.fail(f"{where}.{key}", f"must be a date and time, not {_kind(value)}")
            return _EPOCH
        return value if value.tzinfo else value.replace(tzinfo=UTC)

    def flag(self, raw: dict[str, Any], key: str, where: str) -> bool:
        value = raw.get(key, False)
        if not isinstance(value, bool):
            self.fail(f"{where}.{key}", f"must be true or false, not {_kind(value)}")
            return False
        return value


_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def _kind(value: Any) -> str:
    return "nothing" if value is None else type(value).__name__


def _record(raw: Any, where: str, c: _Checker) -> dict[str, Any] | None:
    if not isinstance(raw, dict):
        c.fail(where, f"must be a table, not {_kind(raw)}")
        return None
    return raw


def _mark(raw: Any, where: str, c: _Checker) -> Mark | None:
    if (r := _record(raw, where, c)) is None:
        return None
    return Mark(
        c.text(r, "status", where, TOPIC_STATUSES),
        c.when(r, "at", where),
        c.when(r, "changed", where),
    )


def _note(raw: Any, where: str, c: _Checker) -> Note | None:
    if (r := _record(raw, where, c)) is None:
        return None
    return Note(
        node=c.text(r, "node", where),
        text=c.text(r, "text", where),
        created=c.when(r, "created", where),
        changed=c.when(r, "changed", where),
        removed=c.flag(r, "removed", where),
    )


def _event(raw: Any, where: str, c: _Checker) -> Event | None:
    if (r := _record(raw, where, c)) is None:
        return None
    seq = r.get("seq", 0)
    if not isinstance(seq, int) or isinstance(seq, bool):
        c.fail(f"{where}.seq", f"must be a whole number, not {_kind(seq)}")
        seq = 0
    changes: list[Change] = []
    raw_changes = r.get("changes", [])
    if not isinstance(raw_changes, list):
        c.fail(f"{where}.changes", f"must be a list, not {_kind(raw_changes)}")
        raw_changes = []
    for i, rc in enumerate(raw_changes):
        cw = f"{where}.changes[{i}]"
        if (ch := _record(rc, cw, c)) is None:
            continue
        before, after = ch.get("before"), ch.get("after")
        for name, side in (("before", before), ("after", after)):
            if side is not None and not isinstance(side, dict):
                c.fail(f"{cw}.{name}", f"must be a table, not {_kind(side)}")
        changes.append(
            Change(
                c.text(ch, "kind", cw, ("mark", "note")),
                c.text(ch, "id", cw),
                before if isinstance(before, dict) else None,
                after if isinstance(after, dict) else None,
            )
        )
    target = r.get("target", "")
    return Event(
        id=c.text(r, "id", where),
        seq=seq,
        at=c.when(r, "at", where),
        op=c.text(r, "op", where),
        changes=changes,
        undone=c.flag(r, "undone", where),
        target=target if isinstance(target, str) else "",
    )


def from_data(raw: dict[str, Any]) -> State:
    """A State from plain data at the current schema, or Invalid listing every problem."""
    from llmcourse.study import records

    c = _Checker()
    known = {"schema_version", "marks", "notes", "events", *records.TABLES}
    for key in raw:
        if key not in known:
            c.fail(str(key), "unknown key")
    marks = {}
    for k, v in c.table(raw, "marks", "").items():
        if (m := _mark(v, f"marks.{k}", c)) is not None:
            marks[k] = m
    notes = {}
    for k, v in c.table(raw, "notes", "").items():
        if (n := _note(v, f"notes.{k}", c)) is not None:
            notes[k] = n
    events: list[Event] = []
    raw_events = raw.get("events", [])
    if not isinstance(raw_events, list):
        c.fail("events", f"must be a list, not {_kind(raw_events)}")
        raw_events = []
    for i, v in enumerate(raw_events):
        if (e := _event(v, f"events[{i}]", c)) is not None:
            events.append(e)
    reviews, cards = records.parse(raw, c)
    if c.problems:
        raise Invalid(c.problems)
    return State(marks, notes, events, reviews, cards)


def mark_from(data: dict[str, Any]) -> Mark:
    """A Mark from an event's before/after (already validated when the file was read)."""
    return _one(_mark, data)


def note_from(data: dict[str, Any]) -> Note:
    return _one(_note, data)


def _one(parse: Callable[[Any, str, _Checker], T | None], data: dict[str, Any]) -> T:
    c = _Checker()
    item = parse(data, "change", c)
    if item is None or c.problems:
        raise Invalid(c.problems)
    return item
