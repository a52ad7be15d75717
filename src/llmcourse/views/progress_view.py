"""Renderings for the progress commands: one result, plain text or Rich, and JSON."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import TYPE_CHECKING, Any

from llmcourse.course.model import Course, Resource
from llmcourse.i18n import has_label, label, pad
from llmcourse.progress.model import Event, Note, State, jsonable
from llmcourse.textsafe import one_line
from llmcourse.views.marks import MARKS
from llmcourse.views.output import echo, emit_json, use_rich

if TYPE_CHECKING:
    from llmcourse.progress.ops import ImportResult, Outcome
    from llmcourse.progress.rollup import Counts, NextTopic, Summary
    from llmcourse.study.overview import Overview
    from llmcourse.views.paint import Line


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


def _change_line(course: Course, lang: str, c: Any) -> str:
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


def render_log(state: State, limit: int, as_json: bool, lang: str = "en") -> None:
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
            ids = f"{label('log.reverted', lang).format(id=_short(e.target))} {ids}"
        elif e.op == "import" and e.source:
            ids = f"{label('import.from', lang).format(source=_short(e.source))} {ids}"
        echo(
            one_line(
                f"{when}  {_short(e.id)}  {pad(op_name(e.op, lang), 11)} {ids}{_flags(e, lang)}"
            )
        )
    if len(events) < total:  # say that there is more, and how to see it
        echo(label("log.more", lang).format(shown=len(events), total=total))


def _short(entry_id: str) -> str:
    """Ids and device ids are 32 hex digits; 8 tell them apart on screen (JSON has them whole)."""
    return entry_id[:8] if len(entry_id) == 32 else entry_id


def _flags(e: Event, lang: str) -> str:
    flags = []
    if not e.own:
        flags.append(label("log.imported", lang).format(source=_short(e.source) or "?"))
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


# --- progress --------------------------------------------------------------------------------


def _counts(c: Counts) -> dict[str, Any]:
    return asdict(c)  # total, done, in_progress, skipped, todo


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


def heatmap_rows(s: Summary, lang: str = "en") -> list[tuple[str, list[int | None]]]:
    """Seven rows (Mon..Sun) of 12+ columns (weeks), from the Monday on or before the first
    day summed up to the end of the current week. Every row starts on that Monday (days before
    the range count as none), so no row is shifted; None only for the days after today."""
    first = s.activity[0][0]
    start = first.toordinal() - first.weekday()  # the Monday on or before the first day
    today = s.today.toordinal()
    counts = {d.toordinal(): n for d, n in s.activity}
    weeks = (today - start) // 7 + 1
    names = label("weekdays", lang).split()

    def day(ordinal: int) -> int | None:
        return None if ordinal > today else counts.get(ordinal, 0)

    return [(names[wd], [day(start + 7 * w + wd) for w in range(weeks)]) for wd in range(7)]


def render_progress(
    course: Course, lang: str, s: Summary, as_json: bool, study: Overview | None = None
) -> None:
    from llmcourse.views.study_view import overview_dict, overview_lines

    if as_json:
        emit_json({**progress_dict(course, lang, s), **(overview_dict(study) if study else {})})
        return
    study_lines = overview_lines(study, lang) if study else []
    if use_rich():
        _progress_rich(course, lang, s, study_lines)
        return
    t = s.topics
    settled = label("progress.settled", lang).format(settled=t.settled, total=t.total)
    echo(f"{label('progress.head', lang)}  [{bar(t.percent)}] {t.percent:g}%  {settled}")
    echo(f"  {_counts_line(s, lang)}   {label('progress.skipped_note', lang)}")
    echo()
    for p in s.parts:
        c = p.counts
        echo(
            f"  {p.number}. {pad(course.text(p.title, lang), 28)} [{bar(c.percent, 16)}] "
            f"{c.settled}/{c.total}"
        )
    echo()
    echo(
        label("progress.resources", lang).format(
            done=s.resources.done, total=s.resources.total, skipped=s.resources.skipped
        )
        + f" · {_notebooks_notes(s, lang)}"
    )
    echo(label("progress.streak", lang).format(n=s.streak_days, days=_days(s.streak_days, lang)))
    for line in study_lines:
        echo(line)
    echo()
    echo(label("progress.weeks_legend", lang).format(n=len(s.activity) // 7))
    for name, row in heatmap_rows(s, lang):
        cells = "".join(" " if n is None else HEAT_PLAIN[_level(n)] for n in row)
        echo(f"  {name} {cells}")
    echo()
    _next_lines(course, lang, s.next, echo)
    if s.unknown_marks:
        echo(
            label("progress.unknown", lang).format(n=len(s.unknown_marks))
            + _colon(lang)
            + f"{', '.join(s.unknown_marks[:5])}{' …' if len(s.unknown_marks) > 5 else ''}"
        )


def _counts_line(s: Summary, lang: str) -> str:
    t = s.topics
    return label("progress.counts", lang).format(
        done=t.done, in_progress=t.in_progress, skipped=t.skipped, todo=t.todo
    )


def _notebooks_notes(s: Summary, lang: str) -> str:
    nbs = label("progress.notebooks", lang).format(done=s.notebooks.done, total=s.notebooks.total)
    return f"{nbs} · {label('progress.notes', lang).format(n=s.notes)}"


def _days(n: int, lang: str) -> str:
    return label("day" if n == 1 else "days", lang)


def _progress_rich(course: Course, lang: str, s: Summary, study_lines: list[str]) -> None:
    from llmcourse.views.output import terminal_width
    from llmcourse.views.paint import Grid, draw, styled

    t = s.topics
    head = styled(f"{label('progress.head', lang)} ", "bold").extend(_styled_bar(t.percent, 30))
    settled = label("progress.settled", lang).format(settled=t.settled, total=t.total)
    drawn: list[Line | Grid] = [head.add(f" {t.percent:g}%  {settled}")]
    drawn.append(styled(f"{_counts_line(s, lang)}   {label('progress.skipped_note', lang)}", "dim"))
    table = Grid(flex=0)
    for p in s.parts:
        c = p.counts
        table.add_row(
            styled(one_line(f"{p.number}. {course.text(p.title, lang)}")),
            _styled_bar(c.percent, 20),
            styled(f"{c.settled}/{c.total}"),
        )
    drawn.append(table)
    resources = label("progress.resources_short", lang).format(
        done=s.resources.done, total=s.resources.total
    )
    streak = label("progress.streak_short", lang).format(
        n=s.streak_days, days=_days(s.streak_days, lang)
    )
    drawn.append(styled(f"{resources} · {_notebooks_notes(s, lang)} · {streak}"))
    drawn += [styled(study_line) for study_line in study_lines]
    greens = ("grey23", "green4", "green3", "green1", "bright_green")
    drawn.append(styled(label("progress.weeks", lang).format(n=len(s.activity) // 7), "bold"))
    for name, row in heatmap_rows(s, lang):
        line = styled(f"{name} ")
        for n in row:
            line.add("  " if n is None else "■ ", "" if n is None else greens[_level(n)])
        drawn.append(line)
    lines: list[str] = []
    _next_lines(course, lang, s.next, lines.append)
    drawn += [styled(one_line(text)) for text in lines]
    if s.unknown_marks:
        unknown = label("progress.unknown", lang).format(n=len(s.unknown_marks))
        drawn.append(styled(unknown + ("." if lang != "zh-TW" else "。"), "yellow"))
    draw(drawn, terminal_width())


def _styled_bar(percent: float, width: int) -> Line:
    from llmcourse.views.paint import styled

    filled = round(width * percent / 100)
    return styled("━" * filled, "green").add("━" * (width - filled), "grey35")


def _resource_brief(course: Course, lang: str, r: Resource | None) -> dict[str, Any] | None:
    if r is None:
        return None
    topic = course.topics[course.resource_topics[r.id]]
    at = course.resource_number(r.id)
    return {
        "id": r.id,
        "number": at,  # its place in the topic, as in `list --json`
        "topic_id": topic.id,
        "title": course.text(r.title, lang),
        "url": r.url,
    }


def _next_lines(course: Course, lang: str, n: NextTopic | None, out: Any) -> None:
    if n is None:
        out(label("next.nothing", lang))
        return
    title = course.text(course.topics[n.id].title, lang)
    why = label("next.working" if n.reason == "in-progress" else "next.ready", lang)
    out(
        label("next.line", lang).format(
            number=course.number_of(n.id), id=n.id, title=title, why=why
        )
    )
    c = _colon(lang)

    def join(items: Any) -> str:
        return label("list_sep", lang).join(items)

    def named(topic_id: str) -> str:  # "1.1 Mathematics for Machine Learning", not a bare id
        topic = course.topics.get(topic_id)
        return (
            f"{course.number_of(topic_id)} {course.text(topic.title, lang)}" if topic else topic_id
        )

    needs = label("next.needs", lang)
    if n.needs:
        need = label("next.need", lang)
        out(
            f"  {needs}{c}"
            + join(need.format(id=named(p), status=label(st, lang)) for p, st in n.needs)
        )
    else:
        out(f"  {needs}{c}{label('next.no_prereqs', lang)}")
    if n.unblocks:
        out(f"  {label('next.unblocks', lang)}{c}" + join(map(named, n.unblocks)))
    if n.also_in_progress:
        out(f"  {label('next.also', lang)}{c}" + join(map(named, n.also_in_progress)))


def render_next(
    course: Course, lang: str, n: NextTopic | None, as_json: bool, resource: Resource | None = None
) -> None:
    """`next`: the topic, and its first resource not yet done (`open --next` opens it)."""
    if as_json:
        data = next_dict(course, lang, n)
        if data is not None:
            data["next_resource"] = _resource_brief(course, lang, resource)
        emit_json(data)
        return
    _next_lines(course, lang, n, echo)
    if n is not None and resource is not None:
        brief = _resource_brief(course, lang, resource) or {}
        ref = f"{course.number_of(brief['topic_id'])}#{brief['number']}"
        echo("  " + label("next.resource", lang).format(ref=ref, **brief))
    if n is not None:
        hint = "next.hint_start" if n.reason == "ready" else "next.hint_done"
        echo("  " + label(hint, lang).format(id=n.id))


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


def render_note_removed(removed: tuple[str, Note], as_json: bool, lang: str = "en") -> None:
    note_id, note = removed
    if as_json:
        emit_json({"id": note_id, "node": note.node, "removed": True})
        return
    echo(one_line(label("notes.removed", lang).format(id=note_id, node=note.node)))


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
        source = label("import.head_from", lang).format(source=_short(r.source))
        head = f"{head[:-1]}{source}{head[-1]}"
    echo(head)
    if r.study_records:
        echo(label("import.study", lang).format(n=r.study_records))
    for c in r.changes:
        echo(f"  {one_line(_change_line(course, lang, c))}")
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
        f"# {label('export.title', lang)} — {course.text(course.title, lang)}",
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
                    f"{_colon(lang)}" + " ".join(note.text.split())
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
