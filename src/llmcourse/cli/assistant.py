"""`mcp`: serve the course and the learner's progress to an MCP client (an AI assistant)."""

from __future__ import annotations

from typing import Annotated

import typer

from llmcourse.cli.session import Session


def cmd_mcp(
    ctx: typer.Context,
    allow_writes: Annotated[
        bool,
        typer.Option(
            "--allow-writes",
            help="Also offer tools that change your progress (mark, add_note); "
            "without it the server only reads.",
        ),
    ] = False,
) -> None:
    """Run a Model Context Protocol server on stdin/stdout, for Claude Desktop, VS Code,
    Cursor or any MCP client: it can search and read the course, your progress and what comes
    next, and quiz you. Needs the extra: pip install 'llmcourse[mcp]'.

    Examples:

      llmcourse mcp

      llmcourse --lang zh-TW mcp --allow-writes
    """
    import importlib.util

    from llmcourse.errors import LlmcourseError
    from llmcourse.i18n import label

    session: Session = ctx.obj
    if importlib.util.find_spec("mcp") is None:
        raise LlmcourseError(label("mcp.missing", session.lang))
    from llmcourse.mcp.server import serve

    serve(session.lang, session.course_option, allow_writes)


# Command name -> function; cli/root.py registers only the one being run.
COMMANDS = {"mcp": cmd_mcp}
