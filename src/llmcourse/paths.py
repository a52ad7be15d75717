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


def builtin_course_dir() -> Path:
    """The course shipped in the wheel (llmcourse/data), or the checkout's data/ folder."""
    here = Path(__file__).resolve().parent
    installed = here / "data" / "course"
    if installed.is_dir():
        return installed
    return here.parent.parent / "data" / "course"
