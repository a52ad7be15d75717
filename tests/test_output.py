"""Output for the terminal and the pipe: plain when piped or NO_COLOR, Rich when forced, text from
the data always printed literally (no markup, no escape sequences)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from coursedata import minimal_course, write_course

from llmcourse.textsafe import sanitize as clean
from llmcourse.views.paint import wrap

MARKUP = "[bold]x[/bold] [link=https://evil.example]y[/link]"


def markup_course(tmp_path: Path) -> Path:
    """The minimal course with Rich markup in its texts."""
    data = minimal_course()
    alpha = data["parts"][0]["topics"][0]
    alpha["title"] = {"en": MARKUP, "zh-TW": "甲"}
    alpha["summary"] = {"en": "Summary with [red]markup[/red]", "zh-TW": "摘要"}
    alpha["concepts"][0]["name"] = {"en": "[i]concept[/i]", "zh-TW": "概念"}
    paper = alpha["resources"][0]
    paper["title"] = {"en": "[blink]paper[/blink]", "zh-TW": "論文"}
    paper["author"] = "[u]someone[/u]"
    return write_course(tmp_path / "course.toml", data)


@pytest.mark.parametrize("rich", ["0", "1"])
def test_markup_in_data_is_printed_literally(tmp_path: Path, run, monkeypatch, rich: str) -> None:
    if rich == "1":
        monkeypatch.setenv("LLMCOURSE_RICH", "1")
    course = str(markup_course(tmp_path))
    out = run("--course", course, "show", "alpha").stdout
    assert MARKUP in out
    assert "[red]markup[/red]" in out and "[i]concept[/i]" in out
    assert "[blink]paper[/blink]" in out and "[u]someone[/u]" in out
    hits = run("--course", course, "search", "paper").stdout
    assert "[blink]paper[/blink]" in hits


def test_rich_path_draws_hyperlinks_and_tables(run, monkeypatch) -> None:
    monkeypatch.setenv("LLMCOURSE_RICH", "1")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")  # Rich draws styles and links even into CliRunner
    show = run("show", "quantization")
    assert show.exit_code == 0
    assert "\x1b]8;" in show.stdout  # OSC 8 hyperlinks on the titles
    assert "Introduction to quantization" in show.stdout and "Key concepts" in show.stdout
    search = run("search", "kv cache", "--limit", "3")
    assert search.exit_code == 0 and "Key-value cache" in search.stdout
    assert run("show", "autogguf").exit_code == 0 and run("show", "2.7#1").exit_code == 0


def test_plain_output_has_no_escape_codes(run) -> None:
    for args in (["show", "quantization"], ["search", "lora"], ["show", "2.7#1"]):
        out = run(*args).stdout
        assert "\x1b" not in out, args


def test_piped_subprocess_is_plain_and_stable(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LLMCOURSE_", "NO_COLOR"))}
    env.update(LLMCOURSE_HOME=str(tmp_path), LANG="C.UTF-8")  # no NO_COLOR: stdout is a pipe
    cmd = [sys.executable, "-m", "llmcourse", "show", "quantization"]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    second = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=60)
    assert first.returncode == 0, first.stderr
    assert "\x1b" not in first.stdout and first.stdout == second.stdout
    assert first.stdout.startswith("2.7  Quantization  [ ] todo")
    found = subprocess.run(
        [sys.executable, "-m", "llmcourse", "search", "量化", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert json.loads(found.stdout)[0]["id"] == "quantization"


def test_escape_sequences_are_stripped() -> None:
    assert clean("a\x1b[31mred\x1b[0m b\x07") == "ared b"
    assert wrap("x\x1b[2Jy", 40) == ["xy"]


def test_wrap_counts_wide_characters() -> None:
    lines = wrap("量化" * 30, 20)
    assert all(sum(2 if "\u4e00" <= c <= "\u9fff" else 1 for c in ln) <= 20 for ln in lines)
    assert "".join(lines) == "量化" * 30
    assert wrap("one two three four", 10) == ["one two", "three four"]
    assert not any(ln.startswith("，") for ln in wrap("甲乙丙丁戊己庚辛，壬癸" * 3, 16))


def test_widths_adapt(run, monkeypatch) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    narrow = run("show", "quantization").stdout.splitlines()
    monkeypatch.setenv("COLUMNS", "120")
    wide = run("show", "quantization").stdout.splitlines()
    summary = next(ln for ln in narrow if ln.startswith("Quantization stores"))
    assert len(summary) <= 60
    assert len(wide) < len(narrow)
