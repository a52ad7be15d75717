"""Renderings for check-links, update and editions: text for people, JSON for scripts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from llmcourse.views.output import console, echo, use_rich

if TYPE_CHECKING:
    from llmcourse.course.editions import Diff, EditionInfo, Plan
    from llmcourse.net.links import LinkResult

STATUS_STYLES = {
    "broken": "bold red",
    "error": "red",
    "timeout": "yellow",
    "redirected": "cyan",
    "ok": "green",
}


# -- check-links -------------------------------------------------------------------------------


def result_dict(r: LinkResult) -> dict[str, Any]:
    return {
        "url": r.url,
        "status": r.status,
        "code": r.code,
        "final_url": r.final_url,
        "elapsed_ms": r.elapsed_ms,
        "error": r.error,
        "attempts": r.attempts,
        "where": [{"kind": w.kind, "id": w.id, "topic": w.topic} for w in r.where],
    }


def _where_text(r: LinkResult) -> str:
    out = []
    for w in r.where:
        out.append(f"{w.topic}/{w.id}" if w.topic and w.topic != w.id else w.id)
    return ", ".join(out)


@contextmanager
def progress_bar(total: int, enabled: bool) -> Iterator[Callable[[Any], None]]:
    """A progress bar on stderr while links are checked (a terminal only), else nothing."""
    if not enabled or total == 0:
        yield lambda _result: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        "checking links", BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console(stderr=True), transient=True,
    ) as progress:  # fmt: skip
        task = progress.add_task("links", total=total)
        yield lambda _result: progress.advance(task)


def render_results(results: list[LinkResult], show_ok: bool = False) -> None:
    """Worst first; fine links are only counted unless `show_ok`."""
    shown = [r for r in results if show_ok or r.status != "ok"]
    counts: dict[str, int] = {}
    for r in results:
        counts[r.status] = counts.get(r.status, 0) + 1
    order = ("broken", "error", "timeout", "redirected", "ok")  # worst first, as the table
    summary = ", ".join(f"{counts[s]} {s}" for s in order if s in counts)
    line = f"{len(results)} links checked: {summary or 'none'}"
    if use_rich():
        _rich_results(shown, line)
        return
    for r in shown:
        code = str(r.code) if r.code is not None else "-"
        detail = (r.final_url and f"-> {r.final_url}") or r.error or ""
        echo(f"{r.status:<10} {code:>3}  {r.url}  {detail}".rstrip())
        if r.where:
            echo(f"{'':15}used in {_where_text(r)}")
    echo(line)


def _rich_results(shown: list[LinkResult], line: str) -> None:
    from rich.table import Table
    from rich.text import Text

    out = console()
    if shown:
        table = Table(show_lines=False, expand=False)
        for name in ("status", "code", "url", "detail", "used in"):
            table.add_column(name, overflow="fold")
        for r in shown:
            detail = (r.final_url and f"-> {r.final_url}") or r.error or ""
            table.add_row(
                Text(r.status, style=STATUS_STYLES.get(r.status, "")),
                Text(str(r.code) if r.code is not None else "-"),
                Text(r.url),
                Text(detail),
                Text(_where_text(r), style="dim"),
            )
        out.print(table)
    out.print(Text(line, style="bold"))


# -- update ------------------------------------------------------------------------------------


def diff_dict(plan: Plan, applied: bool, path: str | None) -> dict[str, Any]:
    d = plan.diff

    def changes(items: list[Any]) -> list[dict[str, str]]:
        out = []
        for c in items:
            entry = {"id": c.id, "title": c.title}
            if c.old_title:
                entry["old_title"] = c.old_title
            if c.topic:
                entry["topic"] = c.topic
            out.append(entry)
        return out

    return {
        "source": plan.source,
        "edition": plan.edition,
        "languages": list(plan.course.languages),
        "topics": len(plan.course.topics),
        "resources": len(plan.course.resources),
        "notebooks": len(plan.course.notebooks),
        "changes": {
            "topics_added": changes(d.topics_added),
            "topics_removed": changes(d.topics_removed),
            "topics_renamed": changes(d.topics_renamed),
            "resources_added": changes(d.resources_added),
            "resources_removed": changes(d.resources_removed),
        },
        "marks": {"total": d.marks_total, "kept": d.marks_kept, "lost": d.marks_lost},
        "applied": applied,
        "path": path,
    }


def render_diff(plan: Plan) -> None:
    d: Diff = plan.diff
    c = plan.course
    echo(
        f"New edition {plan.edition} from {plan.source}: {len(c.parts)} parts, "
        f"{len(c.topics)} topics, {len(c.resources)} resources, {len(c.notebooks)} notebooks "
        f"(languages: {', '.join(c.languages)})"
    )
    echo(f"Compared with the current course ({plan.current_origin}):")
    if d.empty:
        echo("  no topics or resources added, removed or renamed")
    for item in d.topics_added:
        echo(f"  + topic    {item.id}: {item.title}")
    for item in d.topics_removed:
        echo(f"  - topic    {item.id}: {item.title}")
    for item in d.topics_renamed:
        echo(f"  ~ topic    {item.id}: {item.old_title} -> {item.title}")
    _some("+ resource", d.resources_added)
    _some("- resource", d.resources_removed)
    if d.marks_total:
        echo(f"Your marks: {len(d.marks_kept)} of {d.marks_total} carry over.")
        if d.marks_lost:
            echo(f"  not in the new edition: {', '.join(d.marks_lost)}")
    else:
        echo("Your marks: none yet.")


def _some(sign: str, items: list[Any], limit: int = 12) -> None:
    if not items:
        return
    echo(f"  {sign}: {len(items)}")
    for item in items[:limit]:
        echo(f"      {item.topic}/{item.id}: {item.title}")
    if len(items) > limit:
        echo(f"      ... and {len(items) - limit} more (see --json)")


def render_applied(path: str) -> None:
    echo(f"The new edition is now the active course: {path}")
    echo("Switch back with: llmcourse editions --use previous  (or --use builtin)")


# -- editions ----------------------------------------------------------------------------------


def editions_list(items: list[EditionInfo]) -> list[dict[str, Any]]:
    return [
        {"id": e.id, "path": e.path, "active": e.active, "previous": e.previous} for e in items
    ]


def render_editions(items: list[EditionInfo]) -> None:
    for e in items:
        mark = "*" if e.active else ("<" if e.previous else " ")
        echo(f"{mark} {e.id:<22} {'' if e.id == 'builtin' else e.path}".rstrip())
    echo("* active   < previous")
