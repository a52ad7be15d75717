"""Where editions live, and the files that say which one is active.

- `<data>/editions/<edition-id>/course.toml`: an edition `update` stored (one TOML file in
  the format `load.py` reads), written with `fsutil.atomic_write` once it validates.
- `<data>/editions/registry.json`: the identity registry (see `course/idmatch.py`): every id
  the built-in editions and every update gave, with what identifies its item.
- The config key `course` names the active edition (`builtin`, a built-in edition's folder, or
  a stored edition's course.toml); `previous_course` the one before, to switch back.

Built-in editions are the folders under the package's `data/` that hold a `course.toml`
(`data/course/` is the default one); each is known by the `edition` its course.toml declares.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llmcourse import config, paths
from llmcourse.course.idmatch import Registry, seeded
from llmcourse.course.model import Course
from llmcourse.errors import CourseError, LlmcourseError, UsageError
from llmcourse.i18n import msg

REGISTRY_NAME = "registry.json"


def editions_dir() -> Path:
    return paths.resolve().data / "editions"


def registry_file() -> Path:
    return editions_dir() / REGISTRY_NAME


# -- built-in editions ---------------------------------------------------------------------------


def builtin_folders() -> list[Path]:
    """Every built-in edition's folder, oldest first (the order the registry is seeded in)."""
    return [paths.builtin_edition_dir(e) for e in sorted(paths.BUILTIN_EDITIONS)]


def builtin_courses() -> list[Course]:
    """The built-in editions, loaded (from the cache when it is fresh), in a fixed order."""
    from llmcourse.course.load import load_course

    cache = None if os.environ.get("LLMCOURSE_NO_CACHE") else paths.resolve().cache
    return [load_course(folder, cache) for folder in builtin_folders()]


# -- the registry --------------------------------------------------------------------------------


def former_urls() -> dict[str, list[str]]:
    """Resource id -> the links the course once gave it, where the data corrects the link
    (data/former-urls.toml; see CREDITS.md)."""
    import tomllib

    file = paths.builtin_course_dir().parent / "former-urls.toml"
    try:
        with file.open("rb") as f:
            table = tomllib.load(f).get("resources", {})
    except FileNotFoundError:
        return {}  # a data folder without corrections
    return {str(k): [str(u) for u in v] for k, v in table.items()}


def load_registry(builtins: list[Course] | None = None) -> Registry:
    """The built-in editions (the seed, always the same) and what updates recorded."""
    registry = seeded(builtin_courses() if builtins is None else builtins, former_urls())
    file = registry_file()
    try:
        data = json.loads(file.read_bytes())
    except (FileNotFoundError, NotADirectoryError):
        return registry  # nothing recorded yet
    except (OSError, ValueError) as e:
        raise LlmcourseError(msg("registry.unreadable", file=file, error=e)) from None
    if isinstance(data, dict):
        registry.merge_json(data)
    return registry


def save_registry(registry: Registry) -> None:
    from llmcourse.fsutil import atomic_write

    # Compact: json.dumps with an indent runs in Python, ten times slower for a big registry.
    data = json.dumps(registry.as_json(), ensure_ascii=False, separators=(",", ":")).encode()
    try:
        atomic_write(registry_file(), data)
    except OSError as e:
        raise LlmcourseError(msg("registry.unwritable", file=registry_file(), error=e)) from None


# -- storing ---------------------------------------------------------------------------------------


def install(edition: str, raw: dict[str, Any], registry: Registry) -> Path:
    """Check the edition reads back, write it atomically, record its ids, make it active."""
    import tomllib

    import tomli_w

    from llmcourse.course.load import validate_raw
    from llmcourse.fsutil import atomic_write

    header = b"# A course edition parsed from the course README by `llmcourse update`.\n"
    data = header + tomli_w.dumps(raw).encode("utf-8")
    path = editions_dir() / edition / "course.toml"
    try:
        validate_raw(tomllib.loads(data.decode("utf-8")), str(path))
    except CourseError as e:
        raise CourseError(msg("update.no_read_back", error=e.message), e.details) from None
    try:
        atomic_write(path, data)
    except OSError as e:
        raise LlmcourseError(msg("update.cannot_store", root=editions_dir(), error=e)) from None
    registry.record_raw(raw)
    save_registry(registry)
    _switch_to(str(path))
    return path


def _active_setting() -> str:
    value = config.load().get("course")
    return value if isinstance(value, str) and value else _builtin(paths.default_builtin())


def _builtin(edition: str) -> str:
    """The setting that names a built-in edition."""
    return f"builtin:{edition}"


def _same(a: str, b: str) -> bool:
    """Two settings that name the same course ("builtin" is the first built-in edition)."""
    return a == b or (paths.builtin_setting_path(a) or a) == (paths.builtin_setting_path(b) or b)


def _switch_to(target: str) -> None:
    current = _active_setting()
    if _same(current, target):
        return
    try:
        config.update(course=target, previous_course=current)
    except OSError as e:
        raise LlmcourseError(msg("settings.unwritable", error=e)) from None


# -- listing and switching ---------------------------------------------------------------------


@dataclass
class EditionInfo:
    id: str
    path: str  # its course.toml, or its folder for a built-in edition
    active: bool
    previous: bool
    builtin: bool = False
    date: str = ""  # the course's own date, when known
    topics: int = 0
    resources: int = 0


def list_editions() -> list[EditionInfo]:
    """The built-in editions, oldest first, then every edition `update` stored."""
    from llmcourse.course.load import load_course

    settings = config.load()
    active = _active_setting()
    previous = settings.get("previous_course")
    previous = previous if isinstance(previous, str) else ""
    cache = None if os.environ.get("LLMCOURSE_NO_CACHE") else paths.resolve().cache
    found: list[tuple[str, Path, bool]] = [
        (e, paths.builtin_edition_dir(e), True) for e in sorted(paths.BUILTIN_EDITIONS)
    ]
    root = editions_dir()
    if root.is_dir():
        folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
        found += [
            (f.name, f / "course.toml", False) for f in folders if (f / "course.toml").is_file()
        ]
    out = []
    for name, path, builtin in found:
        setting = _builtin(name) if builtin else str(path)
        info = EditionInfo(
            name,
            str(path),
            _same(active, setting),
            bool(previous) and _same(previous, setting),
            builtin,
        )
        try:
            course = load_course(path, cache)
        except LlmcourseError:
            out.append(info)  # listed, even when it no longer loads
            continue
        info.date, info.topics, info.resources = (
            course.edition,
            len(course.topics),
            len(course.resources),
        )
        out.append(info)
    return out


def switch(target: str) -> str:
    """Make `target` (builtin, previous, a built-in edition's name, or a stored edition id) the
    active course."""
    from llmcourse.course.load import read_course

    if target == "builtin":
        setting = _builtin(paths.NEWEST_BUILTIN)
    elif target in paths.BUILTIN_EDITIONS:
        setting = _builtin(target)
    elif target == "previous":
        setting = config.load().get("previous_course") or ""
        if not isinstance(setting, str) or not setting:
            raise UsageError(msg("editions.no_previous"))
    else:
        folder = editions_dir() / target
        if target.startswith(".") or "/" in target or not (folder / "course.toml").is_file():
            known = ", ".join(e.id for e in list_editions())
            raise UsageError(
                msg("editions.unknown", target=target), [msg("editions.known", names=known)]
            )
        setting = str(folder / "course.toml")
    if paths.builtin_setting_path(setting) is None:
        read_course(Path(setting))  # never switch to a course that does not load
    _switch_to(setting)
    return setting
