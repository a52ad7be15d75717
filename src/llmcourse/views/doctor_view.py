"""`doctor`: the health of the progress file, in words or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from llmcourse.i18n import cells, counted, label, pad
from llmcourse.textsafe import one_line
from llmcourse.views.output import echo, emit_json

if TYPE_CHECKING:
    from llmcourse.progress.store import Health


def health_dict(h: Health) -> dict[str, Any]:
    return {
        "state": str(h.path),
        "exists": h.exists,
        "ok": not h.problem,
        "size": h.size,
        "problem": h.problem or None,
        "details": h.details,
        "schema_version": h.version,
        "marks": h.marks,
        "notes": h.notes,
        "history": h.events,
        "backup": str(h.backup),
        "backup_exists": h.backup_exists,
        "backup_ok": h.backup_exists and not h.backup_problem,
        "backup_problem": h.backup_problem or None,
        "leftover_temp_files": [str(p) for p in h.leftovers],
        "removed_temp_files": [str(p) for p in h.removed],
        "damaged_copies": [str(p) for p in h.damaged_copies],
    }


def _head(key: str, lang: str) -> str:
    """'State file: ', 'Backup:     ': the line heads, padded to one width."""
    width = max(cells(label(k, lang)) for k in HEADS) + 1
    return pad(label(key, lang), width)


HEADS = ("doctor.state", "doctor.backup", "doctor.leftover", "doctor.aside")


def render_health(lang: str, h: Health, as_json: bool) -> None:
    if as_json:
        emit_json(health_dict(h))
        return

    def say(key: str, **kw: Any) -> str:
        return label(key, lang).format(**kw)

    state = _head("doctor.state", lang)
    if not h.exists:
        echo(f"{state}{h.path} {say('doctor.not_yet')}")
    elif h.problem:
        echo(f"{state}{h.path} — {say('doctor.damaged', size=f'{h.size:,}')}")
        echo(f"  {say('doctor.problem')}{label('colon', lang)}{one_line(h.problem)}")
        for line in h.details:
            echo(f"    {one_line(line)}")
        echo(f"  {say('doctor.refuses')}")
    else:
        echo(f"{state}{h.path} — {say('doctor.ok', version=h.version, size=f'{h.size:,}')}")
        echo(f"  {_counts(h, lang)}")
    backup = _head("doctor.backup", lang)
    if h.backup_exists:
        how = (
            say("doctor.backup_damaged", problem=h.backup_problem)
            if h.backup_problem
            else say("doctor.backup_ok")
        )
        echo(f"{backup}{h.backup} — {how}")
    else:
        echo(f"{backup}{h.backup} {say('doctor.no_backup')}")
    for p in h.leftovers:
        gone = f" {say('doctor.cleaned')}" if p in h.removed else ""
        echo(f"{_head('doctor.leftover', lang)}{p} {say('doctor.leftover_why')}{gone}")
    for p in h.damaged_copies:
        echo(f"{_head('doctor.aside', lang)}{p} {say('doctor.aside_why')}")
    if h.problem:
        if h.backup_exists and not h.backup_problem:
            echo(say("doctor.fix_restore"))
        else:
            echo(say("doctor.fix_none", path=h.path))


def _counts(h: Health, lang: str) -> str:
    return label("doctor.counts", lang).format(
        marks=counted("count.marks", h.marks, lang),
        notes=counted("count.notes", h.notes, lang),
        events=counted("count.events", h.events, lang),
    )


def render_restored(lang: str, h: Health, aside: Path | None, as_json: bool) -> None:
    if as_json:
        emit_json(
            {**health_dict(h), "restored": True, "moved_aside": str(aside) if aside else None}
        )
        return
    echo(label("doctor.restored", lang).format(path=h.path, backup=h.backup))
    if aside:
        echo(label("doctor.moved_aside", lang).format(path=aside))
    echo(label("doctor.now", lang).format(counts=_counts(h, lang)))


def render_settings(lang: str, file: Path, problems: list[str]) -> None:
    """The settings' line of `doctor`: config.toml is fine, or what is wrong with it."""
    head = label("config.head", lang)
    if not problems:
        ok = label("config.doctor_ok" if file.exists() else "config.doctor_none", lang)
        echo(f"{head}{file} — {ok}" if file.exists() else f"{head}{file} {ok}")
    for problem in problems:
        echo(f"{head}{problem}")
