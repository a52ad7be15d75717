"""Renderings for update and editions: text for people, JSON for scripts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from llmcourse.i18n import label, pad
from llmcourse.textsafe import one_line
from llmcourse.views.output import echo, emit_json

if TYPE_CHECKING:
    from llmcourse.course.idmatch import Change
    from llmcourse.editions.store import EditionInfo
    from llmcourse.editions.update import Plan


# -- update ------------------------------------------------------------------------------------


def _changes(items: list[Change]) -> list[dict[str, str]]:
    out = []
    for c in items:
        entry = {"id": c.id, "title": c.title}
        if c.old_title:
            entry["old_title"] = c.old_title
        if c.topic:
            entry["topic"] = c.topic
        out.append(entry)
    return out


def diff_dict(plan: Plan, applied: bool, path: str | None) -> dict[str, Any]:
    d = plan.diff
    return {
        "source": plan.source,
        "edition": plan.edition,
        "languages": list(plan.course.languages),
        "topics": len(plan.course.topics),
        "resources": len(plan.course.resources),
        "notebooks": len(plan.course.notebooks),
        "identical": plan.identical,
        "changes": {
            "topics_added": _changes(d.topics_added),
            "topics_removed": _changes(d.topics_removed),
            "topics_renamed": _changes(d.topics_renamed),
            "resources_added": _changes(d.resources_added),
            "resources_removed": _changes(d.resources_removed),
            "notebooks_added": _changes(d.notebooks_added),
            "notebooks_removed": _changes(d.notebooks_removed),
        },
        "marks": {
            "total": d.marks_total,
            "kept": d.marks_kept,
            "lost": d.marks_lost,
            "reattached": d.marks_back,
        },
        "needs_force": [r.key.removeprefix("update.guard.") for r in plan.reasons],
        "applied": applied,
        "path": path,
    }


def render_diff(lang: str, plan: Plan) -> None:
    d = plan.diff
    c = plan.course
    echo(
        label("update.head", lang).format(
            edition=plan.edition,
            source=plan.source,
            parts=len(c.parts),
            topics=len(c.topics),
            resources=len(c.resources),
            notebooks=len(c.notebooks),
            languages=", ".join(c.languages),
        )
    )
    echo(label("update.compared", lang).format(origin=plan.current_origin))
    if d.empty:
        echo(f"  {label('update.same', lang)}")
    colon, topic = label("colon", lang), pad(label("topic", lang), 8)
    for item in d.topics_added:
        echo(f"  + {topic} {item.id}{colon}{item.title}")
    for item in d.topics_removed:
        echo(f"  - {topic} {item.id}{colon}{item.title}")
    for item in d.topics_renamed:
        echo(f"  ~ {topic} {item.id}{colon}{item.old_title} -> {item.title}")
    _some(f"+ {label('resource', lang)}", d.resources_added, lang)
    _some(f"- {label('resource', lang)}", d.resources_removed, lang)
    _some(f"+ {label('notebook', lang)}", d.notebooks_added, lang)
    _some(f"- {label('notebook', lang)}", d.notebooks_removed, lang)
    if d.marks_total:
        echo(label("update.marks", lang).format(kept=len(d.marks_kept), total=d.marks_total))
        if d.marks_back:
            echo(f"  {label('update.back', lang)}{colon}{', '.join(d.marks_back)}")
        if d.marks_lost:
            echo(f"  {label('update.lost', lang)}{colon}{', '.join(d.marks_lost)}")
    else:
        echo(label("update.no_marks", lang))


def _some(sign: str, items: list[Change], lang: str, limit: int = 12) -> None:
    if not items:
        return
    colon = label("colon", lang)
    echo(f"  {sign}{colon}{len(items)}")
    for item in items[:limit]:
        where = f"{item.topic}/{item.id}" if item.topic else item.id
        echo(f"      {where}{colon}{item.title}")
    if len(items) > limit:
        echo("      " + label("update.more", lang).format(n=len(items) - limit))


def guard_message(plan: Plan, lang: str = "en") -> tuple[str, list[str]]:
    """Why the update stopped, one line per reason, and how to go ahead anyway."""
    lines = [label(r.key, lang).format(**r.params) for r in plan.reasons]
    return label("update.guard", lang), [*lines, label("update.guard.force", lang)]


def render_identical(lang: str, plan: Plan, as_json: bool) -> None:
    if as_json:
        emit_json(diff_dict(plan, False, None))
    else:
        echo(label("update.identical", lang).format(source=plan.source))


def render_update_result(lang: str, plan: Plan, path: str | None, as_json: bool) -> None:
    """What `update` did: the JSON report, or a line saying where the new edition went."""
    if as_json:
        emit_json(diff_dict(plan, path is not None, path))
    elif path:
        echo(label("update.applied", lang).format(path=path))
        echo(label("update.switch_back", lang))
    else:
        echo(label("update.unchanged", lang))


# -- editions ----------------------------------------------------------------------------------


def render_active(lang: str, path: str) -> None:
    echo(label("editions.active", lang).format(path=path))


def editions_list(items: list[EditionInfo]) -> list[dict[str, Any]]:
    return [
        {"id": e.id, "path": e.path, "active": e.active, "previous": e.previous,
         "builtin": e.builtin, "date": e.date, "topics": e.topics, "resources": e.resources}
        for e in items
    ]  # fmt: skip


def render_editions(lang: str, items: list[EditionInfo]) -> None:
    """One edition a line: which is active, its id, the course's date and size, and where it
    comes from (built in, or the file `update` stored)."""
    id_width = max((len(e.id) for e in items), default=0)  # downloaded ids are long
    date_width = max((len(e.date) for e in items), default=0)
    for e in items:
        state = label("editions.active_mark", lang) if e.active else (
            label("editions.previous_mark", lang) if e.previous else "")  # fmt: skip
        size = label("editions.size", lang).format(topics=e.topics, resources=e.resources)
        where = label("editions.builtin", lang) if e.builtin else e.path
        line = (
            f"{pad(state, 10)} {e.id:<{id_width}}  {e.date:<{date_width}}  {pad(size, 24)} {where}"
        )
        echo(one_line(line).rstrip())
