"""Renderings for check-links: text for people, JSON for scripts."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from llmcourse.i18n import label, pad
from llmcourse.textsafe import one_line
from llmcourse.views.output import console, echo, use_rich

if TYPE_CHECKING:
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


def render_results(lang: str, results: list[LinkResult], show_ok: bool = False) -> None:
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


def _rich_blocks(shown: list[LinkResult], lang: str) -> None:
    """Each link as a block: its status, code and whole URL on one line (the terminal wraps a
    long one, never cut into pieces), then the detail and where it is used."""
    from rich.padding import Padding
    from rich.text import Text

    out = console()
    for r in shown:
        line = Text(_status(r.status, lang), style=STATUS_STYLES.get(r.status, ""))
        line.append(f" {r.code if r.code is not None else '-'}  {one_line(r.url)}")
        out.print(line, soft_wrap=True)
        where = f"{label('links.used_in', lang)} {_where_text(r)}" if r.where else ""
        rest = "\n".join(x for x in (_detail(r), where) if x)
        if rest:
            out.print(Padding(Text(rest, style="dim"), (0, 0, 0, 4)))


def _rich_results(shown: list[LinkResult], line: str, lang: str) -> None:
    from rich.table import Table
    from rich.text import Text

    out = console()
    if shown and max(len(r.url) for r in shown) + 40 > out.width:
        _rich_blocks(shown, lang)  # too narrow for a table that keeps URLs whole
    elif shown:
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
