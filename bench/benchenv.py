"""The environment every benchmark runs llmcourse in: the user's, less any llmcourse setting
(and XDG folder) that would point it elsewhere, in a UTF-8 locale."""

from __future__ import annotations

import os


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LLMCOURSE_", "XDG_"))}
    env["LANG"] = "C.UTF-8"
    env.update(extra)
    return env
