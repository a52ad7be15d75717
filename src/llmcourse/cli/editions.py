"""Editions: `update` (a new edition from the course README) and `editions` (list, switch)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from llmcourse.cli.completion import complete_edition
from llmcourse.cli.options import JsonOption
from llmcourse.cli.session import Session

if TYPE_CHECKING:
    from llmcourse.editions.update import Plan


def cmd_update(
    ctx: typer.Context,
    source: Annotated[
        str | None,
        typer.Option(
            help="README URL or local file. Default: the config's update_source, "
            "else the course's upstream README.",
            show_default=False,
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Switch without asking.")] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Update even when it would orphan over half of your marks or drop over a "
            "third of the topics.",
        ),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(min=1, max=3600, help="Seconds the whole download may take."),
    ] = 60.0,
    as_json: JsonOption = False,
) -> None:
    """Fetch the newest course README, show what changed, and make it the active course.

    Your marks carry over: every id the course ever had is remembered, so a topic, resource
    or notebook that comes back gets its old id. An update that would orphan more than half
    of your marks or drop more than a third of the topics stops unless --force is given.
    Nothing changes unless you confirm (or pass --yes); switch back with
    `llmcourse editions --use previous` or `--use builtin`.

    Examples:

      llmcourse update

      llmcourse update --source ./README.md --yes

      llmcourse update --source https://example.org/README.md --timeout 20 --json
    """
    from llmcourse.editions import store
    from llmcourse.errors import LlmcourseError
    from llmcourse.i18n import label
    from llmcourse.views import editions_view as view

    session: Session = ctx.obj
    lang = session.lang
    plan = _plan_update(session, source, timeout)
    if plan.identical:
        view.render_identical(lang, plan, as_json)
        return
    if not as_json:
        view.render_diff(lang, plan)
    if plan.reasons and not force:
        if as_json:
            view.render_update_result(lang, plan, None, as_json)
        message, details = view.guard_message(plan, lang)
        raise LlmcourseError(message, details)
    apply = yes or (not as_json and _ask(label("update.ask", lang)))
    path = str(store.install(plan.edition, plan.raw, plan.registry)) if apply else None
    view.render_update_result(lang, plan, path, as_json)


def _plan_update(session: Session, source: str | None, timeout: float) -> Plan:
    """Fetch and parse the README, and match it against the identity registry."""
    from llmcourse import config
    from llmcourse.editions import store
    from llmcourse.editions.update import DEFAULT_SOURCE, plan_update
    from llmcourse.net.fetch import fetch_text, public_url

    src = source or str(config.load().get("update_source") or DEFAULT_SOURCE)
    text = fetch_text(src, timeout=timeout)
    registry = store.load_registry()
    return plan_update(
        text, public_url(src), session.course(), registry, session.statuses(), session.lang
    )


def _ask(question: str) -> bool:
    import sys

    if not sys.stdin.isatty():
        return False
    return typer.confirm(question, default=False)


def cmd_editions(
    ctx: typer.Context,
    use: Annotated[
        str | None,
        typer.Option(
            "--use",
            help="Switch to: builtin, previous, a built-in edition, or an edition id.",
            autocompletion=complete_edition,
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List the course editions (the built-in ones and those `update` stored), or switch.

    Examples:

      llmcourse editions

      llmcourse editions --use previous

      llmcourse editions --use builtin
    """
    from llmcourse.editions import store
    from llmcourse.views import editions_view as view
    from llmcourse.views.output import emit_json

    active = store.switch(use) if use else None
    lang = ctx.obj.lang
    if active and not as_json:
        view.render_active(lang, str(active))
    items = store.list_editions()
    emit_json(view.editions_list(items)) if as_json else view.render_editions(lang, items)


# Command name -> function; cli/root.py registers only the one being run.
COMMANDS = {
    "update": cmd_update,
    "editions": cmd_editions,
}
