"""Link checking: check-links."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from llmcourse.cli.options import JsonOption, complete_ref
from llmcourse.cli.session import Session

if TYPE_CHECKING:
    from llmcourse.net.links import Where


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
    timeout: Annotated[
        float, typer.Option(min=0.1, max=120, help="Seconds per request and per name lookup.")
    ] = 10.0,
    failed: Annotated[
        bool, typer.Option("--failed", help="Recheck only the links that failed last time.")
    ] = False,
    show_ok: Annotated[bool, typer.Option("--all", help="List fine links too.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Check every link of the course (or of some topics) and list the failing ones, worst first.

    Exit status 0 when every link works, 1 when any is broken (an HTTP error), timed out,
    failed or unreachable (no network, DNS, refused, TLS). When name lookups fail for the first
    hosts tried, the machine seems offline: the check stops early and says so, and the links
    it could not check are left for `check-links --failed`. Results are remembered in the cache
    folder (links.json); `show` flags only links that answered with an HTTP error.

    Examples:

      llmcourse check-links

      llmcourse check-links quantization 2.7 --json

      llmcourse check-links --failed

      llmcourse check-links --concurrency 32 --timeout 5
    """
    from llmcourse.i18n import label
    from llmcourse.net import linkcache, links
    from llmcourse.views import links_view as view
    from llmcourse.views.output import echo, emit_json, use_rich, warn

    session: Session = ctx.obj
    course = session.course()
    topics = _topic_ids(session, refs) if refs else None
    urls = links.targets(course, topics)
    if failed:
        urls = _only_failed(urls, linkcache.failed_urls())
        if not urls:
            emit_json([]) if as_json else echo(label("links.none_failed", session.lang))
            return
    options = links.CheckOptions(concurrency, per_host, timeout)
    with view.progress_bar(len(urls), use_rich() and not as_json, session.lang) as tick:
        results = links.worst_first(links.check_urls(urls, options, tick))
    rows = [view.result_dict(r) for r in results]
    linkcache.record(rows)
    emit_json(rows) if as_json else view.render_results(session.lang, results, show_ok)
    if skipped := sum(1 for r in results if not r.checked):
        warn(label("links.offline", session.lang).format(n=skipped))
    if any(r.bad for r in results):
        raise typer.Exit(1)


def _only_failed(urls: dict[str, list[Where]], failed: set[str]) -> dict[str, list[Where]]:
    """The course's links (with where they are used) that the last check found failing."""
    return {url: where for url, where in urls.items() if url in failed}


def _topic_ids(session: Session, refs: list[str]) -> list[str]:
    from llmcourse.course.refs import resolve

    course = session.course()
    found = [resolve(course, ref, session.lang) for ref in refs]
    return [r.id if r.kind == "topic" else (r.topic_id or r.id) for r in found]


# Command name -> function; cli/root.py registers only the one being run.
COMMANDS = {
    "check-links": cmd_check_links,
}
