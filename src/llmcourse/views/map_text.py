"""`map` in the terminal and `path`: topics in layers, each with its mark, number and title.

Each part is drawn on its own, in layers (a topic sits one layer below its deepest
prerequisite in the same part); a topic lists what it needs after `<-`, and a prerequisite
from another part says which part. Lines are built as (text, style) segments: plain text when
piped, coloured by status on a terminal, and always fitted to the width in terminal cells
(a Chinese character takes two).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from llmcourse.course.graph import CourseMap, ancestors, longest_path_layers, prerequisites
from llmcourse.course.model import Course
from llmcourse.i18n import cells, label, pad
from llmcourse.textsafe import one_line
from llmcourse.views.marks import MARKS, STYLES
from llmcourse.views.output import console, echo, use_rich

Segment = tuple[str, str]  # (text, Rich style)
Line = list[Segment]

_MIN_WIDTH = 40


@dataclass
class _Map:
    """What every line of a map needs to know."""

    course: Course
    cmap: CourseMap
    lang: str
    statuses: dict[str, str]
    width: int


def map_lines(
    course: Course, cmap: CourseMap, lang: str, statuses: dict[str, str], width: int
) -> list[Line]:
    """The whole map, fitted to `width` cells."""
    m = _Map(course, cmap, lang, statuses, max(width, _MIN_WIDTH))
    title = one_line(course.text(course.title, lang))
    heading = label("map.title", lang).format(course=title, edition=course.edition)
    lines = [*_wrap(heading, "bold", m.width), *_wrap(legend_text(lang), "dim", m.width)]
    scope = set(cmap.topics)
    for part in course.parts:
        ids = [t.id for t in part.topics if t.id in scope]
        if ids:
            lines.append([])
            name = one_line(course.text(part.title, lang))
            lines += _wrap(f"{part.number}. {name}", "bold cyan", m.width)
            lines += _part_lines(m, ids)
    return lines


def legend_text(lang: str) -> str:
    marks = "  ".join(f"{m} {label(s, lang)}" for s, m in MARKS.items())
    return f"{marks}   {label('map.legend', lang)}"


def _part_lines(m: _Map, ids: list[str]) -> list[Line]:
    """A part's topics layer by layer: the layer's number in a gutter, a `v` between layers."""
    layer = longest_path_layers(ids, m.cmap.prereqs)
    digits = len(str(max(layer.values()) + 1))
    number_width = max(len(m.course.number_of(t)) for t in ids)
    by_layer: dict[int, list[str]] = {}
    for tid in ids:
        by_layer.setdefault(layer[tid], []).append(tid)
    blank = " " * (digits + 2)
    lines: list[Line] = []
    for depth in sorted(by_layer):
        if depth:
            lines.append([(f"{blank} v", "dim")])
        for k, tid in enumerate(by_layer[depth]):
            gutter = f"  {depth + 1:>{digits}} | " if k == 0 else f"{blank} | "
            lines += _topic_lines(m, tid, gutter, f"{blank} | ", number_width)
    return lines


def _topic_lines(m: _Map, tid: str, gutter: str, blank: str, number_width: int) -> list[Line]:
    """One topic: mark, number, title (cut to fit), and `<- its prerequisites` after it or,
    when there is no room, on lines of their own below the title."""
    status = m.statuses.get(tid, "todo")
    style = STYLES.get(status, "")
    head = f"{MARKS.get(status, '[?]')} {m.course.number_of(tid):<{number_width}}  "
    room = m.width - len(gutter) - len(head)
    title = fit(one_line(m.course.text(m.course.topics[tid].title, m.lang)), room)
    line: Line = [(gutter, "dim"), (head, style), (title, style)]
    needs = _needs(m.course, tid, m.cmap, m.lang)
    if not needs:
        return [line]
    arrow = f"  <- {needs}"
    if cells(title) + cells(arrow) <= room:
        return [[*line, (arrow, "dim")]]
    indent = blank + " " * len(head)
    rest = _wrap(f"<- {needs}", "dim", m.width - len(indent))
    return [line, *([(indent, "dim"), *more] for more in rest)]


def _needs(course: Course, tid: str, cmap: CourseMap, lang: str) -> str:
    """The topic's prerequisites by number; one in another part says which part."""
    home = course.part_of(tid).number
    words = []
    for p in dict.fromkeys(cmap.prereqs.get(tid, ())):
        number = course.number_of(p)
        part = course.part_of(p).number
        words.append(number if part == home else
                     number + label("map.other_part", lang).format(n=part))  # fmt: skip
    return label("list_sep", lang).join(words)


def fit(text: str, room: int) -> str:
    """`text`, cut with an ellipsis to `room` cells when it is longer."""
    if cells(text) <= room:
        return text
    out, used = [], 0
    for ch in text:
        if used + cells(ch) > room - 1:
            break
        out.append(ch)
        used += cells(ch)
    return "".join(out) + "…"


def _wrap(text: str, style: str, width: int) -> list[Line]:
    """`text` broken at spaces (or inside a word too long for a line) into lines of at most
    `width` cells."""
    pieces: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if cells(candidate) <= width or not current:
            current = candidate
        else:
            pieces.append(current)
            current = word
        while cells(current) > width:
            cut = fit(current, width + 1)[:-1]
            pieces.append(cut)
            current = current[len(cut) :]
    pieces.append(current)
    return [[(piece, style)] for piece in pieces]


def plain(lines: Sequence[Line]) -> str:
    return "".join("".join(text for text, _ in line).rstrip() + "\n" for line in lines)


def show(lines: Sequence[Line]) -> None:
    """Print the lines: coloured on a terminal, plain when piped or with NO_COLOR."""
    if not use_rich():
        for line in lines:
            echo("".join(text for text, _ in line).rstrip())
        return
    from rich.text import Text

    out = console()
    for line in lines:
        text = Text()
        for part, style in line:
            text.append(one_line(part), style=style)
        out.print(text, soft_wrap=True)


def path_lines(
    course: Course, path: list[str], goal: str, lang: str, statuses: dict[str, str], width: int
) -> list[Line]:
    """`path`: the topics to study, in order, then the prerequisites left out as settled."""
    head = label("path.head", lang).format(
        number=course.number_of(goal),
        id=goal,
        title=one_line(course.text(course.topics[goal].title, lang)),
        n=len(path) - 1,
    )
    width = max(width, _MIN_WIDTH)
    lines = _wrap(head, "bold", width)
    id_width = max(len(t) for t in path)
    number_width = max(len(course.number_of(t)) for t in path)
    for i, tid in enumerate(path, 1):
        status = statuses.get(tid, "todo")
        style = STYLES.get(status, "")
        head = f"{i:>3}. {MARKS.get(status, '[?]')} {course.number_of(tid):<{number_width}}  "
        room = width - len(head) - id_width - 2
        if tid == goal:
            room -= cells(label("path.goal", lang))
        title = fit(one_line(course.text(course.topics[tid].title, lang)), max(room, 10))
        line: Line = [(head, style), (f"{pad(tid, id_width)}  ", "dim"), (title, style)]
        if tid == goal:
            line.append((label("path.goal", lang), "bold"))
        lines.append(line)
    needed = ancestors(goal, prerequisites(course))
    settled = [t for t in course.topics if t in needed and t not in path]
    if settled:
        ids = label("list_sep", lang).join(settled)
        lines += _wrap(label("path.settled", lang).format(ids=ids), "dim", width)
    return lines
