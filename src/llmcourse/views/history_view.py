"""What the commands that change marks say, and the history: `done`/`start`/`skip`/`reset`
outcomes, `undo` and `log`."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from llmcourse.course.model import Course
from llmcourse.i18n import has_label, label, pad
from llmcourse.progress.model import Event, State, jsonable
from llmcourse.textsafe import one_line
from llmcourse.views.marks import MARKS
from llmcourse.views.output import echo, emit_json

if TYPE_CHECKING:
    from llmcourse.progress.ops import Outcome


def describe(course: Course, lang: str, node_id: str) -> str:
    """'2.7 quantization  Quantization' for a topic; '2.7#3 Title' for a resource. One line,
    whatever an imported id holds."""
    return one_line(_describe(course, lang, node_id))


def _describe(course: Course, lang: str, node_id: str) -> str:
    if node_id in course.topics:
        topic = course.topics[node_id]
        return f"{course.number_of(node_id)} {node_id}  {course.text(topic.title, lang)}"
    if node_id in course.resources:
        topic, res = course.resources[node_id]
        n = course.resource_number(node_id)
        return f"{course.number_of(topic.id)}#{n} {node_id}  {course.text(res.title, lang)}"
    if node_id in course.notebook_map:
        title = course.text(course.notebook_map[node_id].title, lang)
        return f"{label('notebook', lang)} {node_id}  {title}"
    return f"{node_id}  {label('not_in_course', lang)}"


def render_outcomes(
    course: Course, lang: str, op: str, outcomes: list[Outcome], as_json: bool
) -> None:
    if as_json:
        emit_json(
            [
                {
                    "id": o.target.id,
                    "kind": o.target.kind,
                    "before": o.before,
                    "after": o.after,
                    "changed": o.changed,
                }
                for o in outcomes
            ]
        )
        return
    for o in outcomes:
        echo(outcome_line(course, lang, op, o))
    if any(o.changed for o in outcomes):
        echo(label("mark.undo_hint", lang))


def outcome_line(course: Course, lang: str, op: str, o: Outcome) -> str:
    """'[x] 2.7 quantization  Quantization: done' (or 'already done')."""
    what = (
        label(f"mark.{op}", lang)
        if o.changed
        else label("mark.already", lang).format(status=label(o.after, lang))
    )
    return f"{MARKS.get(o.after, '[?]')} {describe(course, lang, o.target.id)}{_colon(lang)}{what}"


def _colon(lang: str) -> str:
    return label("colon", lang)


def _status_word(status: str, lang: str) -> str:
    """A status inside a sentence: the id in English ("in-progress"), a word in Chinese."""
    return label(f"st.{status}", lang)


def change_line(course: Course, lang: str, c: Any) -> str:
    if c.kind == "mark":
        before = (c.before or {}).get("status", "todo")
        after = (c.after or {}).get("status", "todo")
        return (
            f"{describe(course, lang, c.id)}{_colon(lang)}"
            f"{_status_word(before, lang)} -> {_status_word(after, lang)}"
        )
    note = c.after or c.before or {}
    gone = bool((c.after or {}).get("removed"))
    what = label("notes.hidden" if gone else "notes.shown", lang)
    return label("notes.change", lang).format(id=c.id, node=note.get("node", "?"), what=what)


def render_undo(course: Course, lang: str, event: Event, as_json: bool) -> None:
    if as_json:
        emit_json({"undone": jsonable(_event_dict(event))})
        return
    echo(
        one_line(
            label("undo.head", lang).format(op=op_name(event.op, lang), at=_local_minute(event.at))
        )
    )
    for c in event.changes:
        after = (c.before or {}).get("status", "todo") if c.kind == "mark" else None
        if after is not None:
            back = label("undo.back", lang).format(status=_status_word(after, lang))
            echo(f"  {MARKS.get(after, '[?]')} {describe(course, lang, c.id)}{_colon(lang)}{back}")
        else:
            removed = c.before is None or bool(c.before.get("removed"))
            echo(
                "  "
                + one_line(
                    label(f"undo.note_{'removed' if removed else 'restored'}", lang).format(id=c.id)
                )
            )


def _event_dict(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "at": e.at,
        "op": e.op,
        "origin": e.origin,
        "source": e.source or None,
        "imported": not e.own,
        "damaged": e.damaged,
        "undone": e.undone,
        "target": e.target or None,
        "changes": [
            {"kind": c.kind, "id": c.id, "before": c.before, "after": c.after} for c in e.changes
        ],
    }


def render_log(lang: str, state: State, limit: int, as_json: bool) -> None:
    events = sorted(state.events, key=Event.order, reverse=True)
    total = len(events)
    if limit > 0:
        events = events[:limit]
    if as_json:
        emit_json(jsonable([_event_dict(e) for e in events]))
        return
    if not events:
        echo(label("log.empty", lang))
        return
    for e in events:
        when = _local_minute(e.at)
        ids = ", ".join(c.id for c in e.changes[:4]) + (" …" if len(e.changes) > 4 else "")
        if e.op == "undo":
            ids = f"{label('log.reverted', lang).format(id=short_id(e.target))} {ids}"
        elif e.op == "import" and e.source:
            ids = f"{label('import.from', lang).format(source=short_id(e.source))} {ids}"
        echo(
            one_line(
                f"{when}  {short_id(e.id)}  {pad(op_name(e.op, lang), 11)} {ids}{_flags(e, lang)}"
            )
        )
    if len(events) < total:  # say that there is more, and how to see it
        echo(label("log.more", lang).format(shown=len(events), total=total))


def short_id(entry_id: str) -> str:
    """Ids and device ids are 32 hex digits; 8 tell them apart on screen (JSON has them whole)."""
    return entry_id[:8] if len(entry_id) == 32 else entry_id


def _flags(e: Event, lang: str) -> str:
    flags = []
    if not e.own:
        flags.append(label("log.imported", lang).format(source=short_id(e.source) or "?"))
    if e.damaged:
        flags.append(label("log.damaged", lang))
    if e.undone:
        flags.append(label("log.undone", lang))
    return "".join(f"  {f}" for f in flags)


def _local_minute(at: datetime) -> str:
    """When something happened, as a person reads it: local time, to the minute."""
    return at.astimezone().strftime("%Y-%m-%d %H:%M")


def op_name(op: str, lang: str) -> str:
    """A history entry's operation in the user's words (English keeps the ids: note-remove)."""
    key = f"op.{op}"
    return label(key, lang) if has_label(key) else op
