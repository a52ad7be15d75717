"""Where llmcourse keeps its files. Resolved when called, never at import, so tests can set
LLMCOURSE_HOME after importing."""

from __future__ import annotations

import os
from pathlib import Path

APP = "llmcourse"


class Paths:
    __slots__ = ("cache", "config", "data", "state")

    def __init__(self, state: Path, config: Path, cache: Path, data: Path) -> None:
        self.state = state  # the progress file
        self.config = config  # the settings file
        self.cache = cache  # cache folder (parsed course, link results)
        self.data = data  # user data folder (state, backups, downloaded editions)

    def as_dict(self) -> dict[str, str]:
        return {k: str(getattr(self, k)) for k in ("state", "config", "cache", "data")}


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
