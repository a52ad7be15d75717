"""User settings, in config.toml: `lang`, `browser`, `course` and `previous_course` (the active
and the last edition), `update_source`."""

from __future__ import annotations

import os
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

    file = paths.resolve().config
    file.parent.mkdir(parents=True, exist_ok=True)
    tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    try:
        with tmp.open("wb") as f:
            tomli_w.dump(settings, f)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, file)
    finally:
        tmp.unlink(missing_ok=True)


def update(**changes: Any) -> None:
    """Set (or, with None, remove) settings."""
    settings = load()
    for key, value in changes.items():
        if value is None:
            settings.pop(key, None)
        else:
            settings[key] = value
    save(settings)
