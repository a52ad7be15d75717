"""What every command shares: the chosen language and the active course, loaded on first use."""

from __future__ import annotations

import os
from pathlib import Path

from llmcourse import config, paths
from llmcourse.course.model import Course
from llmcourse.i18n import locale_lang, normalize_lang
from llmcourse.progress.model import State


def choose_lang(option: str | None, warn: bool = True) -> str:
    """--lang (or LLMCOURSE_LANG), else the config's `lang`, else the locale, else English.
    A config `lang` llmcourse does not speak is warned about (once per run: callers other than
    the root command, such as completion or a pre-scan of argv, pass warn=False)."""
    if option:
        lang = normalize_lang(option)
        if lang is None:
            import typer

            raise typer.BadParameter(
                f"{option!r} is not a language: use en or zh-TW", param_hint="--lang"
            )
        return lang
    configured = config.load().get("lang")
    if configured is None:
        return locale_lang()
    if isinstance(configured, str) and (lang := normalize_lang(configured)):
        return lang
    fallback = locale_lang()
    if warn:
        _warn_unknown_config_lang(configured, fallback)
    return fallback


def _warn_unknown_config_lang(value: object, fallback: str) -> None:
    """One warning, in both languages (which one the user reads is what is in doubt)."""
    from llmcourse.i18n import label
    from llmcourse.textsafe import one_line
    from llmcourse.views.output import warn

    params = {"value": one_line(repr(value)), "path": paths.resolve().config, "lang": fallback}
    warn("\n".join(label("lang.config_unknown", lang).format(**params) for lang in ("en", "zh-TW")))


def active_course_path(option: Path | None) -> Path:
    """--course (or LLMCOURSE_COURSE), else the edition chosen (`update`, `editions --use`),
    else the newest built-in edition."""
    if option is not None:
        return option
    configured = config.load().get("course")
    if isinstance(configured, str) and configured:
        return paths.builtin_setting_path(configured) or Path(configured)
    return paths.builtin_edition_dir(paths.default_builtin())


class Session:
    """What a command's run shares: its language, and the course and state, each read once."""

    def __init__(self, lang: str, course_option: Path | None = None) -> None:
        self.lang = lang
        self.course_option = course_option
        self._course: Course | None = None
        self._state: State | None = None

    def course(self) -> Course:
        if self._course is None:
            from llmcourse.course.load import load_course

            cache = None if os.environ.get("LLMCOURSE_NO_CACHE") else paths.resolve().cache
            self._course = load_course(active_course_path(self.course_option), cache)
            if self.lang not in self._course.languages:
                # e.g. --lang zh-TW with an English edition from `update`: say so, once.
                from llmcourse.i18n import label
                from llmcourse.views.output import warn

                warn(label("fallback", self.lang))
        return self._course

    def state(self) -> State:
        """The learner's progress, read once per command (StateError if the file is damaged)."""
        if self._state is None:
            from llmcourse.progress import store

            self._state = store.read()
        return self._state

    def reread_state(self) -> State:
        """Read the state file again (a long-running `browse`, after a change); when that
        fails (StateError), the state read before stays."""
        from llmcourse.progress import store

        self._state = store.read()
        return self._state

    def statuses(self) -> dict[str, str]:
        """Each marked topic, resource or notebook id -> its status (unmarked ids are todo)."""
        return self.state().statuses()

    def notes_for(self, node_id: str) -> list[dict[str, str]]:
        """The node's notes, oldest first: {"id", "text", "created"} (ISO 8601, UTC)."""
        from llmcourse.progress.model import jsonable

        return [
            {"id": nid, "text": n.text, "created": jsonable(n.created)}
            for nid, n in self.state().live_notes(node_id)
        ]
