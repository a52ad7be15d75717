"""`show` as plain text: stable and uncoloured, for pipes, scripts and NO_COLOR."""

from __future__ import annotations

from typing import TYPE_CHECKING

from llmcourse.i18n import label
from llmcourse.views.output import echo, terminal_width
from llmcourse.views.paint import wrap
from llmcourse.views.shown import Shown, note_id, note_when

if TYPE_CHECKING:
    from llmcourse.course.model import Notebook, Resource, Topic


def text_width() -> int:
    return max(40, min(terminal_width(), 120))


def topic_text(shown: Shown, topic: Topic) -> None:
    course, t, w = shown.course, shown.t, text_width()
    number = course.number_of(topic.id)
    echo(f"{number}  {t(topic.title)}  {shown.state(topic.id)}")
    echo(f"{topic.id}  {course.topic_url(topic.id)}")
    _dates(shown)
    for line in wrap(t(topic.summary), w):
        echo(line)
    echo()
    none = "" if topic.prerequisites else label("none", shown.lang)
    echo(shown.head("prerequisites", end=not none) + none)
    for p in topic.prerequisites:
        if p in course.topics:
            echo(f"  {shown.mark(p)} {course.number_of(p):<5} {p}  {t(course.topics[p].title)}")
    if topic.concepts:
        echo()
        echo(shown.head("concepts", end=True))
        for c in topic.concepts:
            echo(f"  * {t(c.name)}")
            for line in wrap(t(c.summary), w, "    "):
                echo(line)
            for link in c.links:
                echo(f"    - {link.title}: {_url(shown, link.url)}")
    if topic.resources:
        echo()
        echo(shown.head("resources", end=True))
        for n, r in enumerate(topic.resources, 1):
            echo(f"  {n:>2}. {shown.mark(r.id)} {t(r.title)}{shown.about(r.kind, r.author)}")
            echo(f"      {_url(shown, r.url)}")
    notebooks = course.notebooks_for(topic.id)
    if notebooks:
        echo()
        echo(shown.head("notebooks", end=True))
        for nb in notebooks:
            echo(f"  {shown.mark(nb.id)} {nb.id}  {t(nb.title)}")
            echo(f"      {_url(shown, nb.colab_url)}")
    _notes(shown, w)


def resource_text(shown: Shown, topic: Topic, res: Resource) -> None:
    course, t = shown.course, shown.t
    number = course.number_of(topic.id)
    echo(f"{number}#{course.resource_number(res.id)}  {t(res.title)}  {shown.state(res.id)}")
    author = f"  {shown.head('author')}{res.author}" if res.author else ""
    echo(f"{res.id}  {shown.kind(res.kind)}{author}")
    _dates(shown)
    echo(_url(shown, res.url))
    for line in wrap(t(res.summary), text_width()):
        echo(line)
    for link in res.links:
        echo(f"  - {link.title}: {_url(shown, link.url)}")
    echo(f"{shown.head('in_topic')}{number} {topic.id}  {t(topic.title)}")
    _notes(shown, text_width())


def notebook_text(shown: Shown, nb: Notebook) -> None:
    course, t = shown.course, shown.t
    echo(f"{t(nb.title)}  {shown.state(nb.id)}")
    echo(f"{nb.id}  {shown.notebook_kind(nb.group)}")
    _dates(shown)
    for line in wrap(t(nb.summary), text_width()):
        echo(line)
    echo(f"{shown.head('colab')}{_url(shown, nb.colab_url)}")
    if nb.article_url:
        echo(f"{shown.head('article')}{_url(shown, nb.article_url)}")
    if nb.repo_url:
        echo(f"{shown.head('repository')}{_url(shown, nb.repo_url)}")
    for tid in nb.topics:
        if tid in course.topics:
            title = t(course.topics[tid].title)
            echo(f"{shown.head('in_topic')}{course.number_of(tid)} {tid}  {title}")
    _notes(shown, text_width())


def _url(shown: Shown, url: str) -> str:
    flag = shown.dead_note(url)
    return f"{url}  {flag}" if flag else url


def _dates(shown: Shown) -> None:
    words = shown.dates_words()
    if words:
        echo(words)


def _notes(shown: Shown, width: int) -> None:
    if not shown.notes:
        return
    echo()
    echo(shown.head("notes", end=True))
    for note in shown.notes:
        echo(f"  {note_when(note)}  [{note_id(note)}]")
        for line in wrap(note.get("text", ""), width, "    ") or ["    "]:
            echo(line)
