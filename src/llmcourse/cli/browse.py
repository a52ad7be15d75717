"""Commands that read the course: list, show, search and open."""

from __future__ import annotations

import os
import sys
from typing import Annotated, Any

import typer

from llmcourse.cli.completion import values
from llmcourse.cli.options import JsonOption, complete_ref
from llmcourse.cli.session import Session
from llmcourse.errors import LlmcourseError, UsageError
from llmcourse.i18n import msg


def _ref_argument(metavar: str, help: str) -> Any:
    return typer.Argument(
        metavar=metavar, help=help, autocompletion=complete_ref, show_default=False
    )


_REF_HELP = "A topic, resource or notebook: id, number (2.7), prefix or title words."
RefArgument = Annotated[str, _ref_argument("REF", _REF_HELP)]
OptionalRefArgument = Annotated[str | None, _ref_argument("[REF]", _REF_HELP)]


def cmd_list(
    ctx: typer.Context,
    topic: Annotated[
        str | None, _ref_argument("[TOPIC]", "Only this topic, with its resources.")
    ] = None,
    status: Annotated[
        list[str] | None,
        typer.Option(
            "--status",
            "-s",
            metavar="STATUS",
            help="Only todo, in-progress, done or skipped (repeat for several).",
            autocompletion=values("todo", "in-progress", "done", "skipped"),
            show_default=False,
        ),
    ] = None,
    part: Annotated[
        int | None,
        typer.Option("--part", "-p", metavar="N", help="Only part N.", show_default=False),
    ] = None,
    resources: Annotated[
        bool,
        typer.Option(
            "--resources", "-r", help="List each topic's resources; --status filters them."
        ),
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Show the course as a tree: parts, topics, their numbers and your status marks.

    With --resources, each topic's resources with their marks.

    Examples:

      llmcourse list

      llmcourse list --status in-progress --part 2

      llmcourse list --resources --status todo

      llmcourse list quantization --status todo

      llmcourse list --lang zh-TW --json
    """
    from llmcourse.course.select import select

    session: Session = ctx.obj
    course = session.course()
    statuses = session.statuses()
    topic_id = _list_topic(session, topic) if topic else None
    chosen = select(course, statuses, status or (), part, topic_id, resources or bool(topic))
    if as_json:
        from llmcourse.views.course_view import filtered_dict
        from llmcourse.views.output import emit_json
        from llmcourse.views.serialize import course_dict

        emit_json(filtered_dict(course_dict(course, session.lang, statuses), chosen))
    else:
        from llmcourse.views.course_view import render_list

        render_list(course, session.lang, statuses, chosen)


def _list_topic(session: Session, ref: str) -> str:
    from llmcourse.cli.options import one_ref, refs_to_read
    from llmcourse.i18n import label, msg

    node = one_ref(refs_to_read(session, [ref]), "list")
    if node.kind != "topic":
        raise UsageError(msg("list.not_topic", ref=ref, kind=label(node.kind, session.lang)))
    return node.id


def cmd_show(ctx: typer.Context, ref: RefArgument, as_json: JsonOption = False) -> None:
    """Show a topic (summary, status, prerequisites, concepts, numbered resources, notebooks,
    your notes), a resource or a notebook.

    Examples:

      llmcourse show quantization

      llmcourse show 2.7

      llmcourse show 量化 --json
    """
    from llmcourse.course.refs import resolve
    from llmcourse.net import linkcache
    from llmcourse.progress.timeline import dates
    from llmcourse.views.show_view import show_node
    from llmcourse.views.shown import Shown

    session: Session = ctx.obj
    course = session.course()
    node = resolve(course, ref, session.lang)
    dead = {u: r for u, r in linkcache.load().items() if r.get("status") in linkcache.DEAD}
    when = dates(session.state(), node.id)
    notes = session.notes_for(node.id)
    show_node(Shown(course, session.lang, session.statuses(), notes, dead, when), node, as_json)


KINDS = ("topic", "concept", "resource", "notebook")
KindOption = Annotated[
    list[str] | None,
    typer.Option(
        "--kind",
        "-k",
        metavar="KIND",
        help="Only hits of this kind: topic, concept, resource, notebook (repeat for several).",
        autocompletion=values(*KINDS),
        show_default=False,
    ),
]
NArgument = Annotated[
    int | None,
    typer.Argument(
        metavar="[N]",
        help="The topic's N-th resource (as `show` numbers them).",
        show_default=False,
    ),
]


def cmd_search(
    ctx: typer.Context,
    query: Annotated[list[str], typer.Argument(metavar="QUERY...", help="Words to look for.")],
    limit: Annotated[
        int, typer.Option("--limit", "-l", min=1, metavar="N", help="Show at most N hits.")
    ] = 10,
    kind: KindOption = None,
    as_json: JsonOption = False,
) -> None:
    """Search topics, concepts, resources and notebooks in English and Chinese at once;
    forgives typos, hyphens and the field's abbreviations.

    Examples:

      llmcourse search quantisation

      llmcourse search 檢索增強 --limit 3

      llmcourse search lora --kind resource --json
    """
    from llmcourse.course import search as engine

    bad = [k for k in kind or () if k not in KINDS]
    if bad:
        raise UsageError(msg("err.search_kind", kind=bad[0], kinds=", ".join(KINDS)))
    text = " ".join(query).strip()
    if not text:
        raise UsageError(msg("err.search_empty"))
    from llmcourse.views.search_view import show_hits

    session: Session = ctx.obj
    hits = engine.search(search_index(session), text, limit, kind or None)
    show_hits(session.course(), session.lang, text, hits, as_json)


def search_index(session: Session) -> Any:
    """The course's search index, cached beside the course (rebuilt when the course changes)."""
    from llmcourse import paths
    from llmcourse.course.search import load_index

    cache = None if os.environ.get("LLMCOURSE_NO_CACHE") else paths.resolve().cache
    return load_index(session.course(), cache)


def cmd_open(
    ctx: typer.Context,
    ref: OptionalRefArgument = None,
    n: NArgument = None,
    next_: Annotated[
        bool,
        typer.Option("--next", help="The next resource not yet done (of the topic `next` names)."),
    ] = False,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", "-n", help="Print the URL instead of opening it.")
    ] = False,
    article: Annotated[
        bool, typer.Option("--article", help="For a notebook: its article instead of Colab.")
    ] = False,
) -> None:
    """Open a topic's section of the course page, a topic's N-th resource, a resource, or a
    notebook in Colab, in your browser (or print the URL).

    Examples:

      llmcourse open quantization

      llmcourse open 2.7 3

      llmcourse open --next -n

      llmcourse open 4-bit-quantization-using-gptq --article -n
    """
    session: Session = ctx.obj
    if next_:
        if ref is not None or article:
            raise UsageError(msg("open.next_with_ref"))
        url = _next_url(session)
    elif ref is None:
        raise UsageError(msg("open.what"))
    else:
        url = url_to_open(session, ref, n, article)
    _open_or_print(url, no_browser, session.lang)


def _next_url(session: Session) -> str:
    """The URL of the next resource not yet done: of the topic in progress, else of `next`'s."""
    from llmcourse.course.select import first_unfinished
    from llmcourse.progress.rollup import next_topic

    course, statuses = session.course(), session.statuses()
    choice = next_topic(course, statuses)
    if choice is None:
        raise LlmcourseError(msg("next.no_topic"))
    resource = first_unfinished(course.topics[choice.id], statuses)
    if resource is None:
        raise LlmcourseError(msg("next.no_resource", topic=choice.id))
    return _checked(resource.url)


def url_to_open(session: Session, ref: str, n: int | None, article: bool) -> str:
    from llmcourse.cli.options import one_ref, refs_to_read
    from llmcourse.course.refs import url_of

    words = [ref] if n is None else [ref, str(n)]  # `REF [N]`, the grammar of every command
    node = one_ref(refs_to_read(session, words), "open")
    if article and node.kind != "notebook":
        raise UsageError(msg("open.article_not_notebook"))
    return _checked(url_of(session.course(), node, article))


def _checked(url: str) -> str:
    from llmcourse.course.check import url_problem

    if problem := url_problem(url):
        raise LlmcourseError(msg("open.will_not", problem=problem))
    return url


def _open_or_print(url: str, no_browser: bool, lang: str) -> None:
    """Launch the browser, or print the URL (asked to, or when no browser can work here)."""
    from llmcourse.i18n import label
    from llmcourse.views.output import echo, warn

    if no_browser:
        echo(url)
    elif reason := no_browser_reason():
        warn(label("open.no_browser", lang).format(why=reason))
        echo(url)
    elif launch(url):
        warn(label("open.opening", lang).format(url=url))
    else:
        warn(label("open.failed", lang))
        echo(url)


def no_browser_reason() -> str | None:
    """Why no graphical browser can be expected here, or None. BROWSER (or the config's
    `browser`) is trusted as given: it may name a terminal browser."""
    if named_browser():
        return None
    if os.environ.get("SSH_CONNECTION") or os.environ.get("SSH_TTY"):
        return "SSH session"
    if sys.platform.startswith("linux") or "bsd" in sys.platform:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            return "no display"
    import webbrowser

    try:
        webbrowser.get()
    except webbrowser.Error:
        return "no browser found"
    return None


def named_browser() -> bool:
    """Whether BROWSER or the config's `browser` names one (it may run in the terminal)."""
    from llmcourse import config

    return bool(os.environ.get("BROWSER") or config.load().get("browser"))


def launch(url: str) -> bool:
    """Open `url` (already checked to be http(s)) in a browser: the config's `browser`, else
    BROWSER, else the system's default. Python's webbrowser runs it without a shell."""
    import webbrowser

    from llmcourse import config

    name = config.load().get("browser")
    try:
        browser = webbrowser.get(name if isinstance(name, str) and name else None)
        return bool(browser.open(url, new=2))
    except (webbrowser.Error, OSError):
        return False


# Command name -> function; cli/root.py registers only the one being run.
COMMANDS = {
    "list": cmd_list,
    "show": cmd_show,
    "search": cmd_search,
    "open": cmd_open,
}
