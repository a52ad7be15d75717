"""User settings, in config.toml: `lang`, `browser`, `course` and `previous_course` (the active
and the last edition), `update_source`, `review_limit`, and for sync `sync_remote` or
`sync_folder` (where) and `device_name` (this machine's name in its device file).

`load` returns the file as written; `problems` says which values are of the wrong kind (the
root command warns about them once; the code reading a setting ignores a bad value);
`check_value` validates what `llmcourse config set` writes.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from llmcourse import paths
from llmcourse.errors import LlmcourseError, UsageError


class Key:
    __slots__ = ("default", "kind")

    def __init__(self, kind: type, default: Any) -> None:
        self.kind = kind  # str or int
        self.default = default  # what a missing or bad value means (None: not set)


# What each is for is the label `config.help.<key>` (i18n).
KEYS: dict[str, Key] = {
    "lang": Key(str, None),
    "browser": Key(str, None),
    "course": Key(str, "builtin"),
    "previous_course": Key(str, None),
    "update_source": Key(str, None),
    "review_limit": Key(int, 20),
    "sync_remote": Key(str, None),
    "sync_folder": Key(str, None),
    "device_name": Key(str, None),
}


def config_file() -> Path:
    return paths.resolve().config


def load() -> dict[str, Any]:
    """The settings, or {} when there is no config file. A broken file is an error that names
    the file and the line, not ignored."""
    file = config_file()
    try:
        with file.open("rb") as f:
            return tomllib.load(f)
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as e:
        raise LlmcourseError(_msg("config.bad_toml", file=_where(file, e), why=e)) from None
    except (OSError, UnicodeDecodeError) as e:
        raise LlmcourseError(_msg("config.unreadable", file=file, why=e)) from None


def _where(file: Path, e: tomllib.TOMLDecodeError) -> str:
    """`file, line N` (Python 3.11's TOMLDecodeError says the line only in its message)."""
    line = getattr(e, "lineno", None)
    if line is None and (m := re.search(r"at line (\d+)", str(e))):
        line = int(m.group(1))
    return f"{file}, line {line}" if line else str(file)


def _msg(key: str, **params: object) -> str:
    from llmcourse.i18n import msg

    return msg(key, **params)


def problems(settings: dict[str, Any]) -> list[str]:
    """One line per value of the wrong kind (`lang = 3`, `lang = "fr"`); unknown keys are left
    alone (a newer llmcourse may have written them)."""
    found = []
    for name, value in settings.items():
        if name in KEYS:
            try:
                check_value(name, value)
            except LlmcourseError as e:
                found.append(_msg("config.ignored", file=config_file(), why=e.message))
    return found


def diagnose() -> tuple[list[str], bool]:
    """For `doctor`: what is wrong with config.toml, and whether it is broken (unreadable)
    rather than merely holding values that are ignored."""
    try:
        return problems(load()), False
    except LlmcourseError as e:
        return [e.message], True


def check_value(name: str, value: Any) -> Any:
    """`value` as `name` stores it (a language normalised, a number from its text); UsageError
    naming the valid keys or values otherwise."""
    from llmcourse.i18n import normalize_lang

    key = check_key(name)
    if key.kind is int:
        number = value if isinstance(value, int) and not isinstance(value, bool) else None
        if isinstance(value, str) and value.strip().isdecimal():
            number = int(value)
        if number is None or number < 1:
            raise UsageError(_msg("config.bad_int", setting=name, value=value))
        return number
    if not isinstance(value, str):
        raise UsageError(_msg("config.bad_text", setting=name, value=value))
    if name == "sync_remote":
        from llmcourse.sync.urls import checked

        return checked(value)  # no option injection, no ext::, no password; a path made absolute
    if name == "sync_folder":
        return str(Path(value).expanduser().resolve())
    if name == "lang":
        lang = normalize_lang(value)
        if lang is None:
            raise UsageError(_msg("config.bad_lang", value=value))
        return lang
    return value


def check_key(name: str) -> Key:
    """The known setting `name` (UsageError listing the known ones otherwise)."""
    if name not in KEYS:
        raise UsageError(_msg("config.unknown_key", setting=name, keys=", ".join(KEYS)))
    return KEYS[name]


def get(name: str) -> Any:
    """A setting's valid value, else its default (a bad value is ignored: `problems` says so)."""
    value = load().get(name)
    try:
        return check_value(name, value) if value is not None else KEYS[name].default
    except LlmcourseError:
        return KEYS[name].default


def save(settings: dict[str, Any]) -> None:
    """Write the settings atomically (temporary file, fsync, rename)."""
    import tomli_w

    from llmcourse.fsutil import atomic_write

    file = config_file()
    try:
        atomic_write(file, tomli_w.dumps(settings).encode("utf-8"))
    except OSError as e:
        raise LlmcourseError(_msg("config.unwritable", file=file, why=e.strerror or e)) from None


def update(**changes: Any) -> None:
    """Set (or, with None, remove) settings."""
    settings = load()
    for key, value in changes.items():
        if value is None:
            settings.pop(key, None)
        else:
            settings[key] = value
    save(settings)
