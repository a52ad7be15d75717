"""`list`: the course as a tree of parts and topics with a status mark per topic (or, with
`--resources`, each topic's resources with theirs)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from llmcourse.course.model import Course, Topic
from llmcourse.i18n import label
from llmcourse.textsafe import one_line
from llmcourse.views.marks import MARKS, STYLES
from llmcourse.views.output import echo, use_rich

if TYPE_CHECKING:
    from llmcourse.course.select import Selection


def render_list(course: Course, lang: str, statuses: dict[str, str], chosen: Selection) -> None:
    if use_rich():
        _render_rich(course, lang, statuses, chosen)
        return
    echo(one_line(f"{course.text(course.title, lang)} ({course.edition})"))
    for part, topics in chosen.parts:
        echo()
        echo(f"{part.number}. {one_line(course.text(part.title, lang))}")
        width = max((len(t.id) for t in topics), default=0)
        for topic in topics:
            status = statuses.get(topic.id, "todo")
            number = course.number_of(topic.id)
            echo(
                f"  {MARKS.get(status, '[?]')} {number:<5} {one_line(topic.id):<{width}}  "
                f"{one_line(course.text(topic.title, lang))}"
            )
            for line in _resource_lines(course, topic, lang, statuses, chosen):
                echo("      " + line)
    if not chosen.parts:
        echo()
        echo(label("list.nothing", lang))
    echo()
    echo(footer(course, lang, statuses))


def _resource_lines(
    course: Course, topic: Topic, lang: str, statuses: dict[str, str], chosen: Selection
) -> list[str]:
    """`[ ] 2.7#3  id  title` for each of the topic's resources `chosen` shows (none unless
    resources are listed)."""
    shown = (chosen.resources or {}).get(topic.id, [])
    number = course.number_of(topic.id)
    width = max((len(r.id) for r in shown), default=0)
    lines = []
    for r in shown:
        at = course.resource_number(r.id)
        mark = MARKS.get(statuses.get(r.id, "todo"), "[?]")
        lines.append(f"{mark} {f'{number}#{at}':<7} {r.id:<{width}}  {course.text(r.title, lang)}")
    return lines


def footer(course: Course, lang: str, statuses: dict[str, str]) -> str:
    """The whole course's topic counts, worded and counted as `progress` does: settled is done
    plus skipped."""
    from llmcourse.progress.rollup import count

    c = count(statuses, list(course.topics))
    return label("list.footer", lang).format(
        settled=c.settled,
        total=c.total,
        done=c.done,
        skipped=c.skipped,
        in_progress=c.in_progress,
        todo=c.todo,
    )


def filtered_dict(data: dict[str, Any], chosen: Selection) -> dict[str, Any]:
    """`list --json`'s graph (serialize.course_dict) keeping only what `chosen` shows."""
    topic_ids, resource_ids = chosen.topic_ids(), chosen.resource_ids()
    parts = []
    for part in data["parts"]:
        topics = [t for t in part["topics"] if t["id"] in topic_ids]
        for t in topics:
            if resource_ids is not None:
                t["resources"] = [r for r in t["resources"] if r["id"] in resource_ids]
        if topics:
            parts.append({**part, "topics": topics})
    notebooks = [nb for nb in data["notebooks"] if topic_ids.intersection(nb["topics"])]
    return {**data, "parts": parts, "notebooks": notebooks}


def _render_rich(course: Course, lang: str, statuses: dict[str, str], chosen: Selection) -> None:
    from llmcourse.views.output import terminal_width
    from llmcourse.views.paint import Line, Tree, draw, styled

    title = one_line(f"{course.text(course.title, lang)} ({course.edition})")
    root = Tree(styled(title, "bold"))
    for part, topics in chosen.parts:
        part_title = f"{part.number}. {one_line(course.text(part.title, lang))}"
        branch = root.add(styled(part_title, "bold cyan"))
        for topic in topics:
            style = STYLES.get(statuses.get(topic.id, "todo"), "")
            line = styled(MARKS.get(statuses.get(topic.id, "todo"), "[?]"), style)
            line.add(f" {course.number_of(topic.id):<5} ")
            line.add(one_line(course.text(topic.title, lang)), style)
            leaf = branch.add(line.add(f"  {one_line(topic.id)}", "dim"))
            for text in _resource_lines(course, topic, lang, statuses, chosen):
                leaf.add(styled(one_line(text)))
    drawn: list[Tree | Line] = [root]
    if not chosen.parts:
        drawn.append(styled(label("list.nothing", lang)))
    legend = "  ".join(f"{m} {label(s, lang)}" for s, m in MARKS.items())
    drawn.append(styled(f"{footer(course, lang, statuses)}   {legend}", "dim"))
    draw(drawn, terminal_width())
