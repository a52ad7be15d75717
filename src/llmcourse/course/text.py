"""Comparing text the forgiving way: one normal form for references, search and editions."""

from __future__ import annotations

import re
import unicodedata

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
