"""Progress commands: start, done, skip, reset, note, undo, log, progress, next, export, import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from llmcourse.cli.completion import complete_note, values
from llmcourse.cli.options import JsonOption, complete_ref
from llmcourse.cli.session import Session
from llmcourse.i18n import msg

if TYPE_CHECKING:
    from llmcourse.progress.ops import Target

RefsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="REF [N]...",
        help="Topics, resources or notebooks, exactly: an id, a number (2.7, 2.7#3) or a whole "
        "title. Numbers after a topic name its resources (nlp 2 3).",
        autocompletion=complete_ref,
        show_default=False,
    ),
]


def targets(session: Session, words: list[str]) -> list[Target]:
    """What a change acts on: `REF [N...]`, exact references only (see `refs_to_change`)."""
    from llmcourse.cli.options import refs_to_change
    from llmcourse.progress.ops import Target

    return [Target(ref.kind, ref.id) for ref in refs_to_change(session, words)]


def _mark(ctx: typer.Context, op: str, refs: list[str], as_json: bool) -> list[Target]:
    from llmcourse.progress import ops, store
    from llmcourse.progress.model import now
    from llmcourse.views.history_view import render_outcomes

    session: Session = ctx.obj
    wanted = targets(session, refs)
    when = now()
    outcomes = store.update(lambda state: ops.mark(state, op, wanted, when))
    render_outcomes(session.course(), session.lang, op, outcomes, as_json)
    return wanted


TopicsArg = Annotated[
    list[str],
    typer.Argument(
        metavar="TOPIC...",
        help="Topics, exactly: an id, a number (2.7) or a whole title. Resources and notebooks "
        "are not started: `done` or `skip` them.",
        autocompletion=complete_ref,
        show_default=False,
    ),
]


def cmd_start(ctx: typer.Context, topics: TopicsArg, as_json: JsonOption = False) -> None:
    """Mark topics as in progress (a reminder names prerequisites not yet done).

    Examples:

      llmcourse start quantization

      llmcourse start 2.7
    """
    started = _mark(ctx, "start", topics, as_json)
    _remind_prerequisites(ctx.obj, started)


def _remind_prerequisites(session: Session, started: list[Target]) -> None:
    """One line on stderr per started topic whose prerequisites are not all done or skipped:
    a reminder, not a refusal."""
    from llmcourse.i18n import label
    from llmcourse.progress import store
    from llmcourse.views.output import warn

    course, statuses = session.course(), store.read().statuses()
    lang = session.lang
    for target in started:
        if target.kind != "topic":
            continue
        missing = [
            label("next.need", lang).format(id=p, status=label(statuses.get(p, "todo"), lang))
            for p in course.topics[target.id].prerequisites
            if statuses.get(p, "todo") not in ("done", "skipped")
        ]
        if missing:
            joined = label("list_sep", lang).join(missing)
            warn(label("start.prereqs", lang).format(id=target.id, missing=joined))


def cmd_done(ctx: typer.Context, refs: RefsArg, as_json: JsonOption = False) -> None:
    """Mark topics, resources or notebooks as done.

    Examples:

      llmcourse done mathematics python

      llmcourse done quantization 3     (the topic's third resource)

      llmcourse done nlp 2 3 2.7#1      (nlp's 2nd and 3rd resources, 2.7's 1st)
    """
    _mark(ctx, "done", refs, as_json)


def cmd_skip(ctx: typer.Context, refs: RefsArg, as_json: JsonOption = False) -> None:
    """Mark topics, resources or notebooks as skipped (they count as settled).

    Examples:

      llmcourse skip python

      llmcourse skip nlp 2
    """
    _mark(ctx, "skip", refs, as_json)


def cmd_reset(ctx: typer.Context, refs: RefsArg, as_json: JsonOption = False) -> None:
    """Put topics, resources or notebooks back to todo (`undo` reverts a reset too).

    Examples:

      llmcourse reset quantization
    """
    _mark(ctx, "reset", refs, as_json)


def cmd_note(
    ctx: typer.Context,
    args: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="REF [N] TEXT | REF | list [REF [N]] | edit ID | remove ID",
            autocompletion=complete_note,
            help="REF [N] exactly as for `done`; TEXT is one (quoted) argument. REF alone "
            "lists that item's notes.",
            show_default=False,
        ),
    ] = None,
    edit: Annotated[bool, typer.Option("--edit", "-e", help="Write the note in $EDITOR.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Add a dated note to a topic, resource or notebook; list, edit or remove notes.

    Examples:

      llmcourse note quantization "GPTQ needs a calibration set"

      llmcourse note 2.7 1 "read twice"     (on 2.7's first resource)

      llmcourse note quantization --edit

      llmcourse note list quantization

      llmcourse note quantization           (its notes)

      llmcourse note edit 3f2a              (in $EDITOR)

      llmcourse note remove 3f2a
    """
    _note(ctx.obj, args or [], edit, as_json)


def cmd_undo(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Revert the last change; run it again to revert the one before.

    Examples:

      llmcourse undo
    """
    from llmcourse.progress import ops, store
    from llmcourse.progress.model import now
    from llmcourse.views.history_view import render_undo

    session: Session = ctx.obj
    when = now()
    # Undo may use the room kept above the limit for changes: it must always work.
    event = store.update(lambda state: ops.undo(state, when), limit=store.MAX_BYTES)
    render_undo(session.course(), session.lang, event, as_json)


def cmd_log(
    ctx: typer.Context,
    limit: Annotated[
        int, typer.Option("--limit", "-l", metavar="N", help="How many changes (0: all).")
    ] = 20,
    as_json: JsonOption = False,
) -> None:
    """Show the history of your changes, newest first.

    Examples:

      llmcourse log

      llmcourse log -l 0 --json
    """
    from llmcourse.views.history_view import render_log

    session: Session = ctx.obj
    render_log(session.lang, session.state(), limit, as_json)


def cmd_progress(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """A dashboard: bars per part, counts, resources, streak, reviews, plan, activity, next.

    Examples:

      llmcourse progress

      llmcourse progress --json
    """
    from llmcourse.progress.model import now
    from llmcourse.progress.rollup import summarize
    from llmcourse.study.overview import overview
    from llmcourse.views.progress_view import render_progress

    session: Session = ctx.obj
    when = now()
    summary = summarize(session.course(), session.state(), when)
    study = overview(session.course(), session.state(), session.lang, when)  # reviews, plan
    render_progress(session.course(), session.lang, summary, study, as_json)


def cmd_next(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Suggest the topic to study next, and say why.

    The topic in progress, else the first todo topic whose prerequisites are done or skipped;
    and its first resource not yet done (what `open --next` opens).

    Examples:

      llmcourse next
    """
    from llmcourse.course.select import first_unfinished
    from llmcourse.progress.rollup import next_topic
    from llmcourse.views.progress_view import render_next

    session: Session = ctx.obj
    course, statuses = session.course(), session.statuses()
    choice = next_topic(course, statuses)
    resource = first_unfinished(course.topics[choice.id], statuses) if choice else None
    render_next(course, session.lang, choice, resource, as_json)


def cmd_export(
    ctx: typer.Context,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="json, toml or markdown (a checklist). Default: from the file's extension "
            "(.json, .toml, .md), else json.",
            autocompletion=values("json", "toml", "markdown"),
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout.")
    ] = None,
) -> None:
    """Export your progress: JSON or TOML to move to another machine, Markdown to read.

    Examples:

      llmcourse export -o progress.json

      llmcourse export -o progress.toml

      llmcourse export --format markdown > checklist.md
    """
    _export(ctx.obj, fmt, output)


def cmd_import(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="A JSON or TOML file from `export`.")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would change; change nothing.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Merge progress exported on another machine: per item the newer change wins, notes are
    united, nothing is dropped. `undo` reverts an import.

    Examples:

      llmcourse import progress.json --dry-run

      llmcourse import progress.json
    """
    from llmcourse.progress import ops, store
    from llmcourse.progress.exchange import file_source, read_export
    from llmcourse.progress.model import now
    from llmcourse.views.transfer_view import render_import

    session: Session = ctx.obj
    other, when, source = read_export(file), now(), file_source(file)
    result = store.update(
        lambda state: ops.import_state(state, other, when, dry_run, source=source)
    )
    render_import(session.course(), session.lang, result, dry_run, as_json)


def _note(session: Session, args: list[str], edit: bool, as_json: bool) -> None:
    from llmcourse.errors import UsageError
    from llmcourse.progress import ops, store
    from llmcourse.progress.model import now
    from llmcourse.views import notes_view as view

    action = args[0] if args else ""
    if action in ("list", "ls"):
        node = _one_note_target(session, args[1:], exact=False) if len(args) > 1 else None
        view.render_notes(session.course(), session.lang, session.state(), node, as_json)
        return
    if action in ("remove", "rm"):
        if len(args) != 2:
            raise UsageError(msg("err.note_remove_usage"))
        when = now()
        removed = store.update(lambda state: ops.remove_note(state, args[1], when))
        view.render_note_removed(session.lang, removed, as_json)
        return
    if action == "edit":
        _edit_note(session, args[1:], as_json)
        return
    if len(args) == 1 and not edit:  # `note REF`: that item's notes
        node = _one_note_target(session, args, exact=False)
        view.render_notes(session.course(), session.lang, session.state(), node, as_json)
        return
    ref_words, text = _split_note_args(args, edit)
    target = _one_note_target(session, ref_words, exact=True)
    text = from_editor() if edit else text
    when = now()
    note_id = store.update(lambda state: ops.add_note(state, target, text, when))
    view.render_note_added(session.course(), session.lang, target, note_id, as_json)


def _edit_note(session: Session, args: list[str], as_json: bool) -> None:
    """`note edit ID`: the note's text in $EDITOR; saving it replaces the text (undo restores)."""
    from llmcourse.errors import UsageError
    from llmcourse.i18n import msg
    from llmcourse.progress import ops, store
    from llmcourse.progress.model import now
    from llmcourse.views import notes_view as view

    if len(args) != 1:
        raise UsageError(msg("notes.edit_usage"))
    note_id = ops.find_note(session.state(), args[0])
    text = from_editor(session.state().notes[note_id].text)
    when = now()
    node = session.state().notes[note_id].node
    new_id = store.update(lambda state: ops.edit_note(state, note_id, text, when))
    view.render_note_edited(session.course(), session.lang, node, new_id, as_json)


def _split_note_args(args: list[str], edit: bool) -> tuple[list[str], str]:
    """`REF [N] TEXT` (or `REF [N]` with --edit) -> the reference's words and the text. The
    text is always one argument, the last: `note 2.7 1 "x"` is a note on 2.7's 1st resource."""
    from llmcourse.errors import UsageError
    from llmcourse.i18n import msg

    ref_words, text = (args, "") if edit else (args[:-1], args[-1] if args else "")
    if not 1 <= len(ref_words) <= 2 or not all(w.strip().isdecimal() for w in ref_words[1:]):
        raise UsageError(msg("note.usage"))
    return ref_words, text


def _one_note_target(session: Session, words: list[str], exact: bool) -> str:
    from llmcourse.cli.options import one_ref, refs_to_change, refs_to_read

    refs = refs_to_change(session, words) if exact else refs_to_read(session, words)
    return one_ref(refs, "note").id


def from_editor(initial: str = "") -> str:
    """Open $VISUAL or $EDITOR on a temporary file (holding `initial`) and return what was
    written there."""
    import os
    import shlex
    import subprocess
    import tempfile

    from llmcourse.errors import LlmcourseError

    editor = (
        os.environ.get("VISUAL")
        or os.environ.get("EDITOR")
        or ("notepad" if os.name == "nt" else "vi")
    )
    hint = "\n# Write your note above. Lines starting with # are left out.\n"
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "note.md"
        file.write_text(initial + hint, encoding="utf-8")
        try:
            code = subprocess.call([*shlex.split(editor), str(file)])
        except OSError as e:
            raise LlmcourseError(
                msg("err.editor_run", editor=editor, why=e.strerror or e),
                [msg("err.editor_hint")],
            ) from None
        if code != 0:
            raise LlmcourseError(msg("err.editor_exit", editor=editor, code=code))
        text = file.read_text(encoding="utf-8")
    return "\n".join(line for line in text.splitlines() if not line.startswith("#"))


def _export(session: Session, fmt: str | None, output: Path | None) -> None:
    from llmcourse.errors import UsageError
    from llmcourse.i18n import msg
    from llmcourse.progress import exchange
    from llmcourse.progress.model import now

    fmt = fmt.lower() if fmt else exchange.format_for(output)
    if fmt not in exchange.FORMATS:
        raise UsageError(msg("err.export_format", fmt=fmt))
    state, when = session.state(), now()
    if fmt == "json":
        text = exchange.to_json(state, when)
    elif fmt == "toml":
        text = exchange.to_toml(state, when)
    else:
        from llmcourse.views.transfer_view import markdown_checklist

        text = markdown_checklist(session.course(), session.lang, state, when)
    # JSON and TOML keep every character (the unsafe ones as \u escapes, read back intact);
    # the Markdown checklist is for people: escape sequences and controls are removed, on the
    # terminal and in the file alike, so that `cat checklist.md` is as safe as the terminal.
    from llmcourse.textsafe import json_safe, one_line, sanitize
    from llmcourse.views.output import emit_text, warn

    data_format = fmt != "markdown"
    if output is None:
        emit_text(text, data_format)
    else:
        exchange.write_text(output, json_safe(text) if data_format else sanitize(text))
        warn(one_line(msg("export.wrote", path=output, fmt=fmt)))


# Command name -> function; cli/root.py registers only the one being run.
COMMANDS = {
    "start": cmd_start,
    "done": cmd_done,
    "skip": cmd_skip,
    "reset": cmd_reset,
    "note": cmd_note,
    "undo": cmd_undo,
    "log": cmd_log,
    "progress": cmd_progress,
    "next": cmd_next,
    "export": cmd_export,
    "import": cmd_import,
}
