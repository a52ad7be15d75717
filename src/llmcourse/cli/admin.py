"""Housekeeping commands: validate a course, show where files live."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from llmcourse.cli.options import JsonOption
from llmcourse.cli.session import Session, active_course_path


def cmd_validate(
    ctx: typer.Context,
    path: Annotated[
        Path | None,
        typer.Argument(
            metavar="[PATH]",
            help="Course file or folder. Default: the active course.",
            show_default=False,
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Check a course file or folder and list every problem (exit 1 if there are any).

    Examples:

      llmcourse validate my-course/

      llmcourse validate my-course.toml --json
    """
    from llmcourse.course.load import read_course
    from llmcourse.errors import CourseError
    from llmcourse.views.output import echo, emit_json

    session: Session = ctx.obj
    target = path or active_course_path(session.course_option)
    try:
        course = read_course(target)
    except CourseError as e:
        if not as_json:
            raise
        # The list of problems is the result here, on stdout; the exit code still says it.
        emit_json({"path": str(target), "valid": False, "problems": e.details or [e.message]})
        raise typer.Exit(e.exit_code) from None
    counts = {
        "parts": len(course.parts),
        "topics": len(course.topics),
        "concepts": sum(len(t.concepts) for t in course.topics.values()),
        "resources": len(course.resources),
        "notebooks": len(course.notebooks),
        "urls": len(course.all_urls()),
    }
    if as_json:
        data = {"path": str(target), "valid": True, "problems": [], "counts": counts}
        emit_json({**data, "languages": list(course.languages)})
        return
    echo(
        f"{target}: valid — {counts['parts']} parts, {counts['topics']} topics, "
        f"{counts['concepts']} concepts, {counts['resources']} resources, "
        f"{counts['notebooks']} notebooks, {counts['urls']} URLs, "
        f"languages {', '.join(course.languages)}"
    )


def cmd_paths(as_json: JsonOption = False) -> None:
    """Show where llmcourse keeps its state, config, cache and data.

    Set LLMCOURSE_HOME to keep all of them in one folder.
    """
    from llmcourse import paths
    from llmcourse.i18n import current_lang, label, pad
    from llmcourse.views.output import echo, emit_json

    where = paths.resolve().as_dict()
    if as_json:
        emit_json(where)
    else:
        for key, value in where.items():
            echo(f"{pad(label(f'paths.{key}', current_lang()), 7)} {value}")


def cmd_doctor(
    ctx: typer.Context,
    restore_backup: Annotated[
        bool,
        typer.Option(
            "--restore-backup",
            help="Put the last good backup in place of the state "
            "file; the damaged file is moved aside, never deleted.",
        ),
    ] = False,
    force: Annotated[
        bool, typer.Option("--force", help="With --restore-backup: even if the state file is fine.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Check the progress file, its backup and the settings; explain any damage and repair it.

    Temporary files left by an interrupted write are removed. Exit 1 when the state file is
    damaged or config.toml cannot be read.

    Examples:

      llmcourse doctor

      llmcourse doctor --restore-backup
    """
    from llmcourse import config
    from llmcourse.progress import store
    from llmcourse.progress.model import now
    from llmcourse.views.doctor_view import render_health, render_restored

    lang = ctx.obj.lang
    if restore_backup:
        aside = store.restore_backup(now(), force)
        render_restored(lang, store.diagnose(), aside, as_json)
        return
    health = store.clean(store.diagnose())
    settings, broken = config.diagnose()
    if as_json:
        from llmcourse.views.doctor_view import health_dict
        from llmcourse.views.output import emit_json

        emit_json({**health_dict(health), "config": {"path": str(config.config_file()),
                   "problems": settings, "broken": broken}})  # fmt: skip
    else:
        from llmcourse.views.doctor_view import render_settings

        render_health(lang, health, False)
        render_settings(lang, config.config_file(), settings)
    if health.problem or broken:
        raise typer.Exit(1)


# Command name -> function; cli/root.py registers only the one being run.
COMMANDS = {
    "validate": cmd_validate,
    "paths": cmd_paths,
    "doctor": cmd_doctor,
}
