"""Snapshots of the browser's screens (pytest-textual-snapshot), in both languages and two sizes.

A fixed clock and a home seeded with fixed times make them reproducible. After an intended
change of the screens: `python -m pytest tests/test_browse_snapshots.py --snapshot-update`, then
look at the SVG files in tests/__snapshots__/ before committing them.
"""

from __future__ import annotations

from datetime import datetime

import pytest

from llmcourse.cli.session import Session
from llmcourse.progress import ops, store
from llmcourse.progress.model import State
from llmcourse.tui.app import BrowseApp

SIZES = [(80, 24), (120, 40)]
LANGS = ["en", "zh-TW"]


@pytest.fixture(autouse=True)
def seeded_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLMCOURSE_NOW", "2026-11-28T12:00:00+00:00")
    monkeypatch.delenv("NO_COLOR", raising=False)  # snapshots in colour, as people see them
    day = datetime.fromisoformat("2026-11-27T09:00:00+00:00")

    def seed(state: State) -> None:
        ops.mark(state, "done", [ops.Target("topic", "mathematics")], day)
        ops.mark(state, "start", [ops.Target("topic", "python")], day)
        ops.add_note(state, "python", "Work through the NumPy chapter again.", day)

    store.update(seed)


def app(lang: str) -> BrowseApp:
    return BrowseApp(Session(lang=lang))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("lang", LANGS)
def test_main_screen(snap_compare, lang: str, size: tuple[int, int]) -> None:
    assert snap_compare(app(lang), terminal_size=size)


@pytest.mark.parametrize("lang", LANGS)
def test_topic_opened_on_a_resource(snap_compare, lang: str) -> None:
    assert snap_compare(app(lang), press=["down", "enter", "down"], terminal_size=(120, 40))


@pytest.mark.parametrize("lang", LANGS)
def test_keys_screen(snap_compare, lang: str) -> None:
    assert snap_compare(app(lang), press=["question_mark"], terminal_size=(80, 24))


def test_narrow_terminal(snap_compare) -> None:
    assert snap_compare(app("en"), terminal_size=(60, 20))
