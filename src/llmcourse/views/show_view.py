"""`show`: one topic, resource or notebook, as text (plain or Rich) or as JSON.

Text from the data is always printed literally: plain output goes through echo() (escape
sequences stripped), Rich output is built from `Text` objects of sanitised strings, never from
markup strings; titles, ids and URLs are kept on one line (`one_line`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any, Protocol

from llmcourse.course.model import Course, Notebook, Resource, Topic
from llmcourse.course.refs import Ref
from llmcourse.i18n import cells, label
from llmcourse.textsafe import one_line, sanitize
from llmcourse.views.course_view import MARKS, STYLES
from llmcourse.views.output import console, echo, emit_json, terminal_width, use_rich

if TYPE_CHECKING:
    from rich.text import Text

    from llmcourse.progress.timeline import Dates

Notes = list[dict[str, str]]


class Printer(Protocol):
    """Where a Rich rendering goes: a Console, or a `Collected` list (for `browse`)."""

    def print(self, *objects: Any, **options: Any) -> None: ...


class Collected(list[Any]):
    """Gathers what a Rich rendering prints, for a caller that lays it out itself."""

    def print(self, *objects: Any, **options: Any) -> None:
        self.append(objects[0] if objects else "")


def _print_whole(out: Printer, line: Text) -> None:
    """A line holding a URL: never cut or folded by Rich (a narrow terminal wraps it whole)."""
    out.print(line, soft_wrap=True)


def _urls_fit(out: Printer, urls: list[str], room: int) -> bool:
    """Whether the longest URL fits a table cell of the console's width less `room` columns
    (a caller that lays the rendering out itself keeps the table)."""
    if isinstance(out, Collected):
        return True
    return max(map(len, urls), default=0) + room <= terminal_width()


# Links the last `check-links` found dead: url -> its cached result ("status", "checked_at"...).
Dead = Mapping[str, Mapping[str, Any]]
_NONE: Dead = {}


def _mark_dead(item: dict[str, Any], dead: Dead, key: str = "url") -> None:
    """Add `link_status` (broken or error) and `link_checked_at` to a dict whose URL is dead."""
    found = dead.get(item.get(key) or "")
    if found is not None:
        item["link_status"] = found.get("status") or "broken"
        item["link_checked_at"] = found.get("checked_at")


def _mark_resource(data: dict[str, Any], dead: Dead) -> None:
    _mark_dead(data, dead)
    for link in data.get("links", []):
        _mark_dead(link, dead)


def _mark_notebook(data: dict[str, Any], dead: Dead) -> None:
    """A notebook has several URLs: the dead ones are listed under `dead_links`."""
    found = []
    for key in ("colab_url", "article_url", "repo_url"):
        url = data.get(key)
        if url and url in dead:
            found.append({"url": url, "link_status": dead[url].get("status") or "broken",
                          "link_checked_at": dead[url].get("checked_at")})  # fmt: skip
    if found:
        data["dead_links"] = found


# --- JSON --------------------------------------------------------------------------------


def topic_json(
    course: Course,
    topic: Topic,
    lang: str,
    statuses: dict[str, str],
    notes: Notes,
    dead: Dead = _NONE,
) -> dict[str, Any]:
    """The topic as in `list --json` (`prerequisites` and `notebooks` lists of ids), plus its
    notes, its prerequisites as objects with their status (`prerequisites_detail`), its
    notebooks in full (`notebooks_detail`), and `link_status` on links found dead."""
    from llmcourse.views.serialize import notebook_dict, topic_dict

    data = topic_dict(course, topic, lang, statuses)
    data["node"] = "topic"
    data["prerequisites_detail"] = [
        {
            "id": p,
            "number": course.number_of(p),
            "title": course.text(course.topics[p].title, lang),
            "status": statuses.get(p, "todo"),
        }
        for p in topic.prerequisites
        if p in course.topics
    ]
    data["notebooks_detail"] = [
        notebook_dict(course, nb, lang, statuses) for nb in course.notebooks_for(topic.id)
    ]
    data["notes"] = notes
    if dead:
        for concept in data["concepts"]:
            for link in concept["links"]:
                _mark_dead(link, dead)
        for res in data["resources"]:
            _mark_resource(res, dead)
        for nb in data["notebooks_detail"]:
            _mark_notebook(nb, dead)
    return data


def resource_json(
    course: Course,
    topic: Topic,
    res: Resource,
    lang: str,
    statuses: dict[str, str],
    notes: Notes,
    dead: Dead = _NONE,
) -> dict[str, Any]:
    from llmcourse.views.serialize import resource_dict

    data = resource_dict(course, topic, res, lang, statuses)
    data["node"] = "resource"  # `kind` stays the resource's kind (article, video...), as in list
    data["topic"] = _topic_ref(course, topic, lang, statuses)
    data["notes"] = notes
    _mark_resource(data, dead)
    return data


def notebook_json(
    course: Course,
    nb: Notebook,
    lang: str,
    statuses: dict[str, str],
    notes: Notes,
    dead: Dead = _NONE,
) -> dict[str, Any]:
    from llmcourse.views.serialize import notebook_dict

    data = notebook_dict(course, nb, lang, statuses)
    data["node"] = "notebook"
    _mark_notebook(data, dead)
    data["topic_details"] = [
        _topic_ref(course, course.topics[t], lang, statuses)
        for t in nb.topics
        if t in course.topics
    ]
    data["notes"] = notes
    return data


def _topic_ref(course: Course, topic: Topic, lang: str, statuses: dict[str, str]) -> dict[str, str]:
    return {
        "id": topic.id,
        "number": course.number_of(topic.id),
        "title": course.text(topic.title, lang),
        "status": statuses.get(topic.id, "todo"),
    }


# --- plain text --------------------------------------------------------------------------


def _width() -> int:
    return max(40, min(terminal_width(), 120))


def _is_wide_script(ch: str) -> bool:
    """CJK, Hangul and full-width forms: text that may break between any two characters."""
    o = ord(ch)
    return (
        0x2E80 <= o <= 0xA4CF
        or 0xAC00 <= o <= 0xD7AF
        or 0xF900 <= o <= 0xFAFF
        or 0xFE30 <= o <= 0xFE4F
        or 0xFF00 <= o <= 0xFFEF
    )


def _pieces(word: str) -> list[str]:
    """A word cut into runs of other text and single wide characters. (Not a regular
    expression: compiling one with these ranges costs 5 ms, at every start-up.)"""
    out: list[str] = []
    run = ""
    for ch in word:
        if _is_wide_script(ch):
            if run:
                out.append(run)
                run = ""
            out.append(ch)
        else:
            run += ch
    if run:
        out.append(run)
    return out


_NO_LINE_START = set("，。、：；！？）」』】〉》,.:;!?)")


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Lines of at most `width` terminal cells: breaks at spaces, and between the characters of
    CJK text (which has no spaces), counting wide characters as two cells and never starting a
    line with closing punctuation."""
    lines: list[str] = []
    room = max(width - len(indent), 10)
    line, used = "", 0
    for word in sanitize(text).split():
        for i, piece in enumerate(_pieces(word)):
            w = cells(piece)
            glue = " " if line and i == 0 else ""
            if line and used + len(glue) + w > room and piece[0] not in _NO_LINE_START:
                lines.append(indent + line)
                line, used, glue = "", 0, ""
            line += glue + piece
            used += len(glue) + w
    if line:
        lines.append(indent + line)
    return lines


def _dead_note(url: str, dead: Dead, lang: str) -> str:
    """'[dead link, checked 2026-11-28]' for a URL the last `check-links` found dead, else ''."""
    found = dead.get(url)
    if found is None:
        return ""
    when = one_line(str(found.get("checked_at") or ""))[:10]
    words = label("dead_link", lang).format(when=when) if when else label("dead_link.undated", lang)
    return f"[{words}]"


def _url_line(url: str, dead: Dead, lang: str) -> str:
    flag = _dead_note(url, dead, lang)
    return f"{url}  {flag}" if flag else url


def _head(key: str, lang: str, end: bool = False) -> str:
    """'Resources: ' / '學習資源：' — a label and a colon in the language's own punctuation."""
    if lang == "zh-TW":
        return label(key, lang) + "："
    return label(key, lang) + (":" if end else ": ")


def _mark(statuses: dict[str, str], node_id: str) -> str:
    return MARKS.get(statuses.get(node_id, "todo"), "[?]")


def _kind(kind: str, lang: str) -> str:
    return label(f"kind.{kind}", lang)


def _state(statuses: dict[str, str], node_id: str, lang: str) -> str:
    """'[x] done': the mark and the status in words."""
    return f"{_mark(statuses, node_id)} {label(statuses.get(node_id, 'todo'), lang)}"


def _dates_words(dates: Dates | None, lang: str) -> str:
    """'started 2026-11-20 09:30 · done 2026-11-25 18:02' in local time, or '' when neither."""
    if dates is None:
        return ""
    words = [
        label(key, lang).format(when=at.astimezone().strftime("%Y-%m-%d %H:%M"))
        for key, at in (("dates.started", dates.started), ("dates.done", dates.done))
        if at is not None
    ]
    return label("dates.sep", lang).join(words)


def _plain_dates(dates: Dates | None, lang: str) -> None:
    words = _dates_words(dates, lang)
    if words:
        echo(words)


def _rich_dates(dates: Dates | None, lang: str, out: Printer) -> None:
    from rich.text import Text

    words = _dates_words(dates, lang)
    if words:
        out.print(Text(words, style="dim"))


def dates_json(dates: Dates | None) -> dict[str, str | None]:
    """`started_at` and `done_at` (ISO 8601, UTC) for `show --json`; None when unknown."""
    from llmcourse.progress.model import jsonable

    if dates is None:
        return {"started_at": None, "done_at": None}
    return {"started_at": jsonable(dates.started), "done_at": jsonable(dates.done)}


def render_topic(
    course: Course,
    topic: Topic,
    lang: str,
    statuses: dict[str, str],
    notes: Notes,
    dead: Dead = _NONE,
    dates: Dates | None = None,
) -> None:
    if use_rich():
        _rich_topic(course, topic, lang, statuses, notes, dead, dates=dates)
        return
    t = course.text
    w = _width()
    number = course.number_of(topic.id)
    echo(f"{number}  {t(topic.title, lang)}  {_state(statuses, topic.id, lang)}")
    echo(f"{topic.id}  {_topic_url(course, topic)}")
    _plain_dates(dates, lang)
    for line in wrap(t(topic.summary, lang), w):
        echo(line)
    echo()
    none = "" if topic.prerequisites else label("none", lang)
    echo(_head("prerequisites", lang, end=not none) + none)
    for p in topic.prerequisites:
        if p in course.topics:
            echo(
                f"  {_mark(statuses, p)} {course.number_of(p):<5} {p}  "
                f"{t(course.topics[p].title, lang)}"
            )
    if topic.concepts:
        echo()
        echo(f"{_head('concepts', lang, end=True)}")
        for c in topic.concepts:
            echo(f"  * {t(c.name, lang)}")
            for line in wrap(t(c.summary, lang), w, "    "):
                echo(line)
            for link in c.links:
                echo(f"    - {link.title}: {_url_line(link.url, dead, lang)}")
    if topic.resources:
        echo()
        echo(f"{_head('resources', lang, end=True)}")
        for n, r in enumerate(topic.resources, 1):
            by = f"{label('comma', lang)}{r.author}" if r.author else ""
            about = label("paren", lang).format(f"{_kind(r.kind, lang)}{by}")
            echo(f"  {n:>2}. {_mark(statuses, r.id)} {t(r.title, lang)}{about}")
            echo(f"      {_url_line(r.url, dead, lang)}")
    notebooks = course.notebooks_for(topic.id)
    if notebooks:
        echo()
        echo(f"{_head('notebooks', lang, end=True)}")
        for nb in notebooks:
            echo(f"  {_mark(statuses, nb.id)} {nb.id}  {t(nb.title, lang)}")
            echo(f"      {_url_line(nb.colab_url, dead, lang)}")
    _plain_notes(notes, lang, w)


def render_resource(
    course: Course,
    topic: Topic,
    res: Resource,
    lang: str,
    statuses: dict[str, str],
    notes: Notes,
    dead: Dead = _NONE,
    dates: Dates | None = None,
) -> None:
    if use_rich():
        _rich_resource(course, topic, res, lang, statuses, notes, dead, dates=dates)
        return
    t = course.text
    from llmcourse.views.serialize import resource_number

    n = resource_number(topic, res)
    number = course.number_of(topic.id)
    echo(f"{number}#{n}  {t(res.title, lang)}  {_state(statuses, res.id, lang)}")
    echo(
        f"{res.id}  {_kind(res.kind, lang)}"
        + (f"  {_head('author', lang)}{res.author}" if res.author else "")
    )
    _plain_dates(dates, lang)
    echo(_url_line(res.url, dead, lang))
    for line in wrap(t(res.summary, lang), _width()):
        echo(line)
    for link in res.links:
        echo(f"  - {link.title}: {_url_line(link.url, dead, lang)}")
    echo(f"{_head('in_topic', lang)}{number} {topic.id}  {t(topic.title, lang)}")
    _plain_notes(notes, lang, _width())


def render_notebook(
    course: Course,
    nb: Notebook,
    lang: str,
    statuses: dict[str, str],
    notes: Notes,
    dead: Dead = _NONE,
    dates: Dates | None = None,
) -> None:
    if use_rich():
        _rich_notebook(course, nb, lang, statuses, notes, dead, dates=dates)
        return
    t = course.text
    echo(f"{t(nb.title, lang)}  {_state(statuses, nb.id, lang)}")
    echo(f"{nb.id}  {_notebook_kind(nb.group, lang)}")
    _plain_dates(dates, lang)
    for line in wrap(t(nb.summary, lang), _width()):
        echo(line)
    echo(f"{_head('colab', lang)}{_url_line(nb.colab_url, dead, lang)}")
    if nb.article_url:
        echo(f"{_head('article', lang)}{_url_line(nb.article_url, dead, lang)}")
    if nb.repo_url:
        echo(f"{_head('repository', lang)}{_url_line(nb.repo_url, dead, lang)}")
    for tid in nb.topics:
        if tid in course.topics:
            echo(
                f"{_head('in_topic', lang)}{course.number_of(tid)} {tid}  "
                f"{t(course.topics[tid].title, lang)}"
            )
    _plain_notes(notes, lang, _width())


def _plain_notes(notes: Notes, lang: str, width: int) -> None:
    if not notes:
        return
    echo()
    echo(f"{_head('notes', lang, end=True)}")
    for note in notes:
        lines = wrap(note.get("text", ""), width, "    ") or ["    "]
        when = one_line(str(note.get("created", ""))[:16].replace("T", " "))
        echo(f"  {when}  [{one_line(str(note.get('id', '')))}]")
        for line in lines:
            echo(line)


def _topic_url(course: Course, topic: Topic) -> str:
    from llmcourse.views.serialize import topic_url

    return topic_url(course, topic)


# --- Rich --------------------------------------------------------------------------------


def _link(text: Text, title: str, url: str, style: str = "") -> None:
    """Append `title` as a clickable terminal hyperlink to `url` (both taken literally)."""
    from rich.style import Style

    text.append(one_line(title), style=Style.parse(style or "none") + Style(link=one_line(url)))


def _status_text(statuses: dict[str, str], node_id: str, lang: str) -> Text:
    from rich.text import Text

    status = statuses.get(node_id, "todo")
    return Text(f"{MARKS.get(status, '[?]')} {label(status, lang)}", style=STYLES.get(status, ""))


def _rich_dead(text: Text, url: str, dead: Dead, lang: str) -> None:
    """Append the dead-link flag to `text` when the last check found `url` dead."""
    flag = _dead_note(url, dead, lang)
    if flag:
        text.append(f"  {flag}", style="bold red")


def _rich_head(
    number: str, title: str, url: str, statuses: dict[str, str], node_id: str, lang: str
) -> Text:
    """The first line of a node in Rich: its number, its title linked to its URL, its status."""
    from rich.text import Text

    head = Text()
    if number:
        head.append(f"{number}  ", style="bold")
    _link(head, title, url, "bold")
    head.append("  ")
    head.append_text(_status_text(statuses, node_id, lang))
    return head


def _heading(title: str) -> Text:
    from rich.text import Text

    return Text(title, style="bold cyan")


def _rich_topic(
    course: Course,
    topic: Topic,
    lang: str,
    statuses: dict[str, str],
    notes: Notes,
    dead: Dead,
    out: Printer | None = None,
    dates: Dates | None = None,
) -> None:
    from rich.padding import Padding
    from rich.text import Text

    t = course.text
    out = console() if out is None else out
    number = course.number_of(topic.id)
    url = _topic_url(course, topic)
    head = _rich_head(number, t(topic.title, lang), url, statuses, topic.id, lang)
    head.append(f"  {topic.id}", style="dim")
    out.print(head)
    _rich_dates(dates, lang, out)
    out.print(Text(sanitize(t(topic.summary, lang))))
    out.print()
    out.print(_heading(label("prerequisites", lang)))
    if not topic.prerequisites:
        out.print(Text(f"  {label('none', lang)}", style="dim"))
    for p in topic.prerequisites:
        if p in course.topics:
            line = Text("  ")
            line.append_text(_status_text(statuses, p, lang))
            line.append(f"  {course.number_of(p)}  ")
            line.append(one_line(t(course.topics[p].title, lang)))
            line.append(f"  {p}", style="dim")
            out.print(line)
    if topic.concepts:
        out.print()
        out.print(_heading(label("concepts", lang)))
        for c in topic.concepts:
            out.print(Text(f"  • {one_line(t(c.name, lang))}", style="bold"))
            body = Text(sanitize(t(c.summary, lang)))
            for i, link in enumerate(c.links):
                body.append("  " if i == 0 else ", ")
                _link(body, link.title, link.url, "underline")
                _rich_dead(body, link.url, dead, lang)
            out.print(Padding(body, (0, 0, 0, 4)))
    if topic.resources:
        out.print()
        out.print(_heading(label("resources", lang)))
        if _urls_fit(out, [r.url for r in topic.resources], 24):
            out.print(_rich_resource_table(course, topic, lang, statuses, dead))
        else:
            _rich_resource_lines(course, topic, lang, statuses, dead, out)
    notebooks = course.notebooks_for(topic.id)
    if notebooks:
        out.print()
        out.print(_heading(label("notebooks", lang)))
        for nb in notebooks:
            line = Text(MARKS.get(statuses.get(nb.id, "todo"), "[?]"))
            line.append(" ")
            _link(line, t(nb.title, lang), nb.colab_url)
            line.append(f"  {nb.id}", style="dim")
            _rich_dead(line, nb.colab_url, dead, lang)
            out.print(Padding(line, (0, 0, 0, 2)))  # a wrapped line stays indented
    _rich_notes(notes, lang, out)


def _kind_text(res: Resource, lang: str) -> Text:
    from rich.text import Text

    kind = Text(_kind(res.kind, lang))
    if res.author:
        kind.append(f"\n{one_line(res.author)}")
    return kind


def _rich_resource_lines(
    course: Course, topic: Topic, lang: str, statuses: dict[str, str], dead: Dead, out: Printer
) -> None:
    """The resources on a terminal too narrow for their URLs: each URL on a line of its own."""
    from rich.text import Text

    for n, r in enumerate(topic.resources, 1):
        status = statuses.get(r.id, "todo")
        head = Text(f"{n:>2}. ", style="dim")
        head.append(MARKS.get(status, "[?]"), style=STYLES.get(status, ""))
        head.append(" ")
        _link(head, course.text(r.title, lang), r.url, STYLES.get(status, ""))
        by = f"{label('comma', lang)}{one_line(r.author)}" if r.author else ""
        head.append(label("paren", lang).format(f"{_kind(r.kind, lang)}{by}"), style="dim")
        out.print(head)
        url = Text("      ")
        url.append(one_line(r.url), style="dim")
        _rich_dead(url, r.url, dead, lang)
        _print_whole(out, url)


def _rich_resource_table(
    course: Course, topic: Topic, lang: str, statuses: dict[str, str], dead: Dead
) -> Any:
    from rich.table import Table
    from rich.text import Text

    t = course.text
    table = Table(show_header=False, box=None, padding=(0, 1), pad_edge=False)
    table.add_column(justify="right", style="dim", no_wrap=True)
    table.add_column(no_wrap=True)
    table.add_column(ratio=1)
    table.add_column(style="dim")
    for n, r in enumerate(topic.resources, 1):
        status = statuses.get(r.id, "todo")
        title = Text()
        _link(title, t(r.title, lang), r.url, STYLES.get(status, ""))
        title.append("\n")
        title.append(one_line(r.url), style="dim")
        _rich_dead(title, r.url, dead, lang)
        table.add_row(
            f"{n}.",
            Text(MARKS.get(status, "[?]"), style=STYLES.get(status, "")),
            title,
            _kind_text(r, lang),
        )
    return table


def _rich_resource(
    course: Course,
    topic: Topic,
    res: Resource,
    lang: str,
    statuses: dict[str, str],
    notes: Notes,
    dead: Dead,
    out: Printer | None = None,
    dates: Dates | None = None,
) -> None:
    from rich.text import Text

    from llmcourse.views.serialize import resource_number

    t = course.text
    out = console() if out is None else out
    number = f"{course.number_of(topic.id)}#{resource_number(topic, res)}"
    out.print(_rich_head(number, t(res.title, lang), res.url, statuses, res.id, lang))
    meta = Text(f"{res.id}  {_kind(res.kind, lang)}", style="dim")
    if res.author:
        meta.append(f"  {_head('author', lang)}")
        if res.author_url:
            _link(meta, res.author, res.author_url)
        else:
            meta.append(one_line(res.author))
    out.print(meta)
    _rich_dates(dates, lang, out)
    url = Text()
    _link(url, res.url, res.url, "underline")
    _rich_dead(url, res.url, dead, lang)
    _print_whole(out, url)
    out.print(Text(sanitize(t(res.summary, lang))))
    for link in res.links:
        line = Text("  - ")
        _link(line, link.title, link.url, "underline")
        _rich_dead(line, link.url, dead, lang)
        out.print(line)
    line = Text(f"{_head('in_topic', lang)}{course.number_of(topic.id)} ", style="dim")
    line.append(one_line(t(topic.title, lang)))
    line.append(f"  {topic.id}", style="dim")
    out.print(line)
    _rich_notes(notes, lang, out)


def _rich_notebook(
    course: Course,
    nb: Notebook,
    lang: str,
    statuses: dict[str, str],
    notes: Notes,
    dead: Dead,
    out: Printer | None = None,
    dates: Dates | None = None,
) -> None:
    from rich.text import Text

    t = course.text
    out = console() if out is None else out
    out.print(_rich_head("", t(nb.title, lang), nb.colab_url, statuses, nb.id, lang))
    out.print(Text(f"{nb.id}  {_notebook_kind(nb.group, lang)}", style="dim"))
    _rich_dates(dates, lang, out)
    out.print(Text(sanitize(t(nb.summary, lang))))
    for key, url in (
        ("colab", nb.colab_url),
        ("article", nb.article_url),
        ("repository", nb.repo_url),
    ):
        if url:
            line = Text(f"{_head(key, lang)}")
            _link(line, url, url, "underline")
            _rich_dead(line, url, dead, lang)
            _print_whole(out, line)
    for tid in nb.topics:
        if tid in course.topics:
            line = Text(f"{_head('in_topic', lang)}{course.number_of(tid)} ", style="dim")
            line.append(one_line(t(course.topics[tid].title, lang)))
            line.append(f"  {tid}", style="dim")
            out.print(line)
    _rich_notes(notes, lang, out)


def _rich_notes(notes: Notes, lang: str, out: Printer) -> None:
    from rich.text import Text

    if not notes:
        return
    out.print()
    out.print(_heading(label("notes", lang)))
    for note in notes:
        when = one_line(str(note.get("created", ""))[:16].replace("T", " "))
        line = Text(f"  {when}  ", style="dim")
        line.append(sanitize(str(note.get("text", ""))))
        line.append(f"  [{one_line(str(note.get('id', '')))}]", style="dim")
        out.print(line)


def show_node(
    course: Course,
    node: Ref,
    lang: str,
    statuses: dict[str, str],
    notes: Notes,
    dead: Dead,
    as_json: bool,
    dates: Dates | None = None,
) -> None:
    """`show` for whatever the reference named: a topic, a resource or a notebook."""
    subject: tuple[Any, ...]
    to_json: Callable[..., dict[str, Any]]
    render: Callable[..., None]
    if node.kind == "topic":
        subject, to_json, render = (course.topics[node.id],), topic_json, render_topic
    elif node.kind == "resource":
        subject, to_json, render = course.resources[node.id], resource_json, render_resource
    else:
        subject, to_json, render = (course.notebook_map[node.id],), notebook_json, render_notebook
    args = (course, *subject, lang, statuses, notes, dead)
    if as_json:
        emit_json({**to_json(*args), **dates_json(dates)})
    else:
        extra: dict[str, Any] = {"dates": dates}  # (a literal keyword confuses mypy here)
        render(*args, **extra)


def rich_node(
    course: Course,
    node: Ref,
    lang: str,
    statuses: dict[str, str],
    notes: Notes,
    dead: Dead,
    dates: Dates | None = None,
) -> list[Any]:
    """What `show` draws for the node on a terminal, as a list of Rich renderables (`browse`
    lays them out in its detail pane)."""
    out = Collected()
    if node.kind == "topic":
        _rich_topic(course, course.topics[node.id], lang, statuses, notes, dead, out, dates)
    elif node.kind == "resource":
        _rich_resource(course, *course.resources[node.id], lang, statuses, notes, dead, out, dates)
    else:
        nb = course.notebook_map[node.id]
        _rich_notebook(course, nb, lang, statuses, notes, dead, out, dates)
    return out


def _notebook_kind(group: str, lang: str) -> str:
    """ "notebook (tools)"; in Chinese with full-width parentheses: 筆記本（工具）."""
    return label("notebook", lang) + label("paren", lang).format(label(f"group.{group}", lang))
