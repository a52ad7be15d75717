"""Styled text for the terminal, drawn without Rich.

The everyday views (`list`, `show`, `search`, `progress`) run dozens of times a session, and
importing Rich's console costs more than the rest of such a command together (about 80 M
instructions against a 650 M floor). So they describe what they draw as `Line`s of styled
spans, and this module lays them out (wrapping at the terminal's width, CJK-aware) and writes
them with SGR codes and OSC 8 hyperlinks. `browse` turns the same lines into Rich `Text`
(`tui/render.py`). Other views keep Rich's console.

Styles are the few names the views use ("bold cyan", "dim", "green", "grey35"...): 256-colour
names fall back to the nearest of the 16 standard colours when the terminal says nothing
about more, as Rich does. Every span is sanitised on the way out, every link target kept to
one line: the same last line of defence as the Rich console's.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator

from llmcourse.course.text import is_cjk
from llmcourse.i18n import cells
from llmcourse.textsafe import one_line, sanitize

# name -> (SGR on a 256-colour terminal, SGR on a 16-colour one)
_CODES = {
    "bold": ("1", "1"),
    "dim": ("2", "2"),
    "italic": ("3", "3"),
    "underline": ("4", "4"),
    "red": ("31", "31"),
    "green": ("32", "32"),
    "yellow": ("33", "33"),
    "cyan": ("36", "36"),
    "bright_green": ("92", "92"),
    "green4": ("38;5;28", "32"),
    "green3": ("38;5;40", "32"),
    "green1": ("38;5;46", "92"),
    "grey23": ("38;5;237", "90"),
    "grey35": ("38;5;240", "90"),
}
NO_LINE_START = frozenset("，。、：；！？）」』】〉》,.:;!?)")
NO_LINE_END = frozenset("（「『【〈《([")  # an opening bracket stays with what follows


Span = tuple[str, str, str]  # text, style, link target


class Line:
    """One logical line of styled spans. `indent` pads it and every line it wraps onto;
    a `whole` line (one holding a URL) is never broken: the terminal folds it. (A plain
    class: a dataclass costs its code generation at every start-up.)"""

    __slots__ = ("indent", "spans", "whole")

    def __init__(self, indent: int = 0, whole: bool = False) -> None:
        self.spans: list[Span] = []
        self.indent = indent
        self.whole = whole

    def add(self, text: str, style: str = "", link: str = "") -> Line:
        self.spans.append((text, style, link))
        return self

    def extend(self, other: Line) -> Line:
        self.spans.extend(other.spans)
        return self

    @property
    def text(self) -> str:
        return "".join(s[0] for s in self.spans)


def styled(text: str = "", style: str = "", link: str = "") -> Line:
    return Line().add(text, style, link) if text else Line()


def _is_wide_script(ch: str) -> bool:
    """Text that may break between any two characters: CJK scripts (as search tells them), and
    the punctuation and full-width forms written among them."""
    o = ord(ch)
    return is_cjk(ch) or 0x3000 <= o <= 0x303F or 0xFE30 <= o <= 0xFE4F or 0xFF00 <= o <= 0xFFEF


def _tokens(text: str) -> Iterator[tuple[int, int, int]]:
    """(start, end of the word, end of the spaces after it): words are runs of other text or
    single wide characters, so CJK text may break anywhere; an opening bracket joins the word
    after it. (Not a regular expression: compiling one with these ranges costs 5 ms, at every
    start-up.)"""
    i, n = 0, len(text)
    while i < n:
        start = i
        i = _word_end(text, i)
        while start < i < n and text[i - 1] in NO_LINE_END and not text[i].isspace():
            i = _word_end(text, i)
        end = i
        while i < n and text[i].isspace():
            i += 1
        yield start, end, i


def _word_end(text: str, i: int) -> int:
    """Where the word at `i` ends: after one wide character, or after a run of others."""
    if i < len(text) and _is_wide_script(text[i]) and not text[i].isspace():  # U+3000: space
        return i + 1
    while i < len(text) and not text[i].isspace() and not _is_wide_script(text[i]):
        i += 1
    return i


def line_ranges(text: str, width: int) -> list[tuple[int, int]]:
    """Where to break `text` into lines of at most `width` cells: at spaces (dropped at the
    break), between CJK characters, never before closing punctuation or after an opening
    bracket; a word longer than a line is cut."""
    width = max(width, 1)
    out: list[tuple[int, int]] = []
    start, used, last_end = 0, 0, 0
    prev_start, prev_before = 0, 0  # where the line's last word starts, and the one before ends
    for s, e, after in _tokens(text):
        w = cells(text[s:e])
        if used and used + w > width:
            if text[s] not in NO_LINE_START:
                out.append((start, last_end))
                start, used = s, 0
            elif prev_start > start and last_end == s and text[prev_start] not in NO_LINE_START:
                # Closing punctuation that does not fit takes the word it follows along to
                # the next line, rather than running past the edge (unless that word is the
                # line's first).
                out.append((start, prev_before))
                start, used = prev_start, cells(text[prev_start:s])
        while w > width and used == 0:  # a word longer than the line: cut it
            cut = _fit(text, s, width)
            out.append((start, cut))
            start = s = cut
            w = cells(text[s:e])
        prev_start, prev_before = s, last_end
        used += w + cells(text[e:after])
        last_end = e
    if len(text) > start or not out:
        # The last line keeps its trailing spaces (as Rich does: a row of a heat map ends with
        # blank days), as many as fit.
        end, room = last_end, width - cells(text[start:last_end])
        while end < len(text) and cells(text[end]) <= room:
            room -= cells(text[end])
            end += 1
        out.append((start, end))
    return out


def _fit(text: str, start: int, width: int) -> int:
    """The end of the longest run from `start` that fits `width` cells (at least one char)."""
    used, i = 0, start
    while i < len(text):
        w = cells(text[i])
        if used + w > width and i > start:
            break
        used += w
        i += 1
    return i


def wrap(text: str, width: int, indent: str = "") -> list[str]:
    """Plain text in lines of at most `width` cells, each beginning with `indent`; runs of
    whitespace become one space."""
    flat = " ".join(sanitize(text).split())
    if not flat:
        return []
    room = max(width - len(indent), 10)
    return [indent + flat[a:b] for a, b in line_ranges(flat, room)]


def _slice(spans: list[Span], a: int, b: int) -> list[Span]:
    """The spans covering characters a..b of the line's text."""
    out, pos = [], 0
    for text, style, link in spans:
        end = pos + len(text)
        lo, hi = max(a, pos), min(b, end)
        if lo < hi:
            out.append((text[lo - pos : hi - pos], style, link))
        pos = end
    return out


def layout(line: Line, width: int) -> list[list[Span]]:
    """`line` as the rows of spans it takes at `width` columns (its indent included)."""
    pad = [(" " * line.indent, "", "")] if line.indent else []
    text = line.text
    if line.whole or not text:
        return [pad + line.spans]
    return [pad + _slice(line.spans, a, b) for a, b in line_ranges(text, width - line.indent)]


def row_cells(spans: Iterable[Span]) -> int:
    return sum(cells(s[0]) for s in spans)


def _palette() -> int | None:
    """1 for 256 colours, 0 for the 16 standard ones, None for no styling at all: NO_COLOR,
    output that is not a terminal (unless FORCE_COLOR), or a dumb terminal."""
    env = os.environ
    if env.get("NO_COLOR") or not (sys.stdout.isatty() or env.get("FORCE_COLOR")):
        return None
    term = env.get("TERM", "").strip().lower()
    if term == "dumb":
        return None
    rich_colours = env.get("COLORTERM", "").strip().lower() in ("truecolor", "24bit")
    return 0 if not (rich_colours or term.endswith(("256color", "256"))) else 1


def _sgr(style: str, palette: int) -> str:
    codes = [_CODES[w][1 - palette] for w in style.split() if w in _CODES]
    return f"\x1b[{';'.join(codes)}m" if codes else ""


def paint(spans: Iterable[Span], palette: int | None) -> str:
    """One row of spans as terminal text: sanitised, with SGR styles and OSC 8 links."""
    out = []
    for text, style, link in spans:
        text = sanitize(text)
        if palette is None:
            out.append(text)
            continue
        sgr = _sgr(style, palette)
        piece = f"{sgr}{text}\x1b[0m" if sgr else text
        if link:
            piece = f"\x1b]8;;{one_line(link)}\x1b\\{piece}\x1b]8;;\x1b\\"
        out.append(piece)
    return "".join(out)


def draw(lines: Iterable[Line | Grid | Tree], width: int) -> None:
    """Lay out and write `lines` (and grids and trees) to stdout at `width` columns."""
    palette = _palette()
    write = sys.stdout.write
    for item in lines:
        rows = layout(item, width) if isinstance(item, Line) else item.rows(width)
        for row in rows:
            write(paint(row, palette) + "\n")


class Grid:
    """A table without borders, its columns two spaces apart (as Rich pads them). Each column
    is as wide as its widest cell, except the `flex` one, which takes the rest and wraps (never
    narrower than its `whole` lines), and the `shrink` ones, which wrap when room is short.
    A cell is a list of lines; `right` lists the right-aligned columns."""

    __slots__ = ("body", "flex", "right", "shrink")

    def __init__(
        self, flex: int | None = None, right: tuple[int, ...] = (), shrink: tuple[int, ...] = ()
    ) -> None:
        self.flex = flex
        self.right = right
        self.shrink = shrink
        self.body: list[list[list[Line]]] = []

    def add_row(self, *row: list[Line] | Line) -> None:
        self.body.append([c if isinstance(c, list) else [c] for c in row])

    def _widths(self, width: int) -> list[int]:
        count = max((len(r) for r in self.body), default=0)
        widths = [
            max((row_cells(line.spans) for row in self.body for line in row[i]), default=0)
            for i in range(count)
        ]
        if self.flex is None:
            return widths
        # Room for the flexible column and those that may wrap: each of the latter keeps at
        # most an equal share of it, the flexible one takes the rest.
        fixed = sum(w for i, w in enumerate(widths) if i != self.flex and i not in self.shrink)
        room = width - fixed - 2 * (count - 1)
        share = room // (len(self.shrink) + 1)
        for i in self.shrink:
            widths[i] = max(1, min(widths[i], share))
        rest = room - sum(widths[i] for i in self.shrink)
        whole = [row_cells(ln.spans) for row in self.body for ln in row[self.flex] if ln.whole]
        widths[self.flex] = max(10, *whole, min(widths[self.flex], rest))
        return widths

    def rows(self, width: int) -> list[list[Span]]:
        widths = self._widths(width)
        out: list[list[Span]] = []
        for row in self.body:
            columns = [
                [r for line in cell for r in layout(line, widths[i])] for i, cell in enumerate(row)
            ]
            for k in range(max(len(c) for c in columns)):
                spans: list[Span] = []
                for i, col in enumerate(columns):
                    part = col[k] if k < len(col) else []
                    gap = " " * (widths[i] - row_cells(part))
                    if i:
                        spans.append(("  ", "", ""))
                    filler = (gap, "", "")
                    spans.extend([filler, *part] if i in self.right else [*part, filler])
                out.append(spans)
        return out


class Tree:
    """A line and the lines that hang under it, drawn with guides as Rich's `Tree` draws them;
    a long line wraps under its own guide."""

    __slots__ = ("children", "line")

    def __init__(self, line: Line) -> None:
        self.line = line
        self.children: list[Tree] = []

    def add(self, line: Line) -> Tree:
        child = Tree(line)
        self.children.append(child)
        return child

    def rows(self, width: int) -> list[list[Span]]:
        out = layout(self.line, width)
        self._rows_under("", width, out)
        return out

    def _rows_under(self, prefix: str, width: int, out: list[list[Span]]) -> None:
        for i, child in enumerate(self.children):
            last = i == len(self.children) - 1
            first, rest = ("└── ", "    ") if last else ("├── ", "│   ")
            room = width - cells(prefix) - 4
            for k, row in enumerate(layout(child.line, room)):
                out.append([(prefix + (rest if k else first), "", ""), *row])
            child._rows_under(prefix + rest, width, out)
