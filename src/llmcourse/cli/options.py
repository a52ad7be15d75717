"""Options shared by several command modules."""

from __future__ import annotations

from typing import Annotated

import typer

from llmcourse.cli.session import Session

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def complete_ref(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion for references: ids (and numbers) with their titles as help."""
    try:
        from llmcourse.cli.session import choose_lang
        from llmcourse.course.refs import completions

        root = ctx.find_root().params
        session = ctx.obj if isinstance(ctx.obj, Session) else None
        if session is None:
            lang = choose_lang(root.get("lang"), warn=False)  # never write while completing
            session = Session(lang=lang, course_option=root.get("course"))
        return completions(session.course(), incomplete, session.lang)[:200]
    except Exception:  # completion must never break the shell
        return []
