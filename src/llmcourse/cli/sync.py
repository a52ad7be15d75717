"""`sync`: progress follows you between machines through a git remote or a synced folder."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from llmcourse.cli.completion import values
from llmcourse.cli.options import JsonOption
from llmcourse.cli.session import Session


def cmd_sync(
    ctx: typer.Context,
    action: Annotated[
        str | None,
        typer.Argument(
            metavar="[status]",
            help="status: where sync goes, this device, the last sync, the devices seen.",
            autocompletion=values("status"),
            show_default=False,
        ),
    ] = None,
    remote: Annotated[
        str | None,
        typer.Option(
            "--remote",
            metavar="URL",
            help="A git repository (path, file://, ssh, https) to sync through; remembered.",
            show_default=False,
        ),
    ] = None,
    folder: Annotated[
        Path | None,
        typer.Option(
            "--folder",
            metavar="PATH",
            help="A folder that Syncthing, Dropbox or iCloud carries, instead of git; remembered.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Sync your progress with your other machines, through a git remote or a synced folder.

    Each machine writes only its own file (devices/<device id>.toml) and merges everyone
    else's by the rule of `import`: per item the latest change wins. The first sync names
    the remote or folder; later ones just run `llmcourse sync`.

    Examples:

      llmcourse sync status

      llmcourse sync --remote ../progress.git

      llmcourse sync --folder Dropbox/llmcourse

      llmcourse sync
    """
    from llmcourse import config
    from llmcourse.errors import UsageError
    from llmcourse.i18n import msg
    from llmcourse.progress.model import now
    from llmcourse.sync import engine
    from llmcourse.views import sync_view as view

    session: Session = ctx.obj
    if action not in (None, "status") or (action and (remote or folder)):
        raise UsageError(msg("sync.usage"))
    if remote is not None and folder is not None:
        raise UsageError(msg("sync.both"))
    if remote is not None:
        config.update(sync_remote=config.check_value("sync_remote", remote), sync_folder=None)
    elif folder is not None:
        config.update(sync_folder=config.check_value("sync_folder", str(folder)), sync_remote=None)
    settings = config.load()
    transport, name = engine.configured(settings), engine.device_name(settings)
    if action == "status":
        from llmcourse.progress import store

        status = engine.status(transport, store.device_id(), name)
        view.render_status(session.lang, status, as_json)
        return
    if transport is None:
        from llmcourse.errors import LlmcourseError

        raise LlmcourseError(msg("sync.not_set_up"), [msg("sync.not_set_up_hint")])
    report = engine.run(transport, now(), name)
    view.render_sync(session.lang, report, as_json)


COMMANDS = {"sync": cmd_sync}
