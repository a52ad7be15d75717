"""Where llmcourse keeps its files. Resolved when called, never at import, so tests can set
LLMCOURSE_HOME after importing."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP = "llmcourse"


@dataclass
class Paths:
    state: Path  # the progress file
    config: Path  # the settings file
    cache: Path  # cache folder (parsed course, link results)
    data: Path  # user data folder (state, backups, downloaded editions)

    def as_dict(self) -> dict[str, str]:
        return {k: str(v) for k, v in vars(self).items()}


def resolve() -> Paths:
    home = os.environ.get("LLMCOURSE_HOME")
    if home:
        root = Path(home).expanduser()
        data_dir, config_dir, cache_dir = root, root, root / "cache"
    else:
        import platformdirs

        data_dir = Path(platformdirs.user_data_dir(APP, appauthor=False))
        config_dir = Path(platformdirs.user_config_dir(APP, appauthor=False))
        cache_dir = Path(platformdirs.user_cache_dir(APP, appauthor=False))
    return Paths(
        state=data_dir / "state.toml",
        config=config_dir / "config.toml",
        cache=cache_dir,
        data=data_dir,
    )


# The editions shipped in the wheel: edition -> its folder under data/. The first is the one the
# setting "builtin" has always meant; a home that never chose starts on the newest (or on
# LLMCOURSE_BUILTIN, for tests). A test checks each folder's course.toml says the same edition.
BUILTIN_EDITIONS = {"2024-01-29": "course", "2026-02-04": "course-2026-02-04"}
NEWEST_BUILTIN = max(BUILTIN_EDITIONS)


def default_builtin() -> str:
    """The built-in edition a home without a chosen course uses."""
    wanted = os.environ.get("LLMCOURSE_BUILTIN", "")
    return wanted if wanted in BUILTIN_EDITIONS else NEWEST_BUILTIN


def builtin_edition_dir(edition: str) -> Path:
    return builtin_course_dir().parent / BUILTIN_EDITIONS[edition]


def builtin_setting_path(setting: str) -> Path | None:
    """The folder a `course` setting names when it names a built-in edition ("builtin" is the
    first one, as it has always been; "builtin:2026-02-04" names one); None otherwise."""
    if setting == "builtin":
        return builtin_course_dir()
    if setting.startswith("builtin:") and setting[8:] in BUILTIN_EDITIONS:
        return builtin_edition_dir(setting[8:])
    return None


def builtin_course_dir() -> Path:
    """The course shipped in the wheel (llmcourse/data), or the checkout's data/ folder."""
    here = Path(__file__).resolve().parent
    installed = here / "data" / "course"
    if installed.is_dir():
        return installed
    return here.parent.parent / "data" / "course"
