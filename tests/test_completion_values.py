"""Completion of option values, note ids and config keys, through the shells' own variables."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def complete(run, line: str, shell: str = "zsh") -> str:
    env = {"_LLMCOURSE_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": line}
    return run(env=env).stdout


@pytest.mark.parametrize(
    ("line", "expected", "absent"),
    [
        ("llmcourse --lang ", ['"en":"English"', '"zh-TW":"繁體中文（台灣）"'], []),
        ("llmcourse export --format ", ['"json"', '"toml"', '"markdown"'], []),
        ("llmcourse export -f m", ['"markdown"'], ['"json"']),
        ("llmcourse map --format ", ['"text"', '"mermaid"', '"dot"', '"html"'], []),
        ("llmcourse search rag --kind ", ['"topic"', '"concept"', '"notebook"'], []),
        ("llmcourse list --status in", ['"in-progress"'], ['"done"']),
        ("llmcourse editions --use ", ['"2024-01-29":', '"2026-02-04":', '"previous":'], []),
        ("llmcourse config ", ['"get"', '"set"', '"unset"', '"list"'], []),
        ("llmcourse config set re", ['"review_limit":"at most this many cards'], ['"lang"']),
        ("llmcourse config set lang ", ['"zh-TW"'], []),
    ],
)
def test_values_complete_with_help(run, line: str, expected: list[str], absent: list[str]) -> None:
    out = complete(run, line)
    for piece in expected:
        assert piece in out, (line, out)
    for piece in absent:
        assert piece not in out, (line, out)


def test_help_follows_the_language(run) -> None:
    out = complete(run, "llmcourse --lang zh-TW config get ")
    assert '"review_limit":"每次複習最多幾張卡片' in out
    assert "內建版本" in complete(run, "llmcourse --lang zh-TW editions --use 2")


def test_note_ids_complete_with_their_item_and_text(run) -> None:
    import json

    note = json.loads(run("note", "quantization", "bits and bytes", "--json").stdout)
    note_id = note["id"]
    for action in ("remove", "edit"):
        out = complete(run, f"llmcourse note {action} ")
        assert f'"{note_id}":"quantization\\\\: bits and bytes"' in out, out
    assert '"quantization":"2.7 Quantization"' in complete(run, "llmcourse note quant")
    assert note_id not in complete(run, "llmcourse note quantization ")


def test_bash_gets_the_values_alone(run) -> None:
    env = {"_LLMCOURSE_COMPLETE": "complete_bash", "COMP_WORDS": "llmcourse list --status ",
           "COMP_CWORD": "3"}  # fmt: skip
    assert run(env=env).stdout.split() == ["todo", "in-progress", "done", "skipped"]


@pytest.mark.parametrize(
    "env",
    [
        {"_LLMCOURSE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "llmcourse list --lang z"},
        {"_LLMCOURSE_COMPLETE": "complete_bash", "COMP_WORDS": "llmcourse list --lang z",
         "COMP_CWORD": "3"},
    ],
)  # fmt: skip
def test_lang_after_the_command_completes_too(tmp_path: Path, env: dict[str, str]) -> None:
    """The real entry point (it builds only the command being completed)."""
    full = {k: v for k, v in os.environ.items() if not k.startswith(("LLMCOURSE_", "COMP_"))}
    full.update(LLMCOURSE_HOME=str(tmp_path), LANG="C.UTF-8", **env)
    result = subprocess.run([sys.executable, "-m", "llmcourse"], env=full,
                            capture_output=True, text=True, timeout=60)  # fmt: skip
    assert "zh-TW" in result.stdout and "en" not in result.stdout.split(), result
