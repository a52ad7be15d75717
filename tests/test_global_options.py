"""Global options are accepted after the command too (cli/argv.py states the rule)."""

from __future__ import annotations

import pytest

from llmcourse.cli.argv import hoist_global_options
from llmcourse.cli.root import build_app


def _commands() -> dict[str, object]:
    import typer

    return typer.main.get_command(build_app()).commands  # type: ignore[attr-defined,no-any-return]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["list", "--lang", "zh-TW"], ["--lang", "zh-TW", "list"]),
        (["show", "2.7", "--course", "x"], ["--course", "x", "show", "2.7"]),
        (["show", "2.7", "--lang=zh-TW"], ["--lang=zh-TW", "show", "2.7"]),
        (["--lang", "en", "list", "--json"], ["--lang", "en", "list", "--json"]),
        (["show", "--", "--lang", "x"], ["show", "--", "--lang", "x"]),  # after --: arguments
        (["export", "-o", "--lang", "x"], ["export", "-o", "--lang", "x"]),  # a value of -o
        (["show", "2.7", "--lang"], ["show", "2.7", "--lang"]),  # no value: the command says so
        (["note", "2.7", "--lang"], ["note", "2.7", "--", "--lang"]),  # the note's TEXT
        (["note", "2.7", "--course=x y"], ["note", "2.7", "--", "--course=x y"]),
        (["note", "2.7", "hi", "--lang", "zh-TW"], ["--lang", "zh-TW", "note", "2.7", "hi"]),
        (["lsit", "--lang", "zh-TW"], ["lsit", "--lang", "zh-TW"]),  # unknown: left alone
    ],
)
def test_hoisting_rule(argv: list[str], expected: list[str]) -> None:
    assert hoist_global_options(argv, _commands()) == expected


def test_options_after_the_command_work_like_before(run, tmp_path) -> None:
    after = run("list", "--lang", "zh-TW")
    assert after.exit_code == 0 and after.stdout == run("--lang", "zh-TW", "list").stdout
    assert "量化" in run("show", "2.7", "--lang=zh-TW").stdout
    missing = run("show", "2.7", "--course", str(tmp_path / "nowhere"))
    assert missing.exit_code == 1 and "nowhere" in missing.stderr


def test_a_note_that_looks_like_an_option_stays_a_note(run) -> None:
    assert run("note", "2.7", "--lang").exit_code == 0
    listed = run("note", "list", "2.7", "--json")
    assert [n["text"] for n in __import__("json").loads(listed.stdout)] == ["--lang"]
