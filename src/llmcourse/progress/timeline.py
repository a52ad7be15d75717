"""When a topic, resource or notebook was started and finished, read from the history.

The mark holds the time of the current status (`at`); the start of a topic that is done now
is found in the history: the last time it became in-progress after its last reset. Undone
entries do not count (their undo entries restore the marks they changed). A history trimmed
to its newest entries may have lost a start: then there is none to tell.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from llmcourse.progress.model import State


@dataclass(frozen=True)
class Dates:
    started: datetime | None = None
    done: datetime | None = None


def _as_time(value: object) -> datetime | None:
    return value if isinstance(value, datetime) else None


def _last_start(state: State, node_id: str) -> datetime | None:
    """The time of the latest move to in-progress not followed by a return to todo."""
    started: datetime | None = None
    for event in sorted(state.events, key=lambda e: e.order()):
        if event.undone:
            continue
        for change in event.changes:
            if change.kind != "mark" or change.id != node_id or change.after is None:
                continue
            status = change.after.get("status")
            if status == "in-progress":
                started = _as_time(change.after.get("at")) or event.at
            elif status == "todo":
                started = None
    return started


def dates(state: State, node_id: str) -> Dates:
    """Started: when the node went in progress (a topic), or None. Done: when it was marked done,
    while it is done."""
    mark = state.marks.get(node_id)
    if mark is None or mark.status == "todo":
        return Dates()
    if mark.status == "in-progress":
        return Dates(started=mark.at)
    started = _last_start(state, node_id)
    return Dates(started=started, done=mark.at if mark.status == "done" else None)
