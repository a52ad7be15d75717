"""`list`: the course as a tree of parts and topics with a status mark per topic."""

from __future__ import annotations

from llmcourse.course.model import Course
from llmcourse.i18n import label
from llmcourse.textsafe import one_line
from llmcourse.views.output import console, echo, use_rich

MARKS = {"todo": "[ ]", "in-progress": "[~]", "done": "[x]", "skipped": "[-]"}
STYLES = {"todo": "", "in-progress": "yellow", "done": "green", "skipped": "dim"}


def render_list(course: Course, lang: str, statuses: dict[str, str]) -> None:
    if use_rich():
        _render_rich(course, lang, statuses)
        return
    echo(one_line(f"{course.text(course.title, lang)} ({course.edition})"))
    for part in course.parts:
        echo()
        echo(f"{part.number}. {one_line(course.text(part.title, lang))}")
        width = max((len(t.id) for t in part.topics), default=0)
        for topic in part.topics:
            status = statuses.get(topic.id, "todo")
            number = course.number_of(topic.id)
            echo(
                f"  {MARKS.get(status, '[?]')} {number:<5} {one_line(topic.id):<{width}}  "
                f"{one_line(course.text(topic.title, lang))}"
            )


def _render_rich(course: Course, lang: str, statuses: dict[str, str]) -> None:
    from rich.text import Text
    from rich.tree import Tree

    title = one_line(f"{course.text(course.title, lang)} ({course.edition})")
    root = Tree(Text(title, style="bold"))
    for part in course.parts:
        branch = root.add(
            Text(f"{part.number}. {one_line(course.text(part.title, lang))}", style="bold cyan")
        )
        for topic in part.topics:
            status = statuses.get(topic.id, "todo")
            line = Text()
            line.append(MARKS.get(status, "[?]"), style=STYLES.get(status, ""))
            line.append(f" {course.number_of(topic.id):<5} ")
            line.append(one_line(course.text(topic.title, lang)), style=STYLES.get(status, ""))
            line.append(f"  {one_line(topic.id)}", style="dim")
            branch.add(line)
    console().print(root)
    done = sum(1 for t in course.topics if statuses.get(t) == "done")
    legend = "  ".join(f"{m} {label(s, lang)}" for s, m in MARKS.items())
    console().print(
        Text(f"{done}/{len(course.topics)} {label('done', lang)}   {legend}", style="dim")
    )
