"""Renderings for the progress commands: one result, plain text or Rich, and JSON."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from llmcourse.course.model import Course
from llmcourse.i18n import label
from llmcourse.progress.model import Event, Note, State, jsonable
from llmcourse.views.output import echo, emit_json, use_rich

if TYPE_CHECKING:
    from rich.text import Text

    from llmcourse.progress.ops import ImportResult, Outcome
    from llmcourse.progress.rollup import Counts, NextTopic, Summary

MARKS = {"todo": "[ ]", "in-progress": "[~]", "done": "[x]", "skipped": "[-]"}
STYLES = {"todo": "", "in-progress": "yellow", "done": "green", "skipped": "dim"}
PAST = {"start": "started", "done": "done", "skip": "skipped", "reset": "reset to todo"}


def describe(course: Course, lang: str, node_id: str) -> str:
    """'2.7 quantization  Quantization' for a topic; '2.7#3 Title' for a resource."""
    if node_id in course.topics:
        topic = course.topics[node_id]
        return f"{course.number_of(node_id)} {node_id}  {course.text(topic.title, lang)}"
    if node_id in course.resources:
        topic, res = course.resources[node_id]
        n = next(i for i, r in enumerate(topic.resources, 1) if r.id == node_id)
        return f"{course.number_of(topic.id)}#{n} {node_id}  {course.text(res.title, lang)}"
    if node_id in course.notebook_map:
        return f"notebook {node_id}  {course.text(course.notebook_map[node_id].title, lang)}"
    return f"{node_id}  (not in this course)"


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
        what = PAST[op] if o.changed else f"already {label(o.after, lang)}"
        echo(f"{MARKS.get(o.after, '[?]')} {describe(course, lang, o.target.id)}: {what}")
    if any(o.changed for o in outcomes):
        echo("(`llmcourse undo` reverts this)")


def _change_line(course: Course, lang: str, c: Any) -> str:
    if c.kind == "mark":
        before = (c.before or {}).get("status", "todo")
        after = (c.after or {}).get("status", "todo")
        return f"{describe(course, lang, c.id)}: {before} -> {after}"
    note = c.after or c.before or {}
    gone = bool((c.after or {}).get("removed"))
    return f"note {c.id} on {note.get('node', '?')}: {'hidden' if gone else 'shown'}"


def render_undo(course: Course, lang: str, event: Event, as_json: bool) -> None:
    if as_json:
        emit_json({"undone": jsonable(_event_dict(event))})
        return
    echo(f"Undid `{event.op}` of {jsonable(event.at)}:")
    for c in event.changes:
        after = (c.before or {}).get("status", "todo") if c.kind == "mark" else None
        if after is not None:
            echo(f"  {MARKS.get(after, '[?]')} {describe(course, lang, c.id)}: back to {after}")
        else:
            removed = c.before is None or bool(c.before.get("removed"))
            echo(f"  note {c.id}: {'removed' if removed else 'restored'}")


def _event_dict(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "at": e.at,
        "op": e.op,
        "undone": e.undone,
        "target": e.target or None,
        "changes": [
            {"kind": c.kind, "id": c.id, "before": c.before, "after": c.after} for c in e.changes
        ],
    }


def render_log(state: State, limit: int, as_json: bool) -> None:
    events = sorted(state.events, key=Event.order, reverse=True)
    if limit > 0:
        events = events[:limit]
    if as_json:
        emit_json(jsonable([_event_dict(e) for e in events]))
        return
    if not events:
        echo("No changes yet. `llmcourse done TOPIC` records one.")
        return
    for e in events:
        when = e.at.astimezone().strftime("%Y-%m-%d %H:%M")
        ids = ", ".join(c.id for c in e.changes[:4]) + (" …" if len(e.changes) > 4 else "")
        if e.op == "undo":
            ids = f"(reverted {e.target}) {ids}"
        flag = "  [undone]" if e.undone else ""
        echo(f"{when}  {e.id}  {e.op:<11} {ids}{flag}")


# --- progress --------------------------------------------------------------------------------


def _counts(c: Counts) -> dict[str, Any]:
    return {
        "total": c.total,
        "done": c.done,
        "in_progress": c.in_progress,
        "skipped": c.skipped,
        "todo": c.todo,
    }


def next_dict(course: Course, lang: str, n: NextTopic | None) -> dict[str, Any] | None:
    if n is None:
        return None
    return {
        "id": n.id,
        "number": course.number_of(n.id),
        "title": course.text(course.topics[n.id].title, lang),
        "reason": n.reason,
        "needs": [{"id": p, "status": s} for p, s in n.needs],
        "unblocks": n.unblocks,
        "also_in_progress": n.also_in_progress,
    }


def progress_dict(course: Course, lang: str, s: Summary) -> dict[str, Any]:
    return {
        "topics": _counts(s.topics),
        "percent": s.topics.percent,
        "settled_includes_skipped": True,
        "resources": {
            "total": s.resources.total,
            "done": s.resources.done,
            "skipped": s.resources.skipped,
        },
        "notebooks": {
            "total": s.notebooks.total,
            "done": s.notebooks.done,
            "skipped": s.notebooks.skipped,
        },
        "parts": [
            {
                "id": p.id,
                "number": p.number,
                "title": course.text(p.title, lang),
                **_counts(p.counts),
                "percent": p.counts.percent,
            }
            for p in s.parts
        ],
        "streak_days": s.streak_days,
        "activity": [{"date": d.isoformat(), "changes": n} for d, n in s.activity if n],
        "next": next_dict(course, lang, s.next),
        "unknown_marks": len(s.unknown_marks),
        "unknown_mark_ids": s.unknown_marks,
        "notes": s.notes,
    }


def bar(percent: float, width: int = 24) -> str:
    filled = round(width * percent / 100)
    return "#" * filled + "-" * (width - filled)


HEAT_PLAIN = ".-+*#"


def _level(n: int) -> int:
    return 0 if n == 0 else 1 if n == 1 else 2 if n <= 3 else 3 if n <= 6 else 4


def heatmap_rows(s: Summary) -> list[tuple[str, list[int | None]]]:
    """Seven rows (Mon..Sun) of 12+ columns (weeks); None where the day is outside the range."""
    first = s.activity[0][0]
    start = first.toordinal() - first.weekday()  # the Monday on or before the first day
    counts = {d.toordinal(): n for d, n in s.activity}
    weeks = (s.today.toordinal() - start) // 7 + 1
    names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    return [(names[wd], [counts.get(start + 7 * w + wd) for w in range(weeks)]) for wd in range(7)]


def render_progress(course: Course, lang: str, s: Summary, as_json: bool) -> None:
    if as_json:
        emit_json(progress_dict(course, lang, s))
        return
    if use_rich():
        _progress_rich(course, lang, s)
        return
    t = s.topics
    echo(f"Progress  [{bar(t.percent)}] {t.percent:g}%  ({t.settled}/{t.total} topics settled)")
    echo(
        f"  done {t.done} · in progress {t.in_progress} · skipped {t.skipped} · todo {t.todo}"
        "   (skipped topics count as settled)"
    )
    echo()
    for p in s.parts:
        c = p.counts
        echo(
            f"  {p.number}. {course.text(p.title, lang):<28} [{bar(c.percent, 16)}] "
            f"{c.settled}/{c.total}"
        )
    echo()
    echo(
        f"Resources done {s.resources.done}/{s.resources.total}"
        f" (skipped {s.resources.skipped}) · notebooks done {s.notebooks.done}/{s.notebooks.total}"
        f" · notes {s.notes}"
    )
    echo(f"Streak: {s.streak_days} day{'s' if s.streak_days != 1 else ''}")
    echo()
    echo(f"Last {len(s.activity) // 7} weeks ('.' none, '-' 1, '+' 2-3, '*' 4-6, '#' 7+ changes):")
    for name, row in heatmap_rows(s):
        cells = "".join(" " if n is None else HEAT_PLAIN[_level(n)] for n in row)
        echo(f"  {name} {cells}")
    echo()
    _next_lines(course, lang, s.next, echo)
    if s.unknown_marks:
        echo(
            f"{len(s.unknown_marks)} mark(s) on ids this course does not have are kept: "
            f"{', '.join(s.unknown_marks[:5])}{' …' if len(s.unknown_marks) > 5 else ''}"
        )


def _progress_rich(course: Course, lang: str, s: Summary) -> None:
    from rich.table import Table
    from rich.text import Text

    from llmcourse.views.output import console

    con = console()
    t = s.topics
    head = Text("Progress ", style="bold")
    head.append_text(_rich_bar(t.percent, 30))
    head.append(f" {t.percent:g}%  ({t.settled}/{t.total} topics settled)")
    con.print(head)
    con.print(
        Text(
            f"done {t.done} · in progress {t.in_progress} · skipped {t.skipped} · "
            f"todo {t.todo}   (skipped topics count as settled)",
            style="dim",
        )
    )
    table = Table(show_header=False, box=None, pad_edge=False)
    for p in s.parts:
        c = p.counts
        table.add_row(
            Text(f"{p.number}. {course.text(p.title, lang)}"),
            _rich_bar(c.percent, 20),
            Text(f"{c.settled}/{c.total}"),
        )
    con.print(table)
    con.print(
        Text(
            f"Resources done {s.resources.done}/{s.resources.total} · notebooks done "
            f"{s.notebooks.done}/{s.notebooks.total} · notes {s.notes} · "
            f"streak {s.streak_days} day{'s' if s.streak_days != 1 else ''}"
        )
    )
    greens = ("grey23", "green4", "green3", "green1", "bright_green")
    con.print(Text(f"Last {len(s.activity) // 7} weeks", style="bold"))
    for name, row in heatmap_rows(s):
        line = Text(f"{name} ")
        for n in row:
            line.append("  " if n is None else "■ ", style="" if n is None else greens[_level(n)])
        con.print(line)
    lines: list[str] = []
    _next_lines(course, lang, s.next, lines.append)
    for text in lines:
        con.print(Text(text))
    if s.unknown_marks:
        con.print(
            Text(
                f"{len(s.unknown_marks)} mark(s) on ids this course does not have are kept.",
                style="yellow",
            )
        )


def _rich_bar(percent: float, width: int) -> Text:
    from rich.text import Text

    filled = round(width * percent / 100)
    out = Text("━" * filled, style="green")
    out.append("━" * (width - filled), style="grey35")
    return out


def _next_lines(course: Course, lang: str, n: NextTopic | None, out: Any) -> None:
    if n is None:
        out("Next: nothing — every topic is done or skipped.")
        return
    title = course.text(course.topics[n.id].title, lang)
    why = (
        "you are working on it"
        if n.reason == "in-progress"
        else ("the first todo topic whose prerequisites are all done or skipped")
    )
    out(f"Next: {course.number_of(n.id)} {n.id}  {title}  ({why})")
    if n.needs:
        out("  needs: " + ", ".join(f"{p} ({label(st, lang)})" for p, st in n.needs))
    else:
        out("  needs: no prerequisites")
    if n.unblocks:
        out("  unblocks: " + ", ".join(n.unblocks))
    if n.also_in_progress:
        out("  also in progress: " + ", ".join(n.also_in_progress))


def render_next(course: Course, lang: str, n: NextTopic | None, as_json: bool) -> None:
    if as_json:
        emit_json(next_dict(course, lang, n))
        return
    _next_lines(course, lang, n, echo)
    if n is not None and n.reason == "ready":
        echo(f"  `llmcourse show {n.id}` shows it; `llmcourse start {n.id}` marks it started.")
    elif n is not None:
        echo(f"  `llmcourse show {n.id}` shows it; `llmcourse done {n.id}` when you finish.")


# --- notes -----------------------------------------------------------------------------------


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
        echo('No notes yet. `llmcourse note TOPIC "text"` adds one.')
        return
    current = None
    for nid, n in sorted(notes, key=lambda x: (x[1].node, x[1].created)):
        if n.node != current:
            current = n.node
            echo(describe(course, lang, n.node))
        when = n.created.astimezone().strftime("%Y-%m-%d %H:%M")
        lines = n.text.splitlines() or [""]
        echo(f"  {nid}  {when}  {lines[0]}")
        for more in lines[1:]:
            echo(f"  {'':8}  {'':16}  {more}")


def render_note_added(course: Course, lang: str, node: str, note_id: str, as_json: bool) -> None:
    if as_json:
        emit_json({"id": note_id, "node": node})
        return
    echo(f"Note {note_id} added to {describe(course, lang, node)}")


def render_note_removed(removed: tuple[str, Note], as_json: bool) -> None:
    note_id, note = removed
    if as_json:
        emit_json({"id": note_id, "node": note.node, "removed": True})
        return
    echo(f"Note {note_id} on {note.node} removed (`llmcourse undo` brings it back)")


# --- import and export -----------------------------------------------------------------------


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
            }
        )
        return
    verb = "would change" if dry_run else "changed"
    if not r.changes and not r.new_events:
        echo("Nothing to import: you already have all of it.")
        return
    echo(f"Import {verb} {len(r.changes)} item(s) and add {r.new_events} history entries:")
    for c in r.changes:
        echo(f"  {_change_line(course, lang, c)}")
    if dry_run:
        echo("(dry run: nothing was written)")
    elif r.changes:
        echo("(`llmcourse undo` reverts the import)")


def markdown_checklist(course: Course, lang: str, state: State, when: datetime) -> str:
    """A checklist a person can paste into notes or an issue."""
    st = state.statuses()

    def box(node: str) -> str:
        return "[x]" if st.get(node) in ("done", "skipped") else "[ ]"

    def tail(node: str) -> str:
        s = st.get(node, "todo")
        return {"skipped": " *(skipped)*", "in-progress": " *(in progress)*"}.get(s, "")

    lines = [
        f"# llmcourse progress — {course.text(course.title, lang)}",
        "",
        f"Exported {when.strftime('%Y-%m-%d %H:%M')}. Skipped items are ticked: they count "
        "as settled.",
        "",
    ]
    for part in course.parts:
        lines += [f"## {part.number}. {course.text(part.title, lang)}", ""]
        for topic in part.topics:
            lines.append(
                f"- {box(topic.id)} {course.number_of(topic.id)} "
                f"{course.text(topic.title, lang)}{tail(topic.id)}"
            )
            for res in topic.resources:
                if res.id in st:
                    lines.append(
                        f"  - {box(res.id)} [{course.text(res.title, lang)}]({res.url})"
                        f"{tail(res.id)}"
                    )
            for _, note in state.live_notes(topic.id):
                lines.append(
                    f"  - note ({note.created.strftime('%Y-%m-%d')}): "
                    + " ".join(note.text.split())
                )
        lines.append("")
    marked_nbs = [nb for nb in course.notebooks if nb.id in st]
    if marked_nbs:
        lines += ["## " + label("notebooks", lang), ""]
        lines += [
            f"- {box(nb.id)} [{course.text(nb.title, lang)}]({nb.colab_url}){tail(nb.id)}"
            for nb in marked_nbs
        ]
        lines.append("")
    return "\n".join(lines)
