"""The learner's state: marks, notes and the history of changes, and its on-disk schema.

Plain dataclasses and hand-written validation (no pydantic: `done` and `progress` are on the
start-up benchmark). Every record carries `changed`, the time of its last change, which is what
merging two machines' states compares: the newer change wins; at the same time the greater
device id (`by`), then the record itself.

Layout of the TOML file (schema 2):

    schema_version = 2
    device = "<32 hex digits>"   this machine's id: random, created once, never changed
    [marks.<node id>]      status, at (when the status was set), changed, by (device id)
    [notes.<note id>]      node, text, created, changed, removed, by
    [[events]]             id (32 hex), seq, at, op, origin, source, undone, target,
                           changes = [{kind, id, before, after}]

History entries record their origin: "local" or "mcp" (this machine's own changes, the only
ones `undo` reverts) or "import" (an entry that came from another machine; `source` names the
device that made it, or "file:NAME" for an export from before device ids). A note's text lives
only in the note: the note records in history entries leave it out.
    [reviews.<id>] [cards.<id>]   optional: review logs and own cards (study/records.py)
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from llmcourse.record import Record

if TYPE_CHECKING:
    from llmcourse.study.records import OwnCard, Review

T = TypeVar("T")

SCHEMA_VERSION = 2
TOPIC_STATUSES = ("todo", "in-progress", "done", "skipped")
ITEM_STATUSES = ("todo", "done", "skipped")  # resources and notebooks are done or skipped
# History kept per origin (this machine's own, imported): the oldest entries go first (marks and
# notes never do), and imported entries can never push this machine's own out.
MAX_EVENTS = 5000
OWN_ORIGINS = ("local", "mcp")  # changes made on this machine (the CLI, the MCP server)
IMPORTED = "import"
ORIGINS = (*OWN_ORIGINS, IMPORTED)
MAX_NOTE_BYTES = 64 * 1024  # a note's text, in UTF-8
# Times outside this range cannot be shown in every time zone (year 1 or 9999 overflow once
# shifted); the state file's are clamped into it on read, imports refuse them.
MIN_TIME = datetime(1970, 1, 1, tzinfo=UTC)
MAX_TIME = datetime(2999, 12, 31, tzinfo=UTC)
# Ids of marks, notes, entries and devices: no path separators, spaces or control characters.
_ID_OK = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:+_-]{0,127}")


def now() -> datetime:
    """The current time, aware. LLMCOURSE_NOW (ISO 8601) fixes it, for tests and demos."""
    fixed = os.environ.get("LLMCOURSE_NOW")
    if not fixed:
        return datetime.now(UTC).astimezone()
    from llmcourse.errors import UsageError
    from llmcourse.i18n import msg

    try:
        when = datetime.fromisoformat(fixed.replace("Z", "+00:00"))
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
        in_range = MIN_TIME <= when <= MAX_TIME
    except (ValueError, OverflowError):
        in_range = False
    if not in_range:
        raise UsageError(msg("time.now_invalid", value=fixed))
    return when


def utc(when: datetime) -> datetime:
    return when.astimezone(UTC)


def new_id() -> str:
    """A history entry's id: 128 random bits, so two machines' entries never share one."""
    return os.urandom(16).hex()


def new_note_id() -> str:
    return os.urandom(4).hex()  # short enough to type in `note remove ID`


def new_device_id() -> str:
    return os.urandom(16).hex()


def valid_id(value: str) -> bool:
    return bool(_ID_OK.fullmatch(value))


class Mark(Record):
    _fields = ("status", "at", "changed", "by")

    def __init__(self, status: str, at: datetime, changed: datetime, by: str = "") -> None:
        self.status = status
        self.at = at  # when this status was set
        self.changed = changed  # last change of this record (undo changes it, and keeps `at`)
        self.by = by  # the device id of the machine that made the change ("" before schema 2)

    def key(self) -> tuple[Any, ...]:
        """Order used to pick the winner of a merge: the newer change; at the same time the
        greater device id, then the content (so either side may merge first)."""
        return (self.changed, self.by, self.status, self.at)


class Note(Record):
    _fields = ("node", "text", "created", "changed", "removed", "by")

    def __init__(
        self,
        node: str,
        text: str,
        created: datetime,
        changed: datetime,
        removed: bool = False,
        by: str = "",
    ) -> None:
        self.node = node
        self.text = text
        self.created = created
        self.changed = changed
        self.removed = removed  # kept as a tombstone, text and all, so merges cannot revive it
        self.by = by  # the device id of the machine that made the last change

    def key(self) -> tuple[Any, ...]:
        return (self.changed, self.by, self.removed, self.text, self.node, self.created)


class Change(Record):
    """One record's before and after in an event; None means the record did not exist.
    A note's before/after leave its text out (the note itself holds it, once)."""

    _fields = ("kind", "id", "before", "after")

    def __init__(
        self, kind: str, id: str, before: dict[str, Any] | None, after: dict[str, Any] | None
    ) -> None:
        self.kind = kind  # "mark" or "note"
        self.id = id
        self.before = before
        self.after = after


class Event(Record):
    # `damaged` is left out of equality: it is found on reading, never saved.
    _fields = ("id", "seq", "at", "op", "changes", "undone", "target", "origin", "source")

    def __init__(
        self,
        id: str,
        seq: int,
        at: datetime,
        op: str,
        changes: list[Change] | None = None,
        undone: bool = False,
        target: str = "",
        origin: str = "local",
        source: str = "",
        damaged: list[str] | None = None,
    ) -> None:
        self.id = id
        self.seq = seq
        self.at = at
        self.op = op  # start, done, skip, reset, note, note-remove, import, undo
        self.changes = [] if changes is None else changes
        self.undone = undone
        self.target = target  # for an undo: the event it reverted
        self.origin = origin  # "local", "mcp" (this machine's own) or "import"
        self.source = source  # imported entries: the device that made them; an import: where from
        # Problems found in its before/after when the file was read (not saved): never undone.
        self.damaged = [] if damaged is None else damaged

    def order(self) -> tuple[datetime, int, str]:
        return (self.at, self.seq, self.id)

    @property
    def own(self) -> bool:
        """Made on this machine: the only entries `undo` may revert."""
        return self.origin in OWN_ORIGINS


class State(Record):
    _fields = ("marks", "notes", "events", "device", "reviews", "cards")

    def __init__(
        self,
        marks: dict[str, Mark] | None = None,
        notes: dict[str, Note] | None = None,
        events: list[Event] | None = None,
        device: str = "",
        reviews: dict[str, Review] | None = None,
        cards: dict[str, OwnCard] | None = None,
    ) -> None:
        self.marks = {} if marks is None else marks
        self.notes = {} if notes is None else notes
        self.events = [] if events is None else events
        self.device = device  # this machine's id (store.update creates it with the first write)
        # The study loop's records (study/records.py): review logs by review id, own cards.
        self.reviews = {} if reviews is None else reviews
        self.cards = {} if cards is None else cards

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
    out = {"status": m.status, "at": _ts(m.at), "changed": _ts(m.changed)}
    return {**out, "by": m.by} if m.by else out


def note_data(n: Note) -> dict[str, Any]:
    return {**note_ref_data(n), "text": n.text}


def note_ref_data(n: Note) -> dict[str, Any]:
    """A note in a history entry: everything but its text, which the note holds."""
    out = {
        "node": n.node,
        "created": _ts(n.created),
        "changed": _ts(n.changed),
        "removed": n.removed,
    }
    return {**out, "by": n.by} if n.by else out


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
        "origin": e.origin,
        "undone": e.undone,
        "changes": [_change_data(c) for c in e.changes],
    }
    if e.source:
        out["source"] = e.source
    if e.target:
        out["target"] = e.target
    return out


def state_data(state: State) -> dict[str, Any]:
    out: dict[str, Any] = {"schema_version": SCHEMA_VERSION}
    if state.device:
        out["device"] = state.device
    out["marks"] = {k: mark_data(state.marks[k]) for k in sorted(state.marks)}
    out["notes"] = {k: note_data(state.notes[k]) for k in sorted(state.notes)}
    out["events"] = [event_data(e) for e in state.events]
    from llmcourse.study import records

    out.update(records.data(state))
    return out


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
    """Collects "where: what" problems. `strict` (an import): ids must be well formed and times
    in range. Otherwise (the state file, which must stay readable) times are clamped."""

    def __init__(self, strict: bool = False) -> None:
        self.problems: list[str] = []
        self.strict = strict

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

    def ident(self, value: str, where: str) -> str:
        """An id from an import: refused unless well formed (it ends up in output lines)."""
        if self.strict and not valid_id(value):
            self.fail(where, f"{value[:80]!r} is not a valid id (letters, digits, . _ : + -)")
        return value

    def when(self, raw: dict[str, Any], key: str, where: str) -> datetime:
        value = raw.get(key)
        if isinstance(value, str):
            try:
                value = datetime.fromisoformat(value.replace("Z", "+00:00"))
            except ValueError:
                self.fail(f"{where}.{key}", f"{value!r} is not an ISO 8601 date and time")
                return MIN_TIME
        if not isinstance(value, datetime):
            self.fail(f"{where}.{key}", f"must be a date and time, not {_kind(value)}")
            return MIN_TIME
        return self._in_range(value if value.tzinfo else value.replace(tzinfo=UTC), where, key)

    def _in_range(self, value: datetime, where: str, key: str) -> datetime:
        try:
            value = value.astimezone(UTC)
        except OverflowError:
            value = MIN_TIME if value.year < 2000 else MAX_TIME  # year 1 or 9999 near the edge
            low = value == MIN_TIME
        else:
            low = value < MIN_TIME
            if not low and value <= MAX_TIME:
                return value
        if self.strict:
            self.fail(f"{where}.{key}", f"{value.isoformat()} is outside 1970–2999")
        return MIN_TIME if low else MAX_TIME

    def device(self, raw: dict[str, Any], where: str) -> str:
        """A record's optional `by`: the device id of the machine that changed it last."""
        value = raw.get("by", "")
        if not isinstance(value, str) or (value and not valid_id(value)):
            self.fail(f"{where}.by", f"{str(value)[:80]!r} is not a device id")
            return ""
        return value

    def flag(self, raw: dict[str, Any], key: str, where: str) -> bool:
        value = raw.get(key, False)
        if not isinstance(value, bool):
            self.fail(f"{where}.{key}", f"must be true or false, not {_kind(value)}")
            return False
        return value


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
        c.device(r, where),
    )


def _note(raw: Any, where: str, c: _Checker, with_text: bool = True) -> Note | None:
    if (r := _record(raw, where, c)) is None:
        return None
    text = c.text(r, "text", where) if with_text else ""
    if c.strict and len(text.encode("utf-8", "replace")) > MAX_NOTE_BYTES:
        c.fail(f"{where}.text", f"longer than the {MAX_NOTE_BYTES // 1024} KB a note may have")
    return Note(
        node=c.ident(c.text(r, "node", where), f"{where}.node"),
        text=text,
        created=c.when(r, "created", where),
        changed=c.when(r, "changed", where),
        removed=c.flag(r, "removed", where),
        by=c.device(r, where),
    )


def _side(kind: str, side: Any, where: str, c: _Checker) -> dict[str, Any] | None:
    """An entry's before or after, checked like the record it stands for; returned as plain data
    with times in range. Problems go to `c`."""
    if side is None:
        return None
    if kind == "mark":
        m = _mark(side, where, c)
        return mark_data(m) if m is not None else None
    n = _note(side, where, c, with_text=False)
    return note_ref_data(n) if n is not None else None


def _change(raw: Any, where: str, c: _Checker, damaged: list[str]) -> Change | None:
    if (ch := _record(raw, where, c)) is None:
        return None
    kind = c.text(ch, "kind", where, ("mark", "note"))
    cid = c.ident(c.text(ch, "id", where), f"{where}.id")
    # The sides are checked apart: in the state file a bad side makes the entry damaged (never
    # undone) instead of the whole file unreadable; in an import it is refused.
    sides = _Checker(c.strict)
    before = _side(kind, ch.get("before"), f"{where}.before", sides)
    after = _side(kind, ch.get("after"), f"{where}.after", sides)
    if sides.problems:
        if c.strict:
            c.problems += sides.problems
        damaged += sides.problems
        return Change(kind, cid, _raw_side(ch.get("before")), _raw_side(ch.get("after")))
    return Change(kind, cid, before, after)


def _raw_side(side: Any) -> dict[str, Any] | None:
    return side if isinstance(side, dict) else None


def _event(raw: Any, where: str, c: _Checker) -> Event | None:
    if (r := _record(raw, where, c)) is None:
        return None
    seq = r.get("seq", 0)
    if not isinstance(seq, int) or isinstance(seq, bool):
        c.fail(f"{where}.seq", f"must be a whole number, not {_kind(seq)}")
        seq = 0
    changes: list[Change] = []
    damaged: list[str] = []
    raw_changes = r.get("changes", [])
    if not isinstance(raw_changes, list):
        c.fail(f"{where}.changes", f"must be a list, not {_kind(raw_changes)}")
        raw_changes = []
    for i, rc in enumerate(raw_changes):
        if (change := _change(rc, f"{where}.changes[{i}]", c, damaged)) is not None:
            changes.append(change)
    target, source = r.get("target", ""), r.get("source", "")
    return Event(
        id=c.ident(c.text(r, "id", where), f"{where}.id"),
        seq=seq,
        at=c.when(r, "at", where),
        op=c.text(r, "op", where),
        changes=changes,
        undone=c.flag(r, "undone", where),
        target=target if isinstance(target, str) else "",
        origin=c.text(r, "origin", where, ORIGINS) if "origin" in r else "local",
        source=c.ident(source, f"{where}.source") if isinstance(source, str) and source else "",
        damaged=damaged,
    )


def from_data(raw: dict[str, Any], strict: bool = False) -> State:
    """A State from plain data at the current schema, or Invalid listing every problem.
    `strict` for an import: ids, times and history entries must all be valid."""
    c = _Checker(strict)
    from llmcourse.study import records

    known = {"schema_version", "device", "marks", "notes", "events", *records.TABLES}
    for key in raw:
        if key not in known:
            c.fail(str(key), "unknown key")
    device = raw.get("device", "")
    if not isinstance(device, str) or (device and not valid_id(device)):
        c.fail("device", f"{str(device)[:80]!r} is not a device id")
        device = ""
    marks = {}
    for k, v in c.table(raw, "marks", "").items():
        if (m := _mark(v, f"marks.{c.ident(k, f'marks.{k!r}')}", c)) is not None:
            marks[k] = m
    notes = {}
    for k, v in c.table(raw, "notes", "").items():
        if (n := _note(v, f"notes.{c.ident(k, f'notes.{k!r}')}", c)) is not None:
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
    return State(marks, notes, events, device, reviews, cards)


def mark_from(data: dict[str, Any]) -> Mark:
    """A Mark from an event's before/after (validated when the file was read)."""
    return _one(_mark, data)


def note_from(data: dict[str, Any], text: str) -> Note:
    """A Note from an event's before/after, with its text (which the note record holds)."""
    note = _one(lambda raw, where, c: _note(raw, where, c, with_text=False), data)
    note.text = text
    return note


def _one(parse: Callable[[Any, str, _Checker], T | None], data: dict[str, Any]) -> T:
    c = _Checker()
    item = parse(data, "change", c)
    if item is None or c.problems:
        raise Invalid(c.problems)
    return item


# --- migrations (run on read by store.from_raw; the file is rewritten on the next change) -------


def migrate_1_to_2(raw: dict[str, Any]) -> dict[str, Any]:
    """128-bit entry ids, origins, note text out of history entries.

    An old 32-bit id becomes a hash of itself and the entry's time and operation: the same entry
    read on two machines gets the same new id (merges still match it), and two entries that
    happened to share an old id get different ones. Old entries count as this machine's own:
    schema 1 did not record where an entry came from."""
    events = raw.get("events")
    if not isinstance(events, list):
        return raw
    renamed: dict[str, str] = {}
    for e in events:
        if isinstance(e, dict) and isinstance(e.get("id"), str) and len(e["id"]) < 32:
            old = e["id"]
            e["id"] = _widen(old, e.get("at"), e.get("op"))
            renamed.setdefault(old, e["id"])
    for e in events:
        if not isinstance(e, dict):
            continue
        if isinstance(e.get("target"), str) and e["target"] in renamed:
            e["target"] = renamed[e["target"]]
        for ch in e.get("changes") or []:
            if isinstance(ch, dict) and ch.get("kind") == "note":
                for side in ("before", "after"):
                    if isinstance(ch.get(side), dict):
                        ch[side].pop("text", None)
    return raw


def _widen(old: str, at: Any, op: Any) -> str:
    when = str(at)
    try:  # the same time whether it was read from TOML (a datetime) or JSON (a string)
        if isinstance(at, str):
            at = datetime.fromisoformat(at.replace("Z", "+00:00"))
        if isinstance(at, datetime):
            when = (at if at.tzinfo else at.replace(tzinfo=UTC)).astimezone(UTC).isoformat()
    except (ValueError, OverflowError):
        pass
    import hashlib

    return hashlib.sha256(f"{old}|{when}|{op}".encode()).hexdigest()[:32]
