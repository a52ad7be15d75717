"""User settings, in config.toml: `lang`, `browser`, `course` and `previous_course` (the active
and the last edition), `update_source`."""

from __future__ import annotations

import tomllib
from typing import Any

from llmcourse import paths
from llmcourse.errors import LlmcourseError


def load() -> dict[str, Any]:
    """The settings, or {} when there is no config file. A broken file is an error, not ignored."""
    file = paths.resolve().config
    try:
        with file.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        return {}
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise LlmcourseError(f"{file}: cannot read the settings: {e}") from None


def save(settings: dict[str, Any]) -> None:
    """Write the settings atomically (temporary file, fsync, rename)."""
    import tomli_w

    from llmcourse.fsutil import atomic_write

    file = paths.resolve().config
    try:
        atomic_write(file, tomli_w.dumps(settings).encode("utf-8"))
    except OSError as e:
        raise LlmcourseError(f"{file}: cannot write the settings: {e.strerror or e}") from None


def update(**changes: Any) -> None:
    """Set (or, with None, remove) settings."""
    settings = load()
    for key, value in changes.items():
        if value is None:
            settings.pop(key, None)
        else:
            settings[key] = value
    save(settings)
