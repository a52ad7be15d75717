"""`progress` and `next`: the summary (plain, styled on a terminal, or JSON) and the next topic."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from llmcourse.course.model import Course, Resource
from llmcourse.i18n import label, pad
from llmcourse.textsafe import one_line
from llmcourse.views.output import echo, emit_json, use_rich

if TYPE_CHECKING:
    from llmcourse.progress.rollup import Counts, NextTopic, Summary
    from llmcourse.study.overview import Overview
    from llmcourse.views.paint import Line


def _counts(c: Counts) -> dict[str, Any]:
    return c.as_dict()  # total, done, in_progress, skipped, todo


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
    course: Course, lang: str, s: Summary, study: Overview | None, as_json: bool
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
            + label("colon", lang)
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
    c = label("colon", lang)

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
    course: Course, lang: str, n: NextTopic | None, resource: Resource | None, as_json: bool
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
