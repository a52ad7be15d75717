"""Where output goes, and in which form.

Plain text when stdout is not a terminal or NO_COLOR is set (stable, uncoloured, nothing
imported beyond the standard library); styled on a terminal: the everyday views draw with
`views/paint.py`, the others with a Rich console. LLMCOURSE_RICH=1 forces the styled form.
Text from the data is always printed literally: never as Rich markup. Everything printed goes
through `llmcourse.textsafe`: echo/warn/error sanitise, emit_json writes unsafe characters as
\\u escapes, paint sanitises every span, and the Rich console every segment it draws (and
every hyperlink target), so a renderable built from unsanitised text still cannot reach the
terminal raw.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from llmcourse.textsafe import json_safe, one_line, sanitize

if TYPE_CHECKING:
    from rich.console import Console


def terminal_width(default: int = 100) -> int:
    """COLUMNS, else the terminal's width, else `default` (like shutil's, without importing
    shutil and the compression modules it pulls in). A width of 0 — a pseudo-terminal nobody
    sized, as under `script` or some CI runners — counts as unknown."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = _terminal_columns()
    return columns if columns > 0 else default


def _terminal_columns() -> int:
    stream = sys.__stdout__  # the real stdout, even when a test captures sys.stdout
    try:
        return 0 if stream is None else os.get_terminal_size(stream.fileno()).columns
    except (ValueError, OSError):
        return 0


def use_rich() -> bool:
    if os.environ.get("LLMCOURSE_RICH") == "1":
        return True
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def console(stderr: bool = False) -> Console:
    """A Rich console that never parses markup or emoji and sanitises what it draws."""
    width = None
    if os.environ.get("LLMCOURSE_RICH") == "1" and not sys.stdout.isatty():
        width = int(os.environ.get("COLUMNS", "100"))
    return _safe_console_class()(
        stderr=stderr, highlight=False, width=width, emoji=False, markup=False
    )


_SAFE_CONSOLE: type[Console] | None = None


def _safe_console_class() -> type[Console]:
    """A Console whose segments of text (not its own control codes) pass through `sanitize`,
    and whose hyperlink targets through `one_line`: the last line of defence for Rich output.
    Defined on first use so that piped runs never import Rich."""
    global _SAFE_CONSOLE
    if _SAFE_CONSOLE is not None:
        return _SAFE_CONSOLE
    from rich.console import Console, ConsoleOptions, RenderableType
    from rich.segment import Segment

    class SafeConsole(Console):
        def render(
            self, renderable: RenderableType, options: ConsoleOptions | None = None
        ) -> Iterator[Segment]:
            for seg in super().render(renderable, options):
                if seg.control:  # Rich's own cursor moves (progress bars)
                    yield seg
                    continue
                style = seg.style
                if style is not None and style.link:
                    style = style.update_link(one_line(style.link))
                yield Segment(sanitize(seg.text), style)

    _SAFE_CONSOLE = SafeConsole
    return SafeConsole


def echo(line: str = "") -> None:
    sys.stdout.write(sanitize(line) + "\n")


def warn(line: str) -> None:
    """A word on stderr that does not end the command."""
    sys.stderr.write(sanitize(line) + "\n")


def emit_json(data: Any) -> None:
    import json  # only here and in `error`: most runs print no JSON

    sys.stdout.write(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def emit_text(text: str, data_format: bool) -> None:
    """A whole document on stdout: a data format (JSON, TOML) keeps every character, the unsafe
    ones as \\u escapes (valid in JSON and TOML strings); text for people is sanitised."""
    sys.stdout.write(json_safe(text) if data_format else sanitize(text))


def error(message: str, details: list[str], as_json: bool = False) -> None:
    """`Error: message` and its details on stderr; with `--json` on the command line, one JSON
    object instead: {"error": message, "details": [...]}."""
    if as_json:
        import json

        text = json.dumps({"error": message, "details": details}, ensure_ascii=False)
        sys.stderr.write(json_safe(text) + "\n")
        return
    from llmcourse.i18n import msg

    sys.stderr.write(msg("error.prefix") + one_line(message) + "\n")
    for line in details:
        sys.stderr.write("  " + one_line(line) + "\n")
