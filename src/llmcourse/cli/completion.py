"""Shell completion of option values, note ids and config keys.

Each completer returns (value, help) pairs: zsh and fish show the help beside the value, bash
only the values. A completer never raises (a broken state or course must not break the shell)
and never writes (the language comes from --lang, the config or the locale, without warnings).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import typer

Items = list[tuple[str, str]]


def _lang(ctx: typer.Context) -> str:
    from llmcourse.cli.session import Session, choose_lang

    if isinstance(ctx.obj, Session):
        return ctx.obj.lang
    return choose_lang(ctx.find_root().params.get("lang"), warn=False)


def _starting(items: Iterable[tuple[str, str]], incomplete: str) -> Items:
    from llmcourse.textsafe import one_line

    return [(one_line(v), one_line(h)) for v, h in items if v.startswith(incomplete)]


def _safe(find: Callable[[typer.Context], Iterable[tuple[str, str]]]) -> Callable[..., Items]:
    """A completer from a function of the context: filtered by what was typed, never raising."""

    def complete(ctx: typer.Context, incomplete: str) -> Items:
        try:
            return _starting(find(ctx), incomplete)
        except Exception:  # completion must never break the shell
            return []

    return complete


def values(*choices: str) -> Callable[..., Items]:
    """A completer for a fixed set of values (formats, kinds, statuses)."""
    return _safe(lambda ctx: [(c, "") for c in choices])


def _languages(ctx: typer.Context) -> Items:
    return [("en", "English"), ("zh-TW", "繁體中文（台灣）")]


def _editions(ctx: typer.Context) -> Items:
    from llmcourse.editions.store import list_editions
    from llmcourse.i18n import label

    lang = _lang(ctx)
    items = [("previous", label("complete.previous", lang))]
    for e in list_editions():
        what = label("complete.builtin" if e.builtin else "complete.stored", lang)
        items.append((e.id, f"{what} {e.date}".strip() if e.date != e.id else what))
    return items


def _note_ids(ctx: typer.Context) -> Items:
    """For `note edit|remove ID`: each live note's id, with its item and the start of its text."""
    from llmcourse.progress import store
    from llmcourse.textsafe import one_line

    args = ctx.params.get("args") or []
    if args not in (["edit"], ["remove"], ["rm"]):
        return []
    notes = store.read().live_notes()
    return [(nid, one_line(f"{n.node}: {n.text}")[:60]) for nid, n in notes]


def _config_words(ctx: typer.Context) -> Items:
    """`config ACTION KEY`: the actions, then the keys with what each is for."""
    from llmcourse import config
    from llmcourse.cli.settings import ACTIONS
    from llmcourse.i18n import label

    words = ctx.params.get("words") or []
    if not words:
        return [(a, "") for a in ACTIONS]
    if len(words) == 1 and words[0] in ("get", "set", "unset"):
        lang = _lang(ctx)
        return [(k, label(f"config.help.{k}", lang)) for k in config.KEYS]
    if len(words) == 2 and words[0] == "set" and words[1] == "lang":
        return _languages(ctx)
    return []


complete_lang = _safe(_languages)
complete_edition = _safe(_editions)
complete_note_id = _safe(_note_ids)


def complete_note(ctx: typer.Context, incomplete: str) -> Items:
    """`note REF…`: references first; after `edit` or `remove`, note ids."""
    from llmcourse.cli.options import complete_ref

    if not ctx.params.get("args"):
        return complete_ref(ctx, incomplete)
    return complete_note_id(ctx, incomplete)


complete_config = _safe(_config_words)
