"""The browser's pop-ups: the keys (`?`) and search-as-you-type (`/`)."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from llmcourse.course.model import Course
from llmcourse.course.search import Hit
from llmcourse.i18n import label
from llmcourse.textsafe import one_line
from llmcourse.tui.keys import HELP

SEARCH_LIMIT = 12


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", show=False),
        Binding("q", "dismiss", show=False),
        Binding("question_mark", "dismiss", show=False),
    ]

    def __init__(self, lang: str) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, what in HELP:
            table.add_row(keys, label(what, self.lang))
        with Vertical(id="help"):
            yield Static(Text(label("tui.help_title", self.lang), style="bold"))
            yield Static(table)
            yield Static(Text(label("tui.key.why_k", self.lang), style="dim"))
            yield Static(Text(label("tui.help_close", self.lang), style="dim"))


class SearchScreen(ModalScreen["Hit | None"]):
    AUTO_FOCUS = "#query"
    """An input and the hits for what it holds, refreshed at every keystroke; Enter returns
    the highlighted hit (the best one unless the arrows moved), Esc nothing."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss", show=False),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("up", "move(-1)", show=False, priority=True),
    ]

    def __init__(self, course: Course, lang: str, find: Callable[[str, int], list[Hit]]) -> None:
        super().__init__()
        self.course, self.lang, self.find = course, lang, find
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search"):
            yield Static(Text(label("tui.search_prompt", self.lang), style="bold"))
            yield Input(id="query")
            yield OptionList(id="hits")

    def on_input_changed(self, event: Input.Changed) -> None:
        text = event.value.strip()
        self.hits = self.find(text, SEARCH_LIMIT) if text else []
        hits = self.query_one("#hits", OptionList)
        hits.clear_options()
        if text and not self.hits:
            hits.add_option(
                Option(Text(label("tui.no_hits", self.lang), style="dim"), disabled=True)
            )
        hits.add_options(Option(self._line(h)) for h in self.hits)
        if self.hits:
            hits.highlighted = 0

    def _line(self, hit: Hit) -> Text:
        course, lang = self.course, self.lang
        if hit.kind == "topic":
            title = course.topics[hit.id].title
        elif hit.kind == "concept":
            topic = course.topics[hit.topic_id]
            title = next(c.name for c in topic.concepts if f"{topic.id}/{c.id}" == hit.id)
        elif hit.kind == "resource":
            title = course.resources[hit.id][1].title
        else:
            title = course.notebook_map[hit.id].title
        number = course.number_of(hit.topic_id) if hit.topic_id in course.topics else ""
        text = Text(no_wrap=True, overflow="ellipsis")
        text.append(f"{label(hit.kind, lang):<8} ", style="dim")
        text.append(f"{number:<5} ", style="bold")
        text.append(one_line(course.text(title, lang)))
        return text

    def action_move(self, step: int) -> None:
        hits = self.query_one("#hits", OptionList)
        if self.hits:
            now = hits.highlighted or 0
            hits.highlighted = max(0, min(len(self.hits) - 1, now + step))

    def on_input_submitted(self, _: Input.Submitted) -> None:
        chosen = self.query_one("#hits", OptionList).highlighted
        self.dismiss(self.hits[chosen or 0] if self.hits else None)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.hits:  # a click on a hit
            self.dismiss(self.hits[event.option_index])
