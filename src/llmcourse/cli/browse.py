"""Commands that read the course: list (show, search and open join them)."""

from __future__ import annotations

from typing import Annotated

import typer

from llmcourse.cli.session import Session

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def cmd_list(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Show the course as a tree: parts, topics, their numbers and your status marks.

    Examples:

      llmcourse list

      llmcourse --lang zh-TW list

      llmcourse list --json
    """
    session: Session = ctx.obj
    course = session.course()
    statuses = session.statuses()
    if as_json:
        from llmcourse.views.output import emit_json
        from llmcourse.views.serialize import course_dict

        emit_json(course_dict(course, session.lang, statuses))
    else:
        from llmcourse.views.course_view import render_list

        render_list(course, session.lang, statuses)


def register(app: typer.Typer) -> None:
    app.command("list")(cmd_list)
