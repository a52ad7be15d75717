"""Global options written after the command (`llmcourse list --lang zh-TW`).

Click only knows the root's options before the command, so the root group moves them there
before parsing. The rule (README, "Global options"): after the command, `--lang V`, `--lang=V`,
`--course V` and `--course=V` are moved in front of it, except
- after `--` (everything there is an argument),
- when the word is the value of one of the command's own options (`export -o --lang` writes
  a file named --lang),
- when no value follows (`show 2.7 --lang`: left to the command, which refuses it),
- for `note`, whose last word is its TEXT: when that word looks like a global option
  (`note 2.7 "--lang"`, `note 2.7 "--course=x is odd"`) it stays the note's text (a `--` is put
  before it); `note 2.7 "text" --lang zh-TW` still moves the option pair.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

GLOBAL_VALUED = ("--lang", "--course")


def _takes_value(command: Any, word: str) -> bool:
    """Whether `word` is one of `command`'s options that takes a value (and it is not attached:
    `--limit=3` or `-l3` carry theirs)."""
    if "=" in word or (len(word) > 2 and not word.startswith("--")):
        return False
    for param in getattr(command, "params", ()):
        if word in getattr(param, "opts", ()) and not getattr(param, "is_flag", True):
            return not getattr(param, "count", False)
    return False


def _command_position(args: Sequence[str]) -> int | None:
    """Where the command's name is in `args` (after any global options), or None."""
    i = 0
    while i < len(args):
        word = args[i]
        if word in GLOBAL_VALUED:
            i += 2
        elif word.startswith("-"):
            i += 1
        else:
            return i
    return None


def hoist_global_options(args: Sequence[str], commands: Mapping[str, Any]) -> list[str]:
    """`args` with the global options found after the command moved before it."""
    at = _command_position(args)
    if at is None or args[at] not in commands:
        return list(args)
    command, name = commands[args[at]], args[at]
    rest = list(args[at + 1 :])
    text_word = name == "note" and bool(rest) and _looks_global(rest[-1]) and "--" not in rest
    protected = len(rest) - 1 if text_word else len(rest)
    moved: list[str] = []
    kept: list[str] = []
    i = 0
    while i < len(rest):
        word = rest[i]
        if word == "--":
            kept.extend(rest[i:])
            break
        if word.startswith(tuple(f"{o}=" for o in GLOBAL_VALUED)) and i < protected:
            moved.append(word)
        elif word in GLOBAL_VALUED and i + 1 < protected:
            moved.extend(rest[i : i + 2])
            i += 1
        elif _takes_value(command, word) and i + 1 < len(rest):
            kept.extend(rest[i : i + 2])  # an option of the command and its value, as they are
            i += 1
        else:
            kept.append(word)
        i += 1
    if text_word:
        kept[-1:] = ["--", kept[-1]]  # the note's TEXT, never read as an option
    return [*args[:at], *moved, name, *kept]


def _looks_global(word: str) -> bool:
    return word in GLOBAL_VALUED or word.startswith(tuple(f"{o}=" for o in GLOBAL_VALUED))
