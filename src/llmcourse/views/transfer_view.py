"""`import` (what it changed or would change) and `export --format md` (a checklist)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from llmcourse.course.model import Course
from llmcourse.i18n import label
from llmcourse.progress.exchange import checklist_heading
from llmcourse.progress.model import State, jsonable
from llmcourse.textsafe import one_line
from llmcourse.views.history_view import change_line, short_id
from llmcourse.views.output import echo, emit_json

if TYPE_CHECKING:
    from llmcourse.progress.ops import ImportResult


def render_import(course: Course, lang: str, r: ImportResult, dry_run: bool, as_json: bool) -> None:
    if as_json:
        emit_json(
            {
                "dry_run": dry_run,
                "changes": jsonable(
                    [
                        {"kind": c.kind, "id": c.id, "before": c.before, "after": c.after}
                        for c in r.changes
                    ]
                ),
                "new_history_entries": r.new_events,
                "source": r.source or None,
                "study_records": r.study_records,
            }
        )
        return
    if not r.changes and not r.new_events and not r.study_records:
        echo(label("import.nothing", lang))
        return
    head = label("import.would" if dry_run else "import.did", lang)
    head = head.format(n=len(r.changes), events=r.new_events)
    if r.source:  # "… entries (from 3f2a9c1e):"
        source = label("import.head_from", lang).format(source=short_id(r.source))
        head = f"{head[:-1]}{source}{head[-1]}"
    echo(head)
    if r.study_records:
        echo(label("import.study", lang).format(n=r.study_records))
    for c in r.changes:
        echo(f"  {one_line(change_line(course, lang, c))}")
    if dry_run:
        echo(label("import.dry_run", lang))
    elif r.changes:
        echo(label("import.undo_hint", lang))


def markdown_checklist(course: Course, lang: str, state: State, when: datetime) -> str:
    """A checklist a person can paste into notes or an issue."""
    st = state.statuses()

    def box(node: str) -> str:
        return "[x]" if st.get(node) in ("done", "skipped") else "[ ]"

    def tail(node: str) -> str:
        s = st.get(node, "todo")
        return f" *({label(s, lang)})*" if s in ("skipped", "in-progress") else ""

    lines = [
        checklist_heading(lang) + course.text(course.title, lang),  # what import recognises
        "",
        label("export.when", lang).format(when=when.strftime("%Y-%m-%d %H:%M")),
        "",
    ]
    for part in course.parts:
        lines += [f"## {part.number}. {course.text(part.title, lang)}", ""]
        for topic in part.topics:
            lines.append(
                f"- {box(topic.id)} {course.number_of(topic.id)} "
                f"{course.text(topic.title, lang)}{tail(topic.id)}"
            )
            for res in topic.resources:  # every one, so the checklist is the whole course
                lines.append(
                    f"  - {box(res.id)} [{course.text(res.title, lang)}]({res.url}){tail(res.id)}"
                )
            for _, note in state.live_notes(topic.id):
                lines.append(
                    f"  - {label('export.note', lang)} ({note.created.strftime('%Y-%m-%d')})"
                    f"{label('colon', lang)}" + " ".join(note.text.split())
                )
        lines.append("")
    if course.notebooks:
        lines += ["## " + label("notebooks", lang), ""]
        lines += [
            f"- {box(nb.id)} [{course.text(nb.title, lang)}]({nb.colab_url}){tail(nb.id)}"
            for nb in course.notebooks
        ]
        lines.append("")
    return "\n".join(lines)
