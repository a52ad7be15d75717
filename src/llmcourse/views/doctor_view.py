"""`doctor`: the health of the progress file, in words or JSON."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

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
        "damaged_copies": [str(p) for p in h.damaged_copies],
    }


def render_health(h: Health, as_json: bool) -> None:
    if as_json:
        emit_json(health_dict(h))
        return
    if not h.exists:
        echo(f"State file: {h.path} (not created yet: it appears with your first mark)")
    elif h.problem:
        echo(f"State file: {h.path} — DAMAGED ({h.size:,} bytes)")
        echo(f"  problem: {h.problem}")
        for line in h.details:
            echo(f"    {line}")
        echo("  llmcourse refuses to read or write it, and has left it exactly as it is.")
    else:
        echo(f"State file: {h.path} — ok (schema {h.version}, {h.size:,} bytes)")
        echo(f"  {h.marks} marks, {h.notes} notes, {h.events} history entries")
    if h.backup_exists:
        state = f"damaged: {h.backup_problem}" if h.backup_problem else "ok"
        echo(f"Backup:     {h.backup} — {state}")
    else:
        echo(f"Backup:     {h.backup} (none yet: written on each change)")
    for p in h.leftovers:
        echo(f"Leftover:   {p} (a write that was interrupted; the state was not affected)")
    for p in h.damaged_copies:
        echo(f"Set aside:  {p} (a damaged state moved aside earlier)")
    if h.problem:
        if h.backup_exists and not h.backup_problem:
            echo(
                "Fix: `llmcourse doctor --restore-backup` puts the backup in place and moves the "
                "damaged file aside (the last change before the damage may be lost)."
            )
        else:
            echo(f"Fix: no good backup. Repair {h.path} by hand, or move it away to start afresh.")


def render_restored(h: Health, aside: Path | None, as_json: bool) -> None:
    if as_json:
        emit_json(
            {**health_dict(h), "restored": True, "moved_aside": str(aside) if aside else None}
        )
        return
    echo(f"Restored {h.path} from {h.backup}.")
    if aside:
        echo(f"The replaced file was moved aside to {aside}.")
    echo(f"Now: {h.marks} marks, {h.notes} notes, {h.events} history entries.")
