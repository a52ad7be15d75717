"""Comparing text the forgiving way: one normal form for references, search and editions."""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path
from typing import Any

_WORD = re.compile(r"[^\W_]+")


def norm(text: str) -> str:
    """NFKC, case-folded, punctuation to spaces: 'Fine-Tuning' -> 'fine tuning'."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def is_cjk(ch: str) -> bool:
    """Han, kana or Hangul: scripts written without spaces between words."""
    o = ord(ch)
    return (
        0x4E00 <= o <= 0x9FFF
        or 0x3400 <= o <= 0x4DBF
        or 0xF900 <= o <= 0xFAFF
        or 0x3040 <= o <= 0x30FF
        or 0xAC00 <= o <= 0xD7AF
        or 0x20000 <= o <= 0x2FA1F
    )


def has_cjk(text: str) -> bool:
    return any(is_cjk(ch) for ch in text)


# --- Simplified and mainland Chinese input ------------------------------------------------
# The course is written in Traditional Chinese with Taiwan usage; learners may type Simplified
# characters or mainland words (神经网络 for 神經網路). OpenCC converts between them. It is
# imported only here, and only for text that has CJK in it: indexes convert the course once
# when they are built (and are cached); a reference converts only when nothing matched as
# typed. list, progress, done and Latin queries never load it.

_converters: dict[str, Any] = {}  # opencc.OpenCC, untyped


def _convert(text: str, config: str) -> str:
    converter = _converters.get(config)
    if converter is None:
        import opencc

        converter = _converters[config] = opencc.OpenCC(f"{config}.json")
    converted: str = converter.convert(text)
    return converted


def glossary_file() -> Path:
    from llmcourse.paths import builtin_course_dir

    return builtin_course_dir().parent / "glossary-zh-TW.toml"


@functools.cache
def glossary() -> dict[str, dict[str, str]]:
    """data/glossary-zh-TW.toml: {"mainland": {mainland form: Taiwan form}, "house": {...}}."""
    import tomllib

    with glossary_file().open("rb") as f:
        return tomllib.load(f)


@functools.cache
def _replacer(direction: str) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pass over a text replacing mainland forms by Taiwan ones ("to_taiwan"), or the other
    way ("to_mainland", the first mainland form listed for each Taiwan form). A word that
    already is a target (演算法 holds 算法) is kept whole: longest match first."""
    table: dict[str, str] = {}
    for mainland, taiwan in glossary().get("mainland", {}).items():
        if direction == "to_taiwan":
            table[mainland] = taiwan
            table.setdefault(taiwan, taiwan)
        else:
            table.setdefault(taiwan, mainland)
            table.setdefault(mainland, mainland)
    keys = sorted(table, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, keys))), table


def _replace_all(text: str, direction: str) -> str:
    pattern, table = _replacer(direction)
    return pattern.sub(lambda m: table[m.group()], text)


def simplified_forms(text: str) -> list[str]:
    """The other ways a learner may write Traditional Chinese `text`, for an index to hold:
    with Taiwan words in their mainland form (資料庫 -> 數據庫, from the glossary), each of
    those character by character in Simplified (t2s: 数据库), and OpenCC's Taiwan-to-mainland
    phrase conversion (tw2sp). Empty when `text` has no CJK; without OpenCC installed, only
    the glossary's forms."""
    if not has_cjk(text):
        return []
    mainland = _replace_all(text, "to_mainland")  # 神經網絡: mainland words, Traditional script
    try:
        forms = {
            mainland,
            _convert(text, "t2s"),
            _convert(mainland, "t2s"),
            _convert(text, "tw2sp"),
        }
    except ImportError:
        forms = {mainland}
    forms.discard(text)
    return sorted(forms)


def traditional_form(text: str) -> str:
    """Simplified or mainland Chinese `text` in Traditional characters and Taiwan usage
    (神经网络 -> 神經網路); `text` itself when it has no CJK (without loading OpenCC)."""
    if not has_cjk(text):
        return text
    try:
        converted = _convert(text, "s2twp")
    except ImportError:
        converted = text
    return _replace_all(converted, "to_taiwan")
