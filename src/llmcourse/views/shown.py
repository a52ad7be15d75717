"""What `show` draws a node with, besides the node itself, and the words every form of it
shares (JSON, plain text, the styled terminal view and `browse`'s detail pane)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from llmcourse.i18n import label
from llmcourse.textsafe import one_line
from llmcourse.views.marks import MARKS, STYLES

if TYPE_CHECKING:
    from llmcourse.course.model import Course, Localized
    from llmcourse.progress.timeline import Dates

Notes = list[dict[str, str]]
# Links the last `check-links` found dead: url -> its cached result ("status", "checked_at"...).
Dead = Mapping[str, Mapping[str, Any]]


class Shown:
    """The course and language, the learner's statuses, the node's notes, the dead links and
    the node's dates: one object instead of six parameters on every renderer."""

    __slots__ = ("course", "dates", "dead", "lang", "notes", "statuses")

    def __init__(
        self,
        course: Course,
        lang: str,
        statuses: dict[str, str],
        notes: Notes | None = None,
        dead: Dead | None = None,
        dates: Dates | None = None,
    ) -> None:
        self.course = course
        self.lang = lang
        self.statuses = statuses
        self.notes = notes or []
        self.dead = dead or {}
        self.dates = dates

    def t(self, localized: Localized) -> str:
        return self.course.text(localized, self.lang)

    def status(self, node_id: str) -> str:
        return self.statuses.get(node_id, "todo")

    def mark(self, node_id: str) -> str:
        return MARKS.get(self.status(node_id), "[?]")

    def style(self, node_id: str) -> str:
        return STYLES.get(self.status(node_id), "")

    def state(self, node_id: str) -> str:
        """'[x] done': the mark and the status in words."""
        return f"{self.mark(node_id)} {label(self.status(node_id), self.lang)}"

    def head(self, key: str, end: bool = False) -> str:
        """'Resources: ' / '學習資源：' — a label and a colon in the language's punctuation."""
        if self.lang == "zh-TW":
            return label(key, self.lang) + "："
        return label(key, self.lang) + (":" if end else ": ")

    def kind(self, kind: str) -> str:
        return label(f"kind.{kind}", self.lang)

    def about(self, kind: str, author: str | None) -> str:
        """' (article, Maxime Labonne)' / '（文章，Maxime Labonne）'."""
        by = f"{label('comma', self.lang)}{one_line(author)}" if author else ""
        return label("paren", self.lang).format(f"{self.kind(kind)}{by}")

    def notebook_kind(self, group: str) -> str:
        """ "notebook (tools)"; in Chinese with full-width parentheses: 筆記本（工具）."""
        group_name = label(f"group.{group}", self.lang)
        return label("notebook", self.lang) + label("paren", self.lang).format(group_name)

    def dead_note(self, url: str) -> str:
        """'[dead link, checked 2026-11-28]' for a URL the last `check-links` found dead."""
        found = self.dead.get(url)
        if found is None:
            return ""
        when = one_line(str(found.get("checked_at") or ""))[:10]
        if not when:
            return f"[{label('dead_link.undated', self.lang)}]"
        words = label("dead_link", self.lang).format(when=when)
        return f"[{words}]"

    def dates_words(self) -> str:
        """'started 2026-11-20 09:30 · done 2026-11-25 18:02' in local time, or ''."""
        dates = self.dates
        if dates is None:
            return ""
        words = [
            label(key, self.lang).format(when=at.astimezone().strftime("%Y-%m-%d %H:%M"))
            for key, at in (("dates.started", dates.started), ("dates.done", dates.done))
            if at is not None
        ]
        return label("dates.sep", self.lang).join(words)


def note_when(note: dict[str, str]) -> str:
    """A note's creation time as '2026-11-28 09:30'."""
    return one_line(str(note.get("created", ""))[:16].replace("T", " "))


def note_id(note: dict[str, str]) -> str:
    return one_line(str(note.get("id", "")))
