"""What Taiwan usage forbids in zh-TW text: the forms listed in data/glossary-zh-TW.toml, and
Chinese written against Latin letters or digits without a space."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from llmcourse.paths import builtin_course_dir

DATA = builtin_course_dir().parent
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_UNSPACED = re.compile(f"[{_HAN}][A-Za-z0-9]|[A-Za-z0-9][{_HAN}]")
# ASCII punctuation against Chinese (符合: 標題), or a space beside full-width punctuation
_HALF_WIDTH = re.compile(
    f"[{_HAN}][(),:;!?]|[(),:;!?][{_HAN}]| [，。、：；（）「」]|[，。、：；（）「」] "
)


def forbidden() -> dict[str, str]:
    """Every listed form -> what to write instead."""
    with (DATA / "glossary-zh-TW.toml").open("rb") as f:
        glossary = tomllib.load(f)
    return {**glossary["mainland"], **glossary["house"]}


def offending_forms(text: str) -> list[str]:
    """The listed forms `text` uses; one inside its own replacement (算法 in 演算法) is fine."""
    found = []
    for form, instead in forbidden().items():
        masked = text.replace(instead, "\0") if form in instead else text
        if form in masked:
            found.append(f"{form} -> {instead}")
    return found


def unspaced(text: str) -> list[str]:
    return [text[max(0, m.start() - 4) : m.end() + 4] for m in _UNSPACED.finditer(text)]


def half_width(text: str) -> list[str]:
    return [text[max(0, m.start() - 4) : m.end() + 4] for m in _HALF_WIDTH.finditer(text)]


def data_files() -> list[Path]:
    """Every TOML file of every course folder under data/ (the glossary itself aside)."""
    return sorted(p for p in DATA.rglob("*.toml") if not p.name.startswith("glossary"))


def zh_texts(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """(where, text) for every zh-TW string in a parsed TOML document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "zh-TW" and isinstance(value, str):
                yield where, value
            else:
                yield from zh_texts(value, f"{where}.{key}" if where else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from zh_texts(value, f"{where}[{i}]")


# Titles that are names (of products, sites, models, datasets): the same in every language.
NAMES = {
    # the 2024-01-29 edition
    "LangChain - SQL",
    "nanoGPT",
    "LLMDataHub",
    "TinyLlama",
    "BLOOM",
    "LLM 360",
    "Real Python",
    "StackLLaMA",
    "OWASP LLM Top 10",
    "LLM AutoEval",
    "LazyMergekit",
    "AutoGGUF",
    "Hugging Face",
    # the 2026-02-04 edition
    "FineWeb",
    "RedPajama v2",
    "nanotron",
    "OLMo 2",
    "LLM360",
    "LLM Datasets",
    "NeMo-Curator",
    "Distilabel",
    "Semhash",
    "Mastering LLMs",
    "Open LLM Leaderboard",
    "Language Model Evaluation Harness",
    "Lighteval",
    "Chatbot Arena",
    "Smol Vision",
    "Model Context Protocol",
    "LangGraph",
    "Speculators",
    "LazyAxolotl",
    "AutoQuant",
    "ZeroSpace",
    "AutoAbliteration",
    "AutoDedup",
}
