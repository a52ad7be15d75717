"""Renderings for `sync` and `sync status`: plain lines for people, JSON for scripts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from llmcourse.i18n import cells, counted, label, pad
from llmcourse.progress.model import jsonable
from llmcourse.textsafe import one_line
from llmcourse.views.output import echo, emit_json, warn

if TYPE_CHECKING:
    from datetime import datetime

    from llmcourse.sync.devices import Peer
    from llmcourse.sync.engine import Report, Status


def _local_minute(at: datetime | None) -> str:
    return at.astimezone().strftime("%Y-%m-%d %H:%M") if at is not None else "-"


def _peer_dict(p: Peer, device: str) -> dict[str, Any]:
    return {
        "id": p.device,
        "name": p.name,
        "written": jsonable(p.written) if p.written else None,
        "schema": p.schema,
        "this": p.device == device,
        "status": "newer" if p.newer else "damaged" if p.problem else "ok",
        "problem": p.problem or None,
    }


def _warnings(peers: list[Peer], conflicts: list[str], lang: str) -> list[str]:
    """What sync left alone, and why: newer files, conflict copies."""
    lines = [
        label("sync.left_newer", lang).format(path=p.path, why=p.problem) for p in peers if p.newer
    ]
    lines += [label("sync.conflict_ignored", lang).format(path=c) for c in conflicts]
    return lines


def render_sync(lang: str, report: Report, as_json: bool) -> None:
    if as_json:
        emit_json(
            {
                "kind": report.kind,
                "where": report.where,
                "device": {"id": report.device, "name": report.name},
                "changes": report.changes,
                "study_records": report.study,
                "entries": report.entries,
                "attempts": report.attempts,
                "repaired": report.repaired,
                "devices": [_peer_dict(p, report.device) for p in report.peers],
                "conflicts": report.conflicts,
            }
        )
        return
    for line in _warnings(report.peers, report.conflicts, lang):
        warn(line)
    if report.repaired:
        warn(label("sync.repaired", lang))
    others = sum(1 for p in report.peers if p.device != report.device and p.state is not None)
    what = counted("sync.changes", report.changes + report.study, lang)
    devices = counted("sync.devices", others, lang)
    echo(label("sync.done", lang).format(where=one_line(report.where), what=what, devices=devices))


def render_status(lang: str, status: Status, as_json: bool) -> None:
    if as_json:
        emit_json(
            {
                "kind": status.kind or None,
                "where": status.where or None,
                "device": {"id": status.device, "name": status.name},
                "last_sync": jsonable(status.last) if status.last else None,
                "devices": [_peer_dict(p, status.device) for p in status.peers],
                "conflicts": status.conflicts,
            }
        )
        return
    where = status.where or label("sync.not_set_up_short", lang)
    rows = [
        (label(f"sync.label.{status.kind or 'remote'}", lang), one_line(where)),
        (label("sync.label.device", lang), f"{status.device[:8]}  {one_line(status.name)}"),
        (label("sync.label.last", lang), _local_minute(status.last)),
    ]
    width = max(cells(k) for k, _ in rows)
    for key, value in rows:
        echo(f"{pad(key, width)}  {value}")
    if status.peers:
        echo(label("sync.label.devices", lang))
    for p in status.peers:
        this = label("sync.this_device", lang) if p.device == status.device else ""
        state = f"  ({one_line(p.problem)})" if p.problem else ""
        name = one_line(p.name) or "-"
        echo(f"  {p.device[:8]}  {name}  {_local_minute(p.written)}{this}{state}")
    for line in _warnings([], status.conflicts, lang):
        echo(line)
    if not status.kind:
        echo(label("sync.not_set_up_hint", lang))
