"""Options shared by several command modules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import typer

from llmcourse.cli.session import Session

if TYPE_CHECKING:
    from llmcourse.course.refs import Ref

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def complete_ref(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Shell completion for references: ids (and numbers) with their titles as help."""
    try:
        from llmcourse.cli.session import choose_lang
        from llmcourse.course.refs import completions
        from llmcourse.textsafe import one_line

        root = ctx.find_root().params
        session = ctx.obj if isinstance(ctx.obj, Session) else None
        if session is None:
            lang = choose_lang(root.get("lang"), warn=False)  # never write while completing
            session = Session(lang=lang, course_option=root.get("course"))
        found = completions(session.course(), incomplete, session.lang)[:200]
        return [(one_line(value), one_line(help_text)) for value, help_text in found]
    except Exception:  # completion must never break the shell
        return []


def refs_to_change(session: Session, words: Sequence[str]) -> list[Ref]:
    """The references a command that CHANGES the learner's state acts on.

    Every writing command (start, done, skip, reset, note, and any later one: browse's marks,
    mcp's writes, `card add`) goes through here and nowhere else. The words follow the one
    grammar `REF [N...]` (`course.refs.parse_refs`: `nlp 2 3` is nlp's 2nd and 3rd resources),
    and each REF must be exact: an id, a number (`2.7`, `2.7#3`, `2.7 3`) or a whole title in
    either language. A keyword, concept, prefix or near miss raises RefError (exit 1) with
    "did you mean" candidates; a number that names nothing raises RefError naming the valid
    range. Nothing is returned unless every reference resolves."""
    from llmcourse.course.refs import parse_refs

    return parse_refs(session.course(), words, session.lang, exact=True)


def refs_to_read(session: Session, words: Sequence[str]) -> list[Ref]:
    """The references a command that only READS acts on: the same `REF [N...]` grammar as
    `refs_to_change`, resolved the forgiving way (prefixes, keywords, title words, typos)."""
    from llmcourse.course.refs import parse_refs

    return parse_refs(session.course(), words, session.lang)


def one_ref(refs: list[Ref], what: str) -> Ref:
    """The single reference a command such as `open` or `note` takes (UsageError otherwise)."""
    from llmcourse.errors import UsageError
    from llmcourse.i18n import msg

    if len(refs) != 1:
        raise UsageError(msg("ref.one_target", what=what, n=len(refs)))
    return refs[0]
