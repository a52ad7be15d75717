"""The browser: the course tree on the left, the selected item's detail on the right (below
on a narrow terminal), progress in the header, the keys in the footer.

Every change goes through `progress.store.update` and `progress.ops`, as `llmcourse done`
does (lock, atomic write, undo history). A change made by another command shows within a
second: a timer looks at the state file's size and time of change twice a second.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, ClassVar, TypeVar

from textual.app import App, ComposeResult, SuspendNotSupported
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Static, Tree

from llmcourse.cli.session import Session
from llmcourse.course.search import Hit
from llmcourse.errors import LlmcourseError
from llmcourse.i18n import label, set_lang
from llmcourse.textsafe import sanitize
from llmcourse.tui import render
from llmcourse.tui.keys import FILTERS
from llmcourse.tui.render import Item
from llmcourse.tui.screens import HelpScreen, SearchScreen
from llmcourse.tui.tree import CourseTree

T = TypeVar("T")
POLL_SECONDS = 0.5  # how often to look for changes made by other commands
NARROW = 80  # below this width the detail goes under the tree

CSS = """
#header { height: 1; padding: 0 1; background: $panel; }
#footer { height: auto; max-height: 2; padding: 0 1; background: $panel; }
#body { height: 1fr; }
#tree { width: 45%; min-width: 30; overflow-x: hidden; }
#detail-pane { width: 1fr; padding: 0 1; border-left: vkey $panel; }
BrowseScreen.narrow #body { layout: vertical; }
BrowseScreen.narrow #tree { width: 100%; height: 1fr; }
BrowseScreen.narrow #detail-pane { width: 100%; height: 1fr; border-left: none;
                                   border-top: hkey $panel; }
HelpScreen, SearchScreen { align: center middle; }
#help { width: 72; max-width: 100%; height: auto; max-height: 100%; padding: 0 1;
        border: round $accent; background: $surface; }
#search { width: 90; max-width: 100%; height: 80%; padding: 0 1;
          border: round $accent; background: $surface; }
#hits { height: 1fr; }
"""


class BrowseScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("d", "mark('done')", show=False),
        Binding("s", "mark('start')", show=False),
        Binding("k", "mark('skip')", show=False),
        Binding("r", "mark('reset')", show=False),
        Binding("u", "undo", show=False),
        Binding("o", "open", show=False),
        Binding("n", "note", show=False),
        Binding("f", "filter", show=False),
        Binding("l", "lang", show=False),
        Binding("slash", "search", show=False),
        Binding("question_mark", "help", show=False),
        Binding("q", "quit", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.course = session.course()
        self.status_filter: str | None = None
        self._stamp: tuple[int, int] | None = None
        self._index: Any = None
        self._dead: Any = None
        self._shown: Item | None = None  # the item whose detail is drawn

    # --- layout and drawing ------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Static(id="header")
        with Horizontal(id="body"):
            yield CourseTree()
            with VerticalScroll(id="detail-pane"):
                yield Static(id="detail")
        yield Static(id="footer")

    @property
    def course_tree(self) -> CourseTree:
        return self.query_one(CourseTree)

    @property
    def lang(self) -> str:
        return self.session.lang

    def on_mount(self) -> None:
        self._stamp = _stamp()
        self._fill(expanded=set())
        start = self._next_topic()
        self._draw(start)
        if start is not None:
            node = self.course_tree.find(start)
            if node is not None:
                self.course_tree.go_to(node)
        self.course_tree.focus()
        self.set_interval(POLL_SECONDS, self.poll)

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW, "narrow")

    def _labeler(self) -> Callable[[Item], Any]:
        """Tree labels for the state as last read."""
        course, lang, statuses = self.course, self.lang, self.session.statuses()
        return lambda item: render.item_label(course, item, lang, statuses)

    def _fill(self, expanded: set[str]) -> None:
        statuses, wanted = self.session.statuses(), self.status_filter

        def shown(topic_id: str) -> bool:
            return wanted is None or statuses.get(topic_id, "todo") == wanted

        self.course_tree.fill(self.course, self._labeler(), shown, expanded)

    def _next_topic(self) -> Item | None:
        """Where the browser opens: the topic `llmcourse next` names."""
        from llmcourse.progress.rollup import next_topic

        chosen = next_topic(self.course, self.session.statuses())
        return Item("topic", chosen.id, chosen.id) if chosen else None

    def _draw(self, item: Item | None = None) -> None:
        """Header, footer and detail (of `item`, else the selected one), from the state as
        last read."""
        from llmcourse.progress.model import now
        from llmcourse.progress.rollup import summarize

        summary = summarize(self.course, self.session.state(), now())
        self.query_one("#header", Static).update(
            render.header(self.course, self.lang, summary, self.status_filter)
        )
        self.query_one("#footer", Static).update(render.footer(self.lang))
        item = item or self.selected()
        self._shown = None  # drawn anew: the state or the language changed
        self._show_detail(item)

    def _show_detail(self, item: Item | None = None) -> None:
        """Draw the detail of `item` (else the selected one), unless it is already drawn."""
        item = item or self.selected()
        if item is None or item == self._shown:
            return
        self._shown = item
        pane = self.query_one("#detail", Static)
        if self._dead is None:
            from llmcourse.net import linkcache

            self._dead = {u: r for u, r in linkcache.load().items()
                          if r.get("status") in linkcache.DEAD}  # fmt: skip
        notes = self.session.notes_for(item.id) if item.markable else []
        pane.update(
            render.detail(self.course, item, self.lang, self.session.state(), notes, self._dead)
        )

    def selected(self) -> Item | None:
        """The item under the cursor; before the tree has placed its cursor (right after
        start), the one whose detail is shown."""
        node = self.course_tree.cursor_node
        return node.data if node is not None else self._shown

    def on_tree_node_highlighted(self, _: Tree.NodeHighlighted[Item]) -> None:
        if self.selected() != self._shown:
            self._show_detail()
            self.query_one("#detail-pane").scroll_home(animate=False)

    # --- the state, and changes made elsewhere -------------------------------------------

    def poll(self) -> None:
        """Reload when another command changed the state file."""
        if _stamp() != self._stamp:
            self.reload()

    def reload(self) -> None:
        """Read the state file again and redraw what depends on it."""
        from llmcourse.errors import StateError

        self._stamp = _stamp()
        try:
            self.session.reread_state()
        except StateError as e:
            self._say(label("tui.state_error", self.lang).format(error=e.message), error=True)
            return
        if self.status_filter is None:
            self.course_tree.relabel(self._labeler())
        else:  # a topic may have left (or joined) the filtered set
            self._refill()
        self._draw()

    def _refill(self) -> None:
        """Rebuild the tree, keeping the open topics and the cursor where they can be kept."""
        tree, at = self.course_tree, self.selected()
        self._fill(self.course_tree.expanded_topics())
        fallbacks = [at] if at else []
        if at and at.topic_id:
            fallbacks.append(Item("topic", at.topic_id, at.topic_id))
        for item in fallbacks:
            node = tree.find(item)
            if node is not None:
                tree.go_to(node)
                break

    def _say(self, text: str, error: bool = False) -> None:
        self.notify(sanitize(text), severity="error" if error else "information", markup=False)

    @contextmanager
    def _reporting(self) -> Iterator[None]:
        """A user-facing error becomes a notification instead of ending the browser."""
        try:
            yield
        except LlmcourseError as e:
            self._say(" ".join([e.message, *e.details]), error=True)

    def _picked(self) -> Item | None:
        item = self.selected()
        if item is None or not item.markable:
            self._say(label("tui.pick_item", self.lang))
            return None
        return item

    def _change(self, change: Callable[[Any, Any], Any]) -> Any:
        """Apply `change(state, when)` through the store (lock, atomic write, history)."""
        from llmcourse.progress import store
        from llmcourse.progress.model import now

        when = now()
        result = store.update(lambda state: change(state, when))
        self.reload()
        return result

    # --- the keys ------------------------------------------------------------------------

    def action_mark(self, op: str) -> None:
        from llmcourse.progress import ops
        from llmcourse.views.history_view import outcome_line

        item = self._picked()
        if item is None:
            return
        with self._reporting():
            target = ops.Target(item.kind, item.id)
            outcomes = self._change(lambda state, when: ops.mark(state, op, [target], when))
            line = outcome_line(self.course, self.lang, op, outcomes[0])
            hint = f" {label('tui.undo_hint', self.lang)}" if outcomes[0].changed else ""
            self._say(line + hint)

    def action_undo(self) -> None:
        from llmcourse.progress import ops
        from llmcourse.progress.model import jsonable

        with self._reporting():
            event = self._change(ops.undo)
            at = jsonable(event.at)
            self._say(label("undo.head", self.lang).format(op=event.op, at=at).rstrip("：:"))

    def action_open(self) -> None:
        from llmcourse.cli.browse import no_browser_reason, url_to_open

        item = self._picked()
        if item is None:
            return
        with self._reporting():
            url = url_to_open(self.session, item.id, None, False)
            if reason := no_browser_reason():
                self._say(label("tui.no_browser", self.lang).format(why=reason, url=url))
            elif self._launch(url):
                self._say(label("open.opening", self.lang).format(url=url))
            else:
                self._say(label("tui.open_failed", self.lang).format(url=url), error=True)

    def _launch(self, url: str) -> bool:
        from llmcourse.cli.browse import launch, named_browser

        if named_browser():  # perhaps a terminal browser: it gets the terminal
            return self._with_terminal(lambda: launch(url))
        return launch(url)

    def action_note(self) -> None:
        from llmcourse.cli.track import from_editor
        from llmcourse.progress import ops
        from llmcourse.views.history_view import describe

        item = self._picked()
        if item is None:
            return
        with self._reporting():
            text = self._with_terminal(from_editor)
            self._change(lambda state, when: ops.add_note(state, item.id, text, when))
            node = describe(self.course, self.lang, item.id)
            self._say(label("tui.note_saved", self.lang).format(node=node))

    def _with_terminal(self, work: Callable[[], T]) -> T:
        """Run `work` with the terminal handed over to it (an editor, a browser the user
        named, which may be a terminal one), the browser suspended meanwhile."""
        try:
            with self.app.suspend():
                return work()
        except SuspendNotSupported:  # no terminal to hand over (a headless test)
            return work()

    def action_filter(self) -> None:
        self.status_filter = FILTERS[(FILTERS.index(self.status_filter) + 1) % len(FILTERS)]
        self._refill()
        self._draw()

    def action_lang(self) -> None:
        self.session.lang = "zh-TW" if self.lang == "en" else "en"
        set_lang(self.session.lang)
        self.course_tree.relabel(self._labeler())
        self._draw()

    def action_help(self) -> None:
        self.app.push_screen(HelpScreen(self.lang))

    def action_search(self) -> None:
        self.app.push_screen(SearchScreen(self.course, self.lang, self._find), self.jump)

    def _find(self, text: str, limit: int) -> list[Hit]:
        from llmcourse.cli.browse import search_index
        from llmcourse.course.search import search

        if self._index is None:
            self._index = search_index(self.session)
        return search(self._index, text, limit)

    def jump(self, hit: Hit | None) -> None:
        """Put the cursor on a search hit (a concept's hit: its topic)."""
        if hit is None:
            return
        if hit.kind in ("topic", "concept"):
            item = Item("topic", hit.topic_id, hit.topic_id)
        else:
            item = Item(hit.kind, hit.id, hit.topic_id)
        node = self.course_tree.find(item)
        if node is None and self.status_filter is not None:
            self.status_filter = None
            self._refill()
            self._draw()
            self._say(label("tui.filter_cleared", self.lang))
            node = self.course_tree.find(item)
        if node is not None:
            self.course_tree.go_to(node)
        self.course_tree.focus()

    def action_quit(self) -> None:
        self.app.exit()


def _stamp() -> tuple[int, int] | None:
    """The state file's time of change and size (None while there is none)."""
    from llmcourse.progress import store

    try:
        st = store.state_path().stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


class BrowseApp(App[None]):
    CSS = CSS
    TITLE = "llmcourse"
    ENABLE_COMMAND_PALETTE = False

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        set_lang(session.lang)

    def get_default_screen(self) -> Screen[Any]:
        return BrowseScreen(self.session)
