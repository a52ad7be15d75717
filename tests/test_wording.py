"""Library phrases (pydantic's, also through Typer) are said in the project's own words."""

from __future__ import annotations

from pathlib import Path

import tomli_w
from coursedata import minimal_course


def test_a_bad_number_on_the_command_line(run) -> None:
    result = run("open", "2.7", "x")
    assert result.exit_code == 2
    assert "expected a whole number (like 3)" in result.stderr
    assert "Input should be" not in result.stderr
    assert "應大於或等於 1" in run("--lang", "zh-TW", "search", "x", "--limit", "0").stderr


def test_validation_errors_in_our_words(run, tmp_path: Path) -> None:
    course = minimal_course()
    course["title"] = "x"
    course["languages"] = "en"
    course["web_url"] = 5
    file = tmp_path / "c.toml"
    file.write_text(tomli_w.dumps(course), encoding="utf-8")
    out = run("validate", str(file)).stderr
    assert "title: expected a table of texts per language (title.en = …)" in out
    assert "languages: expected a list" in out and "web_url: expected a text in quotes" in out
    assert "Input should" not in out
    zh = run("--lang", "zh-TW", "validate", str(file)).stderr
    assert "title: 應為各語言文字的表格（title.en = …）" in zh
