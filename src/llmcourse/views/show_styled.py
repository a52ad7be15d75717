"""`show` on a terminal: styled lines (`views.paint`), titles linked to their pages. The same
lines make `browse`'s detail pane (`tui/render.py` turns them into Rich text)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from llmcourse.i18n import label
from llmcourse.textsafe import one_line, sanitize
from llmcourse.views.paint import Grid, Line, styled
from llmcourse.views.shown import Shown, note_id, note_when

if TYPE_CHECKING:
    from llmcourse.course.model import Notebook, Resource, Topic

Drawn = list[Line | Grid]


def topic_lines(shown: Shown, topic: Topic, width: int | None) -> Drawn:
    """`width` None: for a caller that lays the lines out itself (the resource table stays)."""
    course, t = shown.course, shown.t
    number = course.number_of(topic.id)
    url = course.topic_url(topic.id)
    out: Drawn = [_head(shown, number, t(topic.title), url, topic.id).add(f"  {topic.id}", "dim")]
    out += _dates(shown)
    out.append(styled(sanitize(t(topic.summary))))
    out += [Line(), _heading(label("prerequisites", shown.lang))]
    if not topic.prerequisites:
        out.append(styled(f"  {label('none', shown.lang)}", "dim"))
    for p in topic.prerequisites:
        if p in course.topics:
            line = Line().add("  ").extend(_status(shown, p))
            line.add(f"  {course.number_of(p)}  ").add(one_line(t(course.topics[p].title)))
            out.append(line.add(f"  {p}", "dim"))
    if topic.concepts:
        out += [Line(), _heading(label("concepts", shown.lang))]
        for c in topic.concepts:
            out.append(styled(f"  • {one_line(t(c.name))}", "bold"))
            body = Line(indent=4).add(sanitize(t(c.summary)))
            for i, link in enumerate(c.links):
                body.add("  " if i == 0 else ", ")
                body.add(one_line(link.title), "underline", link.url)
                _dead(shown, body, link.url)
            out.append(body)
    if topic.resources:
        out += [Line(), _heading(label("resources", shown.lang))]
        longest = max(len(r.url) for r in topic.resources)
        if width is None or longest + 24 <= width:
            out.append(_resource_grid(shown, topic))
        else:
            out += _resource_lines(shown, topic)
    notebooks = course.notebooks_for(topic.id)
    if notebooks:
        out += [Line(), _heading(label("notebooks", shown.lang))]
        for nb in notebooks:
            line = Line(indent=2).add(shown.mark(nb.id) + " ")
            line.add(one_line(t(nb.title)), "", nb.colab_url).add(f"  {nb.id}", "dim")
            out.append(_dead(shown, line, nb.colab_url))
    return out + _notes(shown)


def resource_lines(shown: Shown, topic: Topic, res: Resource) -> Drawn:
    course, t = shown.course, shown.t
    number = f"{course.number_of(topic.id)}#{course.resource_number(res.id)}"
    out: Drawn = [_head(shown, number, t(res.title), res.url, res.id)]
    meta = styled(f"{res.id}  {shown.kind(res.kind)}", "dim")
    if res.author:
        meta.add(f"  {shown.head('author')}", "dim")
        meta.add(one_line(res.author), "dim", res.author_url or "")
    out.append(meta)
    out += _dates(shown)
    out.append(_dead(shown, Line(whole=True).add(one_line(res.url), "underline", res.url), res.url))
    out.append(styled(sanitize(t(res.summary))))
    for link in res.links:
        line = Line().add("  - ").add(one_line(link.title), "underline", link.url)
        out.append(_dead(shown, line, link.url))
    out.append(_in_topic(shown, topic.id))
    return out + _notes(shown)


def notebook_lines(shown: Shown, nb: Notebook) -> Drawn:
    out: Drawn = [_head(shown, "", shown.t(nb.title), nb.colab_url, nb.id)]
    out.append(styled(f"{nb.id}  {shown.notebook_kind(nb.group)}", "dim"))
    out += _dates(shown)
    out.append(styled(sanitize(shown.t(nb.summary))))
    urls = (("colab", nb.colab_url), ("article", nb.article_url), ("repository", nb.repo_url))
    for key, url in urls:
        if url:
            line = Line(whole=True).add(shown.head(key)).add(one_line(url), "underline", url)
            out.append(_dead(shown, line, url))
    out += [_in_topic(shown, tid) for tid in nb.topics if tid in shown.course.topics]
    return out + _notes(shown)


def _head(shown: Shown, number: str, title: str, url: str, node_id: str) -> Line:
    """The first line of a node: its number, its title linked to its URL, its status."""
    line = Line()
    if number:
        line.add(f"{number}  ", "bold")
    line.add(one_line(title), "bold", url).add("  ")
    return line.extend(_status(shown, node_id))


def _status(shown: Shown, node_id: str) -> Line:
    words = f"{shown.mark(node_id)} {label(shown.status(node_id), shown.lang)}"
    return styled(words, shown.style(node_id))


def _heading(title: str) -> Line:
    return styled(title, "bold cyan")


def _dead(shown: Shown, line: Line, url: str) -> Line:
    """`line` with the dead-link flag when the last check found `url` dead."""
    flag = shown.dead_note(url)
    return line.add(f"  {flag}", "bold red") if flag else line


def _dates(shown: Shown) -> Drawn:
    words = shown.dates_words()
    return [styled(words, "dim")] if words else []


def _in_topic(shown: Shown, topic_id: str) -> Line:
    course = shown.course
    line = styled(f"{shown.head('in_topic')}{course.number_of(topic_id)} ", "dim")
    line.add(one_line(shown.t(course.topics[topic_id].title)))
    return line.add(f"  {topic_id}", "dim")


def _resource_grid(shown: Shown, topic: Topic) -> Grid:
    grid = Grid(flex=2, right=(0,))
    for n, r in enumerate(topic.resources, 1):
        style = shown.style(r.id)
        title = Line().add(one_line(shown.t(r.title)), style, r.url)
        url = _dead(shown, Line(whole=True).add(one_line(r.url), "dim"), r.url)
        kind = [styled(shown.kind(r.kind), "dim")]
        if r.author:
            kind.append(styled(one_line(r.author), "dim"))
        grid.add_row(styled(f"{n}.", "dim"), styled(shown.mark(r.id), style), [title, url], kind)
    return grid


def _resource_lines(shown: Shown, topic: Topic) -> Drawn:
    """The resources on a terminal too narrow for their URLs: each URL on a line of its own."""
    out: Drawn = []
    for n, r in enumerate(topic.resources, 1):
        style = shown.style(r.id)
        head = styled(f"{n:>2}. ", "dim").add(shown.mark(r.id), style).add(" ")
        head.add(one_line(shown.t(r.title)), style, r.url)
        out.append(head.add(shown.about(r.kind, r.author), "dim"))
        out.append(_dead(shown, Line(whole=True).add("      ").add(one_line(r.url), "dim"), r.url))
    return out


def _notes(shown: Shown) -> Drawn:
    if not shown.notes:
        return []
    out: Drawn = [Line(), _heading(label("notes", shown.lang))]
    for note in shown.notes:
        line = styled(f"  {note_when(note)}  ", "dim").add(sanitize(str(note.get("text", ""))))
        out.append(line.add(f"  [{note_id(note)}]", "dim"))
    return out
