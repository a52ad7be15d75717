"""Commands that draw the prerequisite graph: map (terminal, Mermaid, DOT, HTML) and path."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from llmcourse.cli.completion import values
from llmcourse.cli.options import JsonOption, complete_ref
from llmcourse.cli.session import Session

FORMATS = ("text", "mermaid", "dot", "html")


def cmd_map(
    ctx: typer.Context,
    part: Annotated[
        int | None,
        typer.Option(
            "--part",
            "-p",
            min=1,
            help="Only part N (with what it needs from others).",
            show_default=False,
        ),
    ] = None,
    fmt: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            help="text, mermaid, dot or html.",
            autocompletion=values("text", "mermaid", "dot", "html"),
        ),
    ] = "text",
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write to FILE instead of stdout (its folder must exist).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Draw the prerequisite graph with your progress: in layers in the terminal, or as a
    Mermaid flowchart, a Graphviz DOT graph, or a self-contained web page.

    Examples:

      llmcourse map

      llmcourse map --part 2

      llmcourse map --format mermaid > map.mmd

      llmcourse map --format html -o map.html
    """
    from llmcourse.course.graph import course_map
    from llmcourse.errors import UsageError
    from llmcourse.i18n import label

    session: Session = ctx.obj
    lang = session.lang
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise UsageError(label("map.bad_format", lang).format(fmt=fmt))
    course = session.course()
    numbers = [p.number for p in course.parts]
    if part is not None and part not in numbers:
        raise UsageError(label("map.no_part", lang).format(
            n=part, first=min(numbers, default=0), last=max(numbers, default=0)))  # fmt: skip
    cmap = course_map(course, part)
    statuses = session.statuses()
    if fmt == "text":
        from llmcourse.views import map_text
        from llmcourse.views.output import terminal_width

        lines = map_text.map_lines(course, cmap, lang, statuses, terminal_width(80))
        if output is None:
            map_text.show(lines)
            return
        text = map_text.plain(lines)
    elif fmt == "html":
        from llmcourse.views.map_html import html_page

        text = html_page(course, cmap, lang, statuses)
    else:
        from llmcourse.views import map_formats

        render = map_formats.mermaid if fmt == "mermaid" else map_formats.dot
        text = render(course, cmap, lang, statuses)
    _deliver(text, output, lang)


def _deliver(text: str, output: Path | None, lang: str) -> None:
    """Print `text`, or write it to `output` in a folder that must already exist."""
    from llmcourse.errors import LlmcourseError
    from llmcourse.i18n import label
    from llmcourse.views.output import warn

    if output is None:
        import sys

        from llmcourse.textsafe import sanitize

        sys.stdout.write(sanitize(text))
        return
    folder = output.parent
    if not folder.is_dir():
        raise LlmcourseError(label("map.no_folder", lang).format(path=output, folder=folder))
    from llmcourse.fsutil import atomic_write

    try:
        atomic_write(output, text.encode("utf-8"), make_parents=False)
    except OSError as e:
        why = e.strerror or str(e)
        raise LlmcourseError(label("map.cannot_write", lang).format(path=output, why=why)) from None
    warn(label("map.wrote", lang).format(path=output))


def cmd_path(
    ctx: typer.Context,
    topic: Annotated[
        str,
        typer.Argument(
            metavar="TOPIC",
            help="The topic to reach: id, number (2.7), prefix or title words.",
            autocompletion=complete_ref,
            show_default=False,
        ),
    ],
    as_json: JsonOption = False,
) -> None:
    """The topics you have not yet done or skipped that TOPIC needs, directly or through
    others, in an order you can study them, ending with TOPIC.

    Examples:

      llmcourse path quantization

      llmcourse path 3.4 --json
    """

    session: Session = ctx.obj
    course = session.course()
    path = path_to(session, topic)
    if as_json:
        from llmcourse.views.output import emit_json

        emit_json(path)
        return
    from llmcourse.views import map_text
    from llmcourse.views.output import terminal_width

    statuses = session.statuses()
    lines = map_text.path_lines(course, path, path[-1], session.lang, statuses, terminal_width(80))
    map_text.show(lines)


def path_to(session: Session, topic: str) -> list[str]:
    """The topics not yet settled that must come before `topic` (a forgiving reference), in
    study order, ending with it: what `path` prints, and what the MCP server's tool returns."""
    from llmcourse.course.graph import prerequisites, study_path
    from llmcourse.course.refs import resolve
    from llmcourse.errors import LlmcourseError
    from llmcourse.i18n import label

    course = session.course()
    ref = resolve(course, topic, session.lang)
    if ref.kind != "topic":
        kind = label(ref.kind, session.lang)
        raise LlmcourseError(label("path.not_topic", session.lang).format(ref=topic, kind=kind))
    statuses = session.statuses()
    settled = [t for t in course.topics if statuses.get(t) in ("done", "skipped")]
    return study_path(list(course.topics), prerequisites(course), ref.id, settled)


# Command name -> function; cli/root.py registers only the one being run.
COMMANDS = {
    "map": cmd_map,
    "path": cmd_path,
}
