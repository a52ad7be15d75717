"""Link checking: check-links."""

from __future__ import annotations

from typing import Annotated

import typer

from llmcourse.cli.options import JsonOption, complete_ref
from llmcourse.cli.session import Session


def cmd_check_links(
    ctx: typer.Context,
    refs: Annotated[
        list[str] | None,
        typer.Argument(
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


# Command name -> function; cli/root.py registers only the one being run.
COMMANDS = {
    "check-links": cmd_check_links,
}
