"""Export files (JSON, TOML) and reading them back for `import`.

An export holds the whole state (marks, notes, history) in the state file's own shape, so
importing it on another machine loses nothing. Markdown exports are for people (views).
"""

from __future__ import annotations

import json
import re
import tomllib
from datetime import datetime
from pathlib import Path
from typing import Any

from llmcourse.course.model import LANGUAGES
from llmcourse.errors import LlmcourseError
from llmcourse.i18n import label, msg
from llmcourse.progress.model import State, jsonable, state_data, utc
from llmcourse.progress.nesting import MAX_DEPTH, too_deep
from llmcourse.progress.store import MAX_BYTES, from_raw

FORMATS = ("json", "toml", "markdown")


def to_json(state: State, when: datetime) -> str:
    data = {**jsonable(state_data(state)), "exported_at": jsonable(utc(when))}
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_toml(state: State, when: datetime) -> str:
    import tomli_w

    return f"# llmcourse progress, exported {jsonable(utc(when))}\n" + tomli_w.dumps(
        state_data(state)
    )


# What `export -o FILE` writes when --format does not say: the file's extension decides.
EXTENSIONS = {".json": "json", ".toml": "toml", ".md": "markdown", ".markdown": "markdown",
              ".txt": "markdown"}  # fmt: skip


def format_for(path: Path | None) -> str:
    """The export format a file name asks for (JSON when it says nothing)."""
    return EXTENSIONS.get(path.suffix.lower(), "json") if path is not None else "json"


def write_text(path: Path, text: str) -> None:
    """Write an export; the folder must exist (a typo in it is an error, not a new folder)."""
    from llmcourse.fsutil import atomic_write

    if not path.parent.is_dir():
        raise LlmcourseError(msg("export.no_folder", path=path, folder=path.parent))
    try:
        atomic_write(path, text.encode("utf-8"), make_parents=False)
    except OSError as e:
        raise LlmcourseError(msg("export.cannot_write", path=path, why=e.strerror or e)) from None


CHECKLIST_TITLE = "export.title"  # the label that opens a Markdown checklist, in any language


def checklist_heading(lang: str) -> str:
    """How a Markdown checklist's first line begins in `lang` (the course's title follows)."""
    return f"# {label(CHECKLIST_TITLE, lang)} — "


def is_checklist(text: str) -> bool:
    """Whether `text` is a Markdown checklist, whichever language it was exported in (a file
    named .txt says nothing about its format)."""
    return any(text.startswith(checklist_heading(lang)) for lang in LANGUAGES)


def read_export(path: Path) -> State:
    """The State in an export file (JSON or TOML), or an error naming the file and the problem."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise LlmcourseError(msg("import.too_big", path=path, limit=f"{MAX_BYTES:,}"))
        data = path.read_bytes()
    except FileNotFoundError:
        raise LlmcourseError(msg("import.no_file", path=path)) from None
    except OSError as e:
        raise LlmcourseError(msg("import.cannot_read", path=path, why=e.strerror or e)) from None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise LlmcourseError(msg("import.not_utf8", path=path)) from None
    stripped = text.lstrip()
    if path.suffix.lower() in (".md", ".markdown") or is_checklist(stripped):
        raise LlmcourseError(msg("import.markdown", path=path), [msg("import.markdown_hint")])
    if too_deep(text):
        raise LlmcourseError(f"{path}: {msg('state.too_deep', depth=MAX_DEPTH)}")
    raw: Any
    try:
        if path.suffix.lower() == ".json" or stripped.startswith("{"):
            raw = json.loads(text)
        else:
            raw = tomllib.loads(text)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as e:
        raise LlmcourseError(msg("import.cannot_parse", path=path, why=e)) from None
    if not isinstance(raw, dict):
        raise LlmcourseError(msg("import.not_object", path=path))
    raw.pop("exported_at", None)
    return from_raw(raw, path, empty=not stripped, export=True).state


def file_source(path: Path) -> str:
    """The source named in imported entries when the export has no device id (older exports):
    "file:" and the file's name, reduced to the characters an id may hold."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", path.name).strip("-.") or "export"
    return f"file:{name[:100]}"
