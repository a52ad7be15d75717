"""`note`: a node's notes, and what adding, editing or removing one says."""

from __future__ import annotations

from typing import TYPE_CHECKING

from llmcourse.course.model import Course
from llmcourse.i18n import label
from llmcourse.progress.model import Note, State, jsonable
from llmcourse.textsafe import one_line
from llmcourse.views.history_view import describe
from llmcourse.views.output import echo, emit_json

if TYPE_CHECKING:
    pass


def render_notes(course: Course, lang: str, state: State, node: str | None, as_json: bool) -> None:
    notes = state.live_notes(node)
    if as_json:
        emit_json(
            [
                {"id": nid, "node": n.node, "text": n.text, "created": jsonable(n.created)}
                for nid, n in notes
            ]
        )
        return
    if not notes:
        echo(label("notes.empty", lang))
        return
    current = None
    for nid, n in sorted(notes, key=lambda x: (x[1].node, x[1].created)):
        if n.node != current:
            current = n.node
            echo(describe(course, lang, n.node))
        when = n.created.astimezone().strftime("%Y-%m-%d %H:%M")
        lines = n.text.splitlines() or [""]
        echo(f"  {one_line(nid)}  {when}  {lines[0]}")
        for more in lines[1:]:
            echo(f"  {'':8}  {'':16}  {more}")


def render_note_edited(course: Course, lang: str, node: str, note_id: str, as_json: bool) -> None:
    if as_json:
        emit_json({"id": note_id, "node": node})
        return
    echo(label("notes.edited", lang).format(id=note_id, node=describe(course, lang, node)))


def render_note_added(course: Course, lang: str, node: str, note_id: str, as_json: bool) -> None:
    if as_json:
        emit_json({"id": note_id, "node": node})
        return
    echo(label("notes.added", lang).format(id=note_id, node=describe(course, lang, node)))


def render_note_removed(lang: str, removed: tuple[str, Note], as_json: bool) -> None:
    note_id, note = removed
    if as_json:
        emit_json({"id": note_id, "node": note.node, "removed": True})
        return
    echo(one_line(label("notes.removed", lang).format(id=note_id, node=note.node)))
