"""The full-screen command: browse. Textual loads only here, when it runs."""

from __future__ import annotations

import sys

import typer

from llmcourse.cli.session import Session


def cmd_browse(ctx: typer.Context) -> None:
    """Browse the course full-screen: the tree of parts, topics, resources and notebooks, the
    detail of what is selected, your progress. Keys: arrows or j move, Enter expands, / searches,
    d done, s start, k skip, r reset, u undo, o open, n note, f filter, l language, ? keys,
    q quit.

    Examples:

      llmcourse browse

      llmcourse --lang zh-TW browse
    """
    from llmcourse.errors import LlmcourseError
    from llmcourse.i18n import label

    session: Session = ctx.obj
    session.course()  # a course or state that cannot be read is an error before the screen
    session.state()
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise LlmcourseError(label("tui.no_terminal", session.lang))
    from llmcourse.tui.app import BrowseApp

    BrowseApp(session).run()


# Command name -> function; cli/root.py registers only the one being run.
COMMANDS = {"browse": cmd_browse}
