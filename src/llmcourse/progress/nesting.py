"""A cheap scan of TOML or JSON text for nesting too deep to parse.

tomllib and json recurse once per nested array or inline table (a few thousand levels raise
RecursionError), and a table header with 100,000 dotted parts takes seconds to reject. This
scan runs before either parser: it skips strings and comments, counts open brackets and braces,
and the dots between one `=` or `,` and the next (dotted keys), and stops at the first excess.
"""

from __future__ import annotations

import re

MAX_DEPTH = 32  # a state file needs 4 levels, an export 6

_TOKENS = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'  # multi-line basic string
    r"|'''.*?'''"  # multi-line literal string
    r'|"(?:[^"\\\n]|\\.)*"'  # basic string (and JSON strings)
    r"|'[^'\n]*'"  # literal string
    r"|#[^\n]*"  # comment
    r"|[\[\]{}.=,\n]",
    re.S,
)
_OPEN, _CLOSE = "[{", "]}"


def too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """True when `text` nests arrays, tables or dotted keys deeper than `limit`."""
    depth = dots = 0
    for m in _TOKENS.finditer(text):
        token = m.group()
        if token in _OPEN:
            depth += 1
            if depth > limit:
                return True
        elif token in _CLOSE:
            depth = max(0, depth - 1)
        elif token == ".":
            dots += 1
            if dots > limit:
                return True
        elif token in "=,\n":
            dots = 0
    return False
