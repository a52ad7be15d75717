"""`config`: read and change the settings in config.toml (validated by llmcourse.config)."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from llmcourse.cli.completion import complete_config
from llmcourse.cli.options import JsonOption
from llmcourse.cli.session import Session

ACTIONS = ("list", "get", "set", "unset")


def cmd_config(
    ctx: typer.Context,
    words: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="list | get KEY | set KEY VALUE | unset KEY",
            help="What to do, the setting, and its new value.",
            autocompletion=complete_config,
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Show or change your settings (lang, browser, course, update_source, review_limit…).

    Values are checked before they are written; an unknown key or a bad value is refused.

    Examples:

      llmcourse config list

      llmcourse config set lang zh-TW

      llmcourse config get lang

      llmcourse config unset lang
    """
    from llmcourse import config
    from llmcourse.errors import UsageError
    from llmcourse.i18n import msg

    session: Session = ctx.obj
    action, rest = (words[0], words[1:]) if words else ("list", [])
    arity = {"list": 0, "get": 1, "set": 2, "unset": 1}
    if action not in arity or len(rest) != arity[action]:
        raise UsageError(msg("config.usage"))
    if action == "list":
        _show(session.lang, config.load(), list(config.KEYS), as_json)
    elif action == "get":
        config.check_key(rest[0])
        _show(session.lang, config.load(), rest, as_json)
    elif action == "set":
        value = config.check_value(rest[0], rest[1])
        config.update(**{rest[0]: value})
        _said(msg("config.set", setting=rest[0], value=value), {rest[0]: value}, as_json)
    else:
        config.check_key(rest[0])
        config.update(**{rest[0]: None})
        _said(msg("config.unset", setting=rest[0]), {rest[0]: None}, as_json)


def _show(lang: str, settings: dict[str, Any], names: list[str], as_json: bool) -> None:
    """Each setting with its value, or its default; `--json`: {key: value or null}."""
    from llmcourse import config
    from llmcourse.i18n import cells, label, pad
    from llmcourse.views.output import echo, emit_json

    if as_json:
        emit_json({name: config.get(name) for name in names})
        return
    shown = {name: _value_text(lang, settings, name) for name in names}
    width = max(len(n) for n in names)
    value_width = max(cells(v) for v in shown.values())
    for name in names:
        if len(names) == 1:
            echo(f"{name}  {shown[name]}")
        else:
            what = label(f"config.help.{name}", lang)
            echo(f"{name:<{width}}  {pad(shown[name], value_width)}  # {what}")


def _value_text(lang: str, settings: dict[str, Any], name: str) -> str:
    """The value as written, else "(default: …)" or "(not set)"."""
    from llmcourse import config
    from llmcourse.i18n import label

    default = config.KEYS[name].default
    if name in settings:
        value = settings[name]
        return value if isinstance(value, str) else repr(value)
    if default is not None:
        return label("config.default", lang).format(value=default)
    return label("config.not_set", lang)


def _said(line: str, data: dict[str, Any], as_json: bool) -> None:
    from llmcourse.views.output import echo, emit_json

    emit_json(data) if as_json else echo(line)


COMMANDS = {"config": cmd_config}
