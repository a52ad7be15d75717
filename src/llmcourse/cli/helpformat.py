"""How `--help` reads: plain text (Typer's rich_markup_mode=None, as click writes it), every
argument shown by its metavar as written (`REF [N]...`, `QUERY...`, `[REF] [N]`), never a
Python type (`<list[str]>`, `<bool>`), and valued options by their metavar (`--limit N`)."""

from __future__ import annotations

from typing import Any

from typer.core import TyperCommand


def _shown(param: Any) -> str:
    """An argument as usage and help show it: its metavar as written, else NAME, [NAME] when
    optional, NAME... when it takes several."""
    if param.metavar:
        return str(param.metavar)
    name = (param.name or "").upper()
    name = name if param.required else f"[{name}]"
    return name + ("..." if param.nargs != 1 else "")


def _option_record(param: Any, ctx: Any, record: tuple[str, str]) -> tuple[str, str]:
    """An option without a metavar of ours shows its NAME where Typer writes a type
    (`--format <str>` -> `--format FORMAT`)."""
    typed = None if param.metavar or param.is_flag else param.display_type_rich(ctx=ctx)
    if typed:
        name = max(param.opts, key=len).lstrip("-").replace("-", "_").upper()
        return record[0].replace(f" {typed}", f" {name}"), record[1]
    return record


def short_help(help_text: str | None) -> str:
    """The command list's line: the first sentence (to '. ' or ';'), its lines joined, never
    cut with '...' (the list wraps it)."""
    first = " ".join((help_text or "").split("\n\n")[0].split())
    for end in (". ", "; "):
        first = first.split(end)[0]
    return first.rstrip(".;")


def usage_pieces(command: Any, ctx: Any) -> list[str]:
    pieces = [command.options_metavar] if command.options_metavar else []
    return pieces + [_shown(p) for p in command.get_params(ctx) if p.param_type_name == "argument"]


def format_params(command: Any, ctx: Any, formatter: Any) -> None:
    """The Arguments and Options sections, with our metavars in place of Typer's types."""
    arguments, options = [], []
    for param in command.get_params(ctx):
        record = param.get_help_record(ctx)
        if record is None:
            continue
        if param.param_type_name == "argument":
            arguments.append((_shown(param), record[1]))
        else:
            options.append(_option_record(param, ctx, record))
    for title, rows in (("Arguments", arguments), ("Options", options)):
        if rows:
            with formatter.section(title):
                formatter.write_dl(rows)


class Command(TyperCommand):
    """Every llmcourse command (cli/root.py registers them with this class)."""

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        return usage_pieces(self, ctx)

    def format_options(self, ctx: Any, formatter: Any) -> None:
        format_params(self, ctx, formatter)

    def get_short_help_str(self, limit: int = 45) -> str:
        return self.short_help or short_help(self.help)
