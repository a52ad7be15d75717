"""The one sanitiser: what any text must go through before it reaches a terminal.

Course text, notes, imported ids and downloaded titles are untrusted. Printed raw, an escape
sequence can clear the screen, set the window title, forge a hyperlink or write the clipboard
(OSC 52), and a bidi control can make a line read differently from what it is. `sanitize`
removes escape sequences whole, C0 and C1 controls (a newline and a tab stay), bidi controls
(U+202A–U+202E, U+2066–U+2069) and invisible characters (U+200B–U+200F, U+2060, U+00AD).
`json_safe` keeps JSON lossless instead: the same characters become \\u escapes.
"""

from __future__ import annotations

import re

# An escape sequence: CSI (ESC [ … final), OSC/DCS/APC/PM/SOS (ESC ] … BEL or ST), or a
# two-character escape. Then any single control, bidi or invisible character left over.
_ESCAPES = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"
    r"|\x1b[\]P_^X][^\x07\x1b]*(?:\x07|\x1b\\)?"
    r"|\x1b[@-Z\\-_]?"
    r"|\x9b[0-?]*[ -/]*[@-~]"
)
_UNSAFE = "\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069"
_UNSAFE_CHAR = re.compile(f"[{_UNSAFE}]")
_UNSAFE_CHAR_ONE_LINE = re.compile(f"[\n\t{_UNSAFE}]")
_JSON_UNSAFE = re.compile(f"[{_UNSAFE}]")


def sanitize(text: str) -> str:
    """`text` with nothing that could act on the terminal; newlines and tabs kept."""
    return _UNSAFE_CHAR.sub("", _ESCAPES.sub("", text))


def one_line(text: str) -> str:
    """`sanitize`, and newlines and tabs become spaces: for text that must stay on its line
    (ids, titles, table cells), so that it cannot forge a line of output."""
    return _UNSAFE_CHAR_ONE_LINE.sub(
        lambda m: " " if m.group() in "\n\t" else "", _ESCAPES.sub("", text)
    )


def shorten(text: str, limit: int = 80) -> str:
    """`one_line`, cut to `limit` characters with "…": for echoing what a user typed (a
    100 kB query is not printed back whole)."""
    line = one_line(text)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def json_safe(dumped: str) -> str:
    """JSON text (from json.dumps with ensure_ascii=False) with every unsafe character that
    json.dumps leaves raw (C1, bidi, invisible) written as a \\u escape: lossless, inert."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)
