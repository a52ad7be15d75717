"""Network commands: check-links, update; and editions, to switch between course editions."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from llmcourse.cli.options import JsonOption, complete_ref
from llmcourse.cli.session import Session

if TYPE_CHECKING:
    from llmcourse.course.editions import Plan


def cmd_check_links(
    ctx: typer.Context,
    refs: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[TOPIC]...",
            help="Topics to check (id, number, title words). Default: all.",
            autocompletion=complete_ref,
            show_default=False,
        ),
    ] = None,
    concurrency: Annotated[int, typer.Option(min=1, max=256, help="Links checked at once.")] = 16,
    per_host: Annotated[int, typer.Option(min=1, max=64, help="Requests at once per host.")] = 8,
    timeout: Annotated[float, typer.Option(min=0.1, max=120, help="Seconds per request.")] = 10.0,
    show_ok: Annotated[bool, typer.Option("--all", help="List fine links too.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Check every link of the course (or of some topics) and list the dead ones, worst first.

    Exit status 0 when every link works, 1 when any is broken, timed out or failed.
    Results are remembered in the cache folder (links.json) so `show` can flag dead links.

    Examples:

      llmcourse check-links

      llmcourse check-links quantization 2.7 --json

      llmcourse check-links --concurrency 32 --timeout 5
    """
    from llmcourse.net import linkcache, links
    from llmcourse.views import links_view as view
    from llmcourse.views.output import emit_json, use_rich

    session: Session = ctx.obj
    course = session.course()
    topics = _topic_ids(session, refs) if refs else None
    urls = links.targets(course, topics)
    options = links.CheckOptions(concurrency, per_host, timeout)
    with view.progress_bar(len(urls), use_rich() and not as_json, session.lang) as tick:
        results = links.worst_first(links.check_urls(urls, options, tick))
    rows = [view.result_dict(r) for r in results]
    linkcache.record(rows)
    emit_json(rows) if as_json else view.render_results(results, show_ok, session.lang)
    if any(r.bad for r in results):
        raise typer.Exit(1)


def _topic_ids(session: Session, refs: list[str]) -> list[str]:
    from llmcourse.course.refs import resolve

    course = session.course()
    found = [resolve(course, ref, session.lang) for ref in refs]
    return [r.id if r.kind == "topic" else (r.topic_id or r.id) for r in found]


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
    as_json: JsonOption = False,
) -> None:
    """Fetch the newest course README, show what changed, and make it the active course.

    Your marks carry over (topics keep their ids, renamed ones are matched). Nothing changes
    unless you confirm (or pass --yes); the previous course is kept: switch back with
    `llmcourse editions --use previous` or `--use builtin`.

    Examples:

      llmcourse update

      llmcourse update --source ./README.md --yes

      llmcourse update --json
    """
    from llmcourse.course import editions
    from llmcourse.i18n import label
    from llmcourse.views import links_view as view

    session: Session = ctx.obj
    plan = _plan_update(session, source)
    if not as_json:
        view.render_diff(plan, session.lang)
    apply = yes or (not as_json and _ask(label("update.ask", session.lang)))
    path = str(editions.install(plan)) if apply else None
    view.render_update_result(plan, path, session.lang, as_json)


def _plan_update(session: Session, source: str | None) -> Plan:
    """Fetch and parse the README, and compare it with the active and built-in courses."""
    from llmcourse import config, paths
    from llmcourse.course import editions
    from llmcourse.course.load import load_course
    from llmcourse.net.fetch import fetch_text

    src = source or str(config.load().get("update_source") or editions.DEFAULT_SOURCE)
    text = fetch_text(src)
    builtin = load_course(paths.builtin_course_dir(), None)
    return editions.plan_update(
        text, src, session.course(), builtin, session.statuses(), session.lang
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
            "--use", help="Switch to: builtin, previous, or an edition id.", show_default=False
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """List the course editions (the built-in course and those `update` stored), or switch.

    Examples:

      llmcourse editions

      llmcourse editions --use previous

      llmcourse editions --use builtin
    """
    from llmcourse.course import editions
    from llmcourse.views import links_view as view
    from llmcourse.views.output import emit_json

    active = editions.switch(use) if use else None
    lang = ctx.obj.lang
    if active and not as_json:
        view.render_active(str(active), lang)
    items = editions.list_editions()
    emit_json(view.editions_list(items)) if as_json else view.render_editions(items, lang)


# Command name -> function; cli/root.py registers only the one being run.
COMMANDS = {
    "check-links": cmd_check_links,
    "update": cmd_update,
    "editions": cmd_editions,
}
