"""The browser's keys, in one place: the `?` help and the footer are drawn from these lists.

`k` is skip, as the marking keys `d` `s` `k` `r` say (and as `llmcourse skip` does); `j`
moves down and the arrows move both ways. A vim user's reflexive `k` then skips instead of
moving up: the change is announced and `u` undoes it, while the other way round (k = up) would
leave the one marking key without a letter.
"""

from __future__ import annotations

# (keys as shown, label key describing what they do), in the order `?` lists them.
HELP: tuple[tuple[str, str], ...] = (
    ("↑ ↓  j", "tui.key.move"),
    ("Enter", "tui.key.select"),
    ("/", "tui.key.search"),
    ("d", "tui.key.done"),
    ("s", "tui.key.start"),
    ("k", "tui.key.skip"),
    ("r", "tui.key.reset"),
    ("u", "tui.key.undo"),
    ("o", "tui.key.open"),
    ("n", "tui.key.note"),
    ("f", "tui.key.filter"),
    ("l", "tui.key.lang"),
    ("?", "tui.key.help"),
    ("q", "tui.key.quit"),
)

# The short form the footer shows, with the action a click on it runs.
FOOTER: tuple[tuple[str, str, str], ...] = (
    ("↑↓j", "tui.foot.move", ""),
    ("/", "tui.foot.search", "search"),
    ("d", "tui.foot.done", "mark('done')"),
    ("s", "tui.foot.start", "mark('start')"),
    ("k", "tui.foot.skip", "mark('skip')"),
    ("r", "tui.foot.reset", "mark('reset')"),
    ("u", "tui.foot.undo", "undo"),
    ("o", "tui.foot.open", "open"),
    ("n", "tui.foot.note", "note"),
    ("f", "tui.foot.filter", "filter"),
    ("l", "tui.foot.lang", "lang"),
    ("?", "tui.foot.help", "help"),
    ("q", "tui.foot.quit", "quit"),
)

# What `f` cycles through: every topic, then the topics with one status.
FILTERS: tuple[str | None, ...] = (None, "todo", "in-progress", "done", "skipped")
