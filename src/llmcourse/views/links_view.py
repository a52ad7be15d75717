"""Renderings for check-links, update and editions: text for people, JSON for scripts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from llmcourse.i18n import label, pad
from llmcourse.textsafe import one_line
from llmcourse.views.output import console, echo, emit_json, use_rich

if TYPE_CHECKING:
    from llmcourse.course.editions import Diff, EditionInfo, Plan
    from llmcourse.net.links import LinkResult

STATUS_STYLES = {
    "broken": "bold red",
    "error": "red",
    "timeout": "yellow",
    "unreachable": "magenta",
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
        "checked": r.checked,
        "where": [{"kind": w.kind, "id": w.id, "topic": w.topic} for w in r.where],
    }


def _status(status: str, lang: str) -> str:
    return label(f"link.{status}", lang)


def _where_text(r: LinkResult) -> str:
    out = []
    for w in r.where:
        out.append(f"{w.topic}/{w.id}" if w.topic and w.topic != w.id else w.id)
    return one_line(", ".join(out))


def _detail(r: LinkResult) -> str:
    """Where a redirect led, or what went wrong: one line, whatever a server answered."""
    return one_line((r.final_url and f"-> {r.final_url}") or r.error or "")


@contextmanager
def progress_bar(total: int, enabled: bool, lang: str = "en") -> Iterator[Callable[[Any], None]]:
    """A progress bar on stderr while links are checked (a terminal only), else nothing."""
    if not enabled or total == 0:
        yield lambda _result: None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

    with Progress(
        label("links.checking", lang), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=console(stderr=True), transient=True,
    ) as progress:  # fmt: skip
        task = progress.add_task("links", total=total)
        yield lambda _result: progress.advance(task)


def render_results(results: list[LinkResult], show_ok: bool = False, lang: str = "en") -> None:
    """Worst first; fine links are only counted unless `show_ok`, and links left unchecked
    (offline) only counted."""
    from llmcourse.net.links import STATUSES

    checked = [r for r in results if r.checked]
    shown = [r for r in checked if show_ok or r.status != "ok"]
    counts: dict[str, int] = {}
    for r in checked:
        counts[r.status] = counts.get(r.status, 0) + 1
    parts = [
        label("links.count", lang).format(n=counts[s], status=_status(s, lang))
        for s in STATUSES  # worst first, as the table
        if s in counts
    ]
    if len(checked) < len(results):
        parts.append(label("links.not_checked", lang).format(n=len(results) - len(checked)))
    summary = label("list_sep", lang).join(parts)
    line = label("links.summary", lang).format(
        n=len(checked), summary=summary or label("none", lang)
    )
    if use_rich():
        _rich_results(shown, line, lang)
        return
    for r in shown:
        code = str(r.code) if r.code is not None else "-"
        status = pad(_status(r.status, lang), 11)
        echo(f"{status} {code:>3}  {one_line(r.url)}  {_detail(r)}".rstrip())
        if r.where:
            echo(f"{'':16}{label('links.used_in', lang)} {_where_text(r)}")
    echo(line)


def _rich_results(shown: list[LinkResult], line: str, lang: str) -> None:
    from rich.table import Table
    from rich.text import Text

    out = console()
    if shown:
        table = Table(show_lines=False, expand=False)
        for key in ("col.status", "col.code", "col.url", "col.detail", "used_in"):
            table.add_column(label(f"links.{key}", lang), overflow="fold")
        for r in shown:
            table.add_row(
                Text(_status(r.status, lang), style=STATUS_STYLES.get(r.status, "")),
                Text(str(r.code) if r.code is not None else "-"),
                Text(one_line(r.url)),
                Text(_detail(r)),
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


def render_diff(plan: Plan, lang: str = "en") -> None:
    d: Diff = plan.diff
    c = plan.course
    echo(
        label("update.head", lang).format(
            edition=plan.edition,
            source=plan.source,
            parts=len(c.parts),
            topics=len(c.topics),
            resources=len(c.resources),
            notebooks=len(c.notebooks),
            languages=", ".join(c.languages),
        )
    )
    echo(label("update.compared", lang).format(origin=plan.current_origin))
    if d.empty:
        echo(f"  {label('update.same', lang)}")
    colon, topic = label("colon", lang), pad(label("topic", lang), 8)
    for item in d.topics_added:
        echo(f"  + {topic} {item.id}{colon}{item.title}")
    for item in d.topics_removed:
        echo(f"  - {topic} {item.id}{colon}{item.title}")
    for item in d.topics_renamed:
        echo(f"  ~ {topic} {item.id}{colon}{item.old_title} -> {item.title}")
    _some(f"+ {label('resource', lang)}", d.resources_added, lang)
    _some(f"- {label('resource', lang)}", d.resources_removed, lang)
    if d.marks_total:
        echo(label("update.marks", lang).format(kept=len(d.marks_kept), total=d.marks_total))
        if d.marks_lost:
            echo(f"  {label('update.lost', lang)}{colon}{', '.join(d.marks_lost)}")
    else:
        echo(label("update.no_marks", lang))


def _some(sign: str, items: list[Any], lang: str, limit: int = 12) -> None:
    if not items:
        return
    colon = label("colon", lang)
    echo(f"  {sign}{colon}{len(items)}")
    for item in items[:limit]:
        echo(f"      {item.topic}/{item.id}{colon}{item.title}")
    if len(items) > limit:
        echo("      " + label("update.more", lang).format(n=len(items) - limit))


def render_applied(path: str, lang: str = "en") -> None:
    echo(label("update.applied", lang).format(path=path))
    echo(label("update.switch_back", lang))


def render_not_applied(lang: str = "en") -> None:
    echo(label("update.unchanged", lang))


def render_active(path: str, lang: str = "en") -> None:
    echo(label("editions.active", lang).format(path=path))


# -- editions ----------------------------------------------------------------------------------


def editions_list(items: list[EditionInfo]) -> list[dict[str, Any]]:
    return [{"id": e.id, "path": e.path, "active": e.active, "previous": e.previous} for e in items]


def render_editions(items: list[EditionInfo], lang: str = "en") -> None:
    for e in items:
        mark = "*" if e.active else ("<" if e.previous else " ")
        echo(f"{mark} {e.id:<22} {'' if e.id == 'builtin' else e.path}".rstrip())
    echo(label("editions.legend", lang))


def render_update_result(plan: Plan, path: str | None, lang: str, as_json: bool) -> None:
    """What `update` did: the JSON report, or a line saying where the new edition went."""
    if as_json:
        emit_json(diff_dict(plan, path is not None, path))
    elif path:
        render_applied(path, lang)
    else:
        render_not_applied(lang)
