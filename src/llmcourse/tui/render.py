"""What the browser draws: tree labels, the header, the footer and the detail pane, as Rich
renderables built from `Text` (course and note text is sanitised and never read as markup)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from rich.console import Group
from rich.style import Style
from rich.text import Text

from llmcourse.course.model import Course
from llmcourse.course.refs import Kind, Ref
from llmcourse.i18n import label
from llmcourse.progress.model import State
from llmcourse.progress.rollup import Summary, count
from llmcourse.textsafe import one_line, sanitize
from llmcourse.tui.keys import FOOTER
from llmcourse.views.marks import MARKS, STYLES
from llmcourse.views.paint import Grid, Line
from llmcourse.views.progress_view import bar
from llmcourse.views.show_styled import Drawn


@dataclass(frozen=True)
class Item:
    """What a tree line stands for."""

    kind: str  # part, topic, resource, notebook
    id: str
    topic_id: str = ""  # the topic it hangs under (a topic's own id; empty for a part)

    @property
    def markable(self) -> bool:
        return self.kind != "part"


def _mark(text: Text, status: str) -> None:
    text.append(MARKS.get(status, "[?]"), style=STYLES.get(status, ""))
    text.append(" ")


def item_label(course: Course, item: Item, lang: str, statuses: dict[str, str]) -> Text:
    """One tree line: status mark, number and title."""
    t = course.text
    status = statuses.get(item.id, "todo")
    style = STYLES.get(status, "")
    text = Text(no_wrap=True, overflow="ellipsis")
    if item.kind == "part":
        part = next(p for p in course.parts if p.id == item.id)
        text.append(one_line(f"{part.number}. {t(part.title, lang)}"), style="bold cyan")
        done = count(statuses, [tp.id for tp in part.topics])
        text.append(f"  {done.settled}/{done.total}", style="dim")
    elif item.kind == "topic":
        _mark(text, status)
        text.append(f"{course.number_of(item.id):<5}", style="bold")
        text.append(one_line(t(course.topics[item.id].title, lang)), style=style)
    elif item.kind == "resource":
        _, res = course.resources[item.id]
        _mark(text, status)
        n = course.resource_number(res.id)
        text.append(f"#{n} ", style="dim")
        text.append(one_line(t(res.title, lang)), style=style)
        text.append(f"  {label('kind.' + res.kind, lang)}", style="dim")
    else:
        _mark(text, status)
        text.append(one_line(t(course.notebook_map[item.id].title, lang)), style=style)
        text.append(f"  {label('notebook', lang)}", style="dim")
    return text


def header(course: Course, lang: str, summary: Summary, status_filter: str | None) -> Text:
    """Progress bar, share of topics settled, streak, the filter, the course's title."""
    topics = summary.topics
    text = Text(no_wrap=True, overflow="ellipsis")
    text.append(bar(topics.percent, 16), style="green")
    text.append(f" {topics.percent:.1f}% ({topics.settled}/{topics.total})", style="bold")
    days = label("day" if summary.streak_days == 1 else "days", lang)
    streak = label("progress.streak_short", lang).format(n=summary.streak_days, days=days)
    text.append(f"  {streak}")
    if status_filter:
        text.append("  " + label("tui.filter", lang).format(status=label(status_filter, lang)),
                    style="bold yellow")  # fmt: skip
    text.append(f"  {one_line(course.text(course.title, lang))} ({course.edition})", style="dim")
    return text


def footer(lang: str) -> Text:
    """The keys, each one clickable."""
    text = Text()
    for i, (keys, what, action) in enumerate(FOOTER):
        if i:
            text.append("  ")
        click = Style(meta={"@click": f"screen.{action}"} if action else {})
        text.append(keys, style=Style(bold=True) + click)
        text.append(f" {label(what, lang)}", style=click)
    return text


def detail(
    course: Course, item: Item, lang: str, state: State, notes: list[dict[str, str]], dead: Any
) -> Group:
    """The detail pane: what `show` draws for the item, with the date of its mark."""
    from llmcourse.views.show_view import node_lines
    from llmcourse.views.shown import Shown

    if item.kind == "part":
        return _part_detail(course, item, lang, state.statuses())
    ref = Ref(cast(Kind, item.kind), item.id, item.topic_id or None)  # not a part: a Ref kind
    parts = to_rich(node_lines(Shown(course, lang, state.statuses(), notes, dead), ref, None))
    mark = state.marks.get(item.id)
    if mark is not None and mark.status != "todo":
        from llmcourse.progress.model import now

        day = mark.at.astimezone(now().tzinfo).date().isoformat()
        words = label("tui.marked_on", lang).format(status=label(mark.status, lang), date=day)
        parts.insert(1, Text(words, style="dim"))
    return Group(*parts)


def _part_detail(course: Course, item: Item, lang: str, statuses: dict[str, str]) -> Group:
    part = next(p for p in course.parts if p.id == item.id)
    c = count(statuses, [t.id for t in part.topics])
    return Group(
        Text(one_line(f"{part.number}. {course.text(part.title, lang)}"), style="bold"),
        Text(sanitize(course.text(part.summary, lang))),
        Text(""),
        Text(
            label("tui.part_counts", lang).format(
                done=c.done, total=c.total, in_progress=c.in_progress, skipped=c.skipped
            ),
            style="dim",
        ),
    )


def to_rich(drawn: Drawn) -> list[Any]:
    """`show`'s styled lines as Rich renderables, which the detail pane lays out at its width."""
    from rich.padding import Padding
    from rich.table import Table

    out: list[Any] = []
    for item in drawn:
        if isinstance(item, Grid):
            table = Table(show_header=False, box=None, padding=(0, 1), pad_edge=False)
            flex = -1 if item.flex is None else item.flex
            for i in range(max((len(r) for r in item.body), default=0)):
                table.add_column(  # the columns before the flexible one are short labels
                    justify="right" if i in item.right else "left",
                    no_wrap=i < flex,
                    ratio=1 if i == flex else None,
                )
            for row in item.body:
                table.add_row(*(_rich_text(cell) for cell in row))
            out.append(table)
        else:
            text = _rich_text([item])
            out.append(Padding(text, (0, 0, 0, item.indent)) if item.indent else text)
    return out


def _rich_text(lines: list[Line]) -> Text:
    """Lines as one Rich `Text`, one after another; a link becomes a Rich link style."""
    text = Text()
    for i, line in enumerate(lines):
        if i:
            text.append("\n")
        for words, style, link in line.spans:
            link_style = Style(link=link or None)
            text.append(sanitize(words), style=Style.parse(style or "none") + link_style)
    return text
