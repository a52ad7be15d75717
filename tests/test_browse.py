"""`browse`: every key through Textual's Pilot, with the state file as the witness."""

from __future__ import annotations

import asyncio
import stat
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from llmcourse.cli.session import Session
from llmcourse.progress import ops, store
from llmcourse.progress.model import now
from llmcourse.tui.app import BrowseApp, BrowseScreen
from llmcourse.tui.render import Item, detail
from llmcourse.tui.screens import HelpScreen, SearchScreen
from llmcourse.tui.tree import CourseTree

NOW = "2026-11-28T12:00:00+00:00"
Steps = Callable[[Any, BrowseApp], Awaitable[None]]


@pytest.fixture(autouse=True)
def fixed_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLMCOURSE_NOW", NOW)


def drive(steps: Steps, lang: str = "en", size: tuple[int, int] = (120, 40)) -> BrowseApp:
    """Run the browser headless, let `steps` press keys, return the app once it has closed."""
    app = BrowseApp(Session(lang=lang))

    async def go() -> None:
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await steps(pilot, app)

    asyncio.run(go())
    return app


def screen(app: BrowseApp) -> BrowseScreen:
    found = app.screen if isinstance(app.screen, BrowseScreen) else app.screen_stack[0]
    assert isinstance(found, BrowseScreen)
    return found


def selected(app: BrowseApp) -> Item | None:
    return screen(app).selected()


def status(node_id: str) -> str:
    return store.read().status(node_id)


def said(app: BrowseApp) -> str:
    return "\n".join(n.message for n in app._notifications)


def pane_text(app: BrowseApp, selector: str) -> str:
    """What a Static shows, as plain text."""
    console = Console(record=True, width=200, color_system=None)
    console.print(app.screen.query_one(selector).content)  # type: ignore[attr-defined]
    return console.export_text()


def shown_lines(app: BrowseApp) -> list[str]:
    """The tree's lines as drawn (only nodes whose branches are open)."""
    tree = screen(app).query_one(CourseTree)
    return [str(tree.get_node_at_line(i).label) for i in range(tree.last_line + 1)]  # type: ignore[union-attr]


def test_it_opens_with_parts_expanded_on_the_next_topic() -> None:
    store.update(lambda s: ops.mark(s, "done", [ops.Target("topic", "mathematics")], now()))

    async def steps(pilot: Any, app: BrowseApp) -> None:
        lines = shown_lines(app)
        assert lines[0].startswith("1. LLM Fundamentals")
        assert any(line.startswith("[x] 1.1") for line in lines)
        assert any("2.7" in line and "Quantization" in line for line in lines)
        assert not any(line.startswith("[ ] #1") for line in lines)  # topics start closed
        assert selected(app) == Item("topic", "python", "python")  # what `next` names
        header = pane_text(app, "#header")
        assert "5.3% (1/19)" in header and "streak 1 day" in header

    drive(steps)


def test_marking_keys_change_the_state_file() -> None:
    async def steps(pilot: Any, app: BrowseApp) -> None:
        assert selected(app) == Item("topic", "mathematics", "mathematics")
        for key, want in [("s", "in-progress"), ("d", "done"), ("k", "skipped"), ("r", "todo")]:
            await pilot.press(key)
            assert status("mathematics") == want, key
        await pilot.press("d")
        assert "[x] 1.1" in shown_lines(app)[1]
        assert "(u undoes)" in said(app)
        await pilot.press("u")
        assert status("mathematics") == "todo"
        await pilot.press("u")
        assert status("mathematics") == "skipped"  # then the reset is undone
        assert [e.op for e in store.read().events][-1] == "undo"

    drive(steps)


def test_moving_expanding_and_marking_a_resource() -> None:
    async def steps(pilot: Any, app: BrowseApp) -> None:
        await pilot.press("j")
        assert selected(app) == Item("topic", "python", "python")
        await pilot.press("up", "down", "down")
        assert selected(app) == Item("topic", "neural-networks", "neural-networks")
        await pilot.press("enter")  # expand
        await pilot.press("j")
        item = selected(app)
        assert item is not None and item.kind == "resource"
        await pilot.press("d")
        assert status(item.id) == "done"
        await pilot.press("s")  # a resource cannot be started: said, not crashed
        assert status(item.id) == "done"
        assert "done or skipped" in said(app)
        await pilot.press("up", "up")
        assert selected(app) == Item("topic", "python", "python")
        detail_text = pane_text(app, "#detail")
        assert "Python" in detail_text

    drive(steps)


def test_a_part_cannot_be_marked() -> None:
    async def steps(pilot: Any, app: BrowseApp) -> None:
        screen(app).query_one(CourseTree).move_cursor_to_line(0)
        await pilot.pause()
        part = selected(app)
        assert part is not None and part.kind == "part"
        await pilot.press("d")
        assert "Pick a topic" in said(app)
        assert not store.state_path().exists()

    drive(steps)


def test_the_filter_cycles_through_statuses() -> None:
    store.update(lambda s: ops.mark(s, "done", [ops.Target("topic", "python")], now()))

    async def steps(pilot: Any, app: BrowseApp) -> None:
        await pilot.press("f")  # todo
        header = pane_text(app, "#header")
        assert "filter: todo" in header
        assert not any("1.2" in line for line in shown_lines(app))
        await pilot.press("f", "f")  # in progress, then done
        topics = [line for line in shown_lines(app) if line.startswith("[")]
        assert topics and all(line.startswith("[x] 1.2") for line in topics)
        await pilot.press("f", "f")  # skipped, then all again
        assert "filter" not in pane_text(app, "#header")
        assert len([line for line in shown_lines(app) if line.startswith("[")]) == 19

    drive(steps)


def test_language_switch() -> None:
    async def steps(pilot: Any, app: BrowseApp) -> None:
        await pilot.press("l")
        assert app.session.lang == "zh-TW"
        assert "1. LLM 基礎" in shown_lines(app)[0]
        assert "略過" in pane_text(app, "#footer")
        await pilot.press("l")
        assert "1. LLM Fundamentals" in shown_lines(app)[0]

    drive(steps)


def test_search_as_you_type_and_jump() -> None:
    async def steps(pilot: Any, app: BrowseApp) -> None:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"gguf")
        await pilot.pause()
        hits = app.screen.hits
        assert hits, "no hits for gguf"
        await pilot.press("enter")
        await pilot.pause()
        item = selected(app)
        assert item is not None and item.topic_id == hits[0].topic_id
        if hits[0].kind not in ("topic", "concept"):
            assert item.id == hits[0].id
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"量化", "down", "enter")  # Chinese, and the second hit
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)

    drive(steps)


def test_search_jump_clears_a_filter_that_hides_the_hit() -> None:
    async def steps(pilot: Any, app: BrowseApp) -> None:
        await pilot.press("f", "f", "f")  # done: nothing is done
        assert not [line for line in shown_lines(app) if line.startswith("[")]
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"quantization", "enter")
        await pilot.pause()
        assert selected(app) == Item("topic", "quantization", "quantization")
        assert screen(app).status_filter is None
        assert "showing all topics" in said(app)

    drive(steps)


def test_help_and_quit() -> None:
    async def steps(pilot: Any, app: BrowseApp) -> None:
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("d")  # the keys of the browser do nothing under the help
        assert not store.state_path().exists()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, BrowseScreen)
        await pilot.press("q")
        await pilot.pause()

    app = drive(steps)
    assert app.return_code == 0


def test_note_in_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    editor = tmp_path / "fake-editor"
    script = "import sys\nopen(sys.argv[1], 'a').write('redo it\\n')\n"
    editor.write_text(f"#!{sys.executable}\n{script}")
    editor.chmod(editor.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("EDITOR", str(editor))

    async def steps(pilot: Any, app: BrowseApp) -> None:
        await pilot.press("n")
        await pilot.pause()
        notes = store.read().live_notes("mathematics")
        assert [n.text for _, n in notes] == ["redo it"]
        assert "Note saved" in said(app)
        assert "redo it" in pane_text(app, "#detail")

    drive(steps)


def test_a_failing_editor_saves_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDITOR", "false")

    async def steps(pilot: Any, app: BrowseApp) -> None:
        await pilot.press("n")
        await pilot.pause()
        assert "exited with code 1" in said(app)
        assert not store.state_path().exists()

    drive(steps)


def test_open_uses_the_open_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    from llmcourse.cli import browse

    opened: list[str] = []
    monkeypatch.setattr(browse, "no_browser_reason", lambda: None)
    monkeypatch.setattr(browse, "launch", lambda url: opened.append(url) or True)

    async def steps(pilot: Any, app: BrowseApp) -> None:
        await pilot.press("o")
        await pilot.press("enter", "j", "o")  # the topic's first resource
        assert "Opening" in said(app)

    drive(steps)
    assert opened[0] == "https://github.com/mlabonne/llm-course#1-mathematics-for-machine-learning"
    assert opened[1].startswith("https://") and len(opened) == 2


def test_open_without_a_browser_shows_the_url(monkeypatch: pytest.MonkeyPatch) -> None:
    from llmcourse.cli import browse

    monkeypatch.setattr(browse, "no_browser_reason", lambda: "no display")
    monkeypatch.setattr(browse, "launch", lambda url: pytest.fail("launched"))

    async def steps(pilot: Any, app: BrowseApp) -> None:
        await pilot.press("o")
        assert "No browser here (no display): https://github.com/mlabonne/llm-course#" in said(app)

    drive(steps)


def test_a_change_from_another_command_shows_within_a_second() -> None:
    async def steps(pilot: Any, app: BrowseApp) -> None:
        assert "[ ] 1.2" in shown_lines(app)[2]
        store.update(lambda s: ops.mark(s, "done", [ops.Target("topic", "python")], now()))
        await pilot.pause(1.0)
        assert "[x] 1.2" in shown_lines(app)[2]

    drive(steps)


def test_the_mouse_selects(monkeypatch: pytest.MonkeyPatch) -> None:
    async def steps(pilot: Any, app: BrowseApp) -> None:
        await pilot.click(CourseTree, offset=(10, 4))  # the fifth line: 1.4
        await pilot.pause()
        assert selected(app) == Item("topic", "nlp", "nlp")

    drive(steps)


def test_narrow_terminal_puts_the_detail_below() -> None:
    async def steps(pilot: Any, app: BrowseApp) -> None:
        assert app.screen.has_class("narrow")
        tree = app.screen.query_one(CourseTree).region
        pane = app.screen.query_one("#detail-pane").region
        assert pane.y > tree.y and pane.width >= 58

    drive(steps, size=(60, 20))


def test_text_reaches_the_screen_inert() -> None:
    """A note carrying an escape sequence and markup is drawn as plain, harmless text."""
    hostile = "[bold red]x[/bold red] \x1b]52;c;aGk=\x07 \x1b[2J end"
    store.update(lambda s: ops.add_note(s, "mathematics", hostile, now()))
    session = Session(lang="en")
    course = session.course()
    group = detail(course, Item("topic", "mathematics", "mathematics"), "en",
                   session.state(), session.notes_for("mathematics"), {})  # fmt: skip
    console = Console(record=True, width=100, color_system=None)
    console.print(group)
    text = console.export_text()
    assert "[bold red]x[/bold red]" in text and "end" in text
    assert "\x1b" not in text and "\x07" not in text


def test_browse_needs_a_terminal(run) -> None:
    result = run("browse")
    assert result.exit_code == 1
    assert "needs a terminal" in result.stderr


def test_a_damaged_state_file_is_an_error_before_the_screen(run) -> None:
    path = store.state_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("not = [toml", encoding="utf-8")
    result = run("browse")
    assert result.exit_code == 1
    assert "not valid TOML" in result.stderr


def test_a_named_browser_gets_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """BROWSER may be a terminal browser: the browser steps aside while it runs."""
    from llmcourse.cli import browse

    monkeypatch.setenv("BROWSER", "w3m")
    opened: list[str] = []
    monkeypatch.setattr(browse, "launch", lambda url: opened.append(url) or True)

    async def steps(pilot: Any, app: BrowseApp) -> None:
        handed: list[bool] = []
        original = screen(app)._with_terminal

        def spy(work: Any) -> Any:
            handed.append(True)
            return original(work)

        monkeypatch.setattr(screen(app), "_with_terminal", spy)
        await pilot.press("o")
        assert handed and opened

    drive(steps)


def test_a_state_file_damaged_meanwhile_is_said_and_survived() -> None:
    store.update(lambda s: ops.mark(s, "done", [ops.Target("topic", "python")], now()))

    async def steps(pilot: Any, app: BrowseApp) -> None:
        store.state_path().write_text("not = [toml", encoding="utf-8")
        await pilot.pause(1.0)
        assert "Cannot read your progress" in said(app)
        await pilot.press("down", "up")  # still browsing, on the state read before
        assert "[x] 1.2" in shown_lines(app)[2]

    drive(steps)


def test_a_click_on_a_key_in_the_footer_runs_it() -> None:
    async def steps(pilot: Any, app: BrowseApp) -> None:
        footer = pane_text(app, "#footer")
        await pilot.click("#footer", offset=(footer.index("d done") + 2, 0))
        await pilot.pause()
        assert status("mathematics") == "done"

    drive(steps)
