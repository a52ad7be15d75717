"""Where output goes, and in which form.

Plain text when stdout is not a terminal or NO_COLOR is set (stable, uncoloured, nothing
imported beyond the standard library); Rich on a terminal. LLMCOURSE_RICH=1 forces Rich.
Text from the data is always printed literally: never as Rich markup.
"""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any

from llmcourse.textsafe import json_safe, sanitize

if TYPE_CHECKING:
    from rich.console import Console


def clean(text: str) -> str:
    return sanitize(text)


def terminal_width(default: int = 100) -> int:
    """COLUMNS, else the terminal's width, else `default` (like shutil's, without importing
    shutil and the compression modules it pulls in)."""
    try:
        return int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        pass
    try:
        return os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
    except (AttributeError, ValueError, OSError):
        return default


def use_rich() -> bool:
    if os.environ.get("LLMCOURSE_RICH") == "1":
        return True
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def console(stderr: bool = False) -> Console:
    from rich.console import Console

    width = None
    if os.environ.get("LLMCOURSE_RICH") == "1" and not sys.stdout.isatty():
        width = int(os.environ.get("COLUMNS", "100"))
    return Console(stderr=stderr, highlight=False, width=width, emoji=False)


def echo(line: str = "") -> None:
    sys.stdout.write(clean(line) + "\n")


def warn(line: str) -> None:
    """A word on stderr that does not end the command."""
    sys.stderr.write(clean(line) + "\n")


def emit_json(data: Any) -> None:
    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def error(message: str, details: list[str], as_json: bool = False) -> None:
    """`Error: message` and its details on stderr; with `--json` on the command line, one JSON
    object instead: {"error": message, "details": [...]}."""
    if as_json:
        text = json.dumps({"error": message, "details": details}, ensure_ascii=False)
        sys.stderr.write(json_safe(text) + "\n")
        return
    sys.stderr.write("Error: " + clean(message) + "\n")
    for line in details:
        sys.stderr.write("  " + clean(line) + "\n")
