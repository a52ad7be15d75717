"""One meaning per short flag, JSON errors with --json, validate --json, start's reminder."""

from __future__ import annotations

import json
from pathlib import Path

import typer

from llmcourse.cli.root import COMMAND_MODULES, build_app


def test_each_short_flag_means_one_thing_across_commands() -> None:
    meaning: dict[str, set[str]] = {}
    app = typer.main.get_command(build_app())
    for command in app.commands.values():  # type: ignore[attr-defined]
        for param in command.params:
            longs = [o for o in param.opts if o.startswith("--")]
            for short in (o for o in param.opts if not o.startswith("--")):
                meaning.setdefault(short, set()).update(longs)
    clashes = {s: longs for s, longs in meaning.items() if len(longs) > 1}
    assert not clashes
    assert meaning["-n"] == {"--no-browser"} and meaning["-l"] == {"--limit"}
    assert set(COMMAND_MODULES) >= {"log", "search", "open"}


def test_with_json_an_error_is_a_json_object_on_stderr(run) -> None:
    unknown = run("show", "zzqqxx", "--json")
    assert unknown.exit_code == 1 and unknown.stdout == ""
    data = json.loads(unknown.stderr)
    assert "zzqqxx" in data["error"] and isinstance(data["details"], list)
    usage = run("list", "--status", "nope", "--json")
    assert usage.exit_code == 2 and "todo" in json.loads(usage.stderr)["error"]
    option = run("list", "--bogus", "--json")
    assert option.exit_code == 2 and json.loads(option.stderr)["error"].startswith("No such")
    plain = run("show", "zzqqxx")
    assert plain.stderr.startswith("Error: ")


def test_validate_json_lists_the_problems(run, tmp_path: Path) -> None:
    good = json.loads(run("validate", "--json").stdout)
    assert good["valid"] is True and good["counts"]["topics"] == 19
    bad = tmp_path / "bad.toml"
    bad.write_text("id = 3\n", encoding="utf-8")
    result = run("validate", str(bad), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert data["valid"] is False and len(data["problems"]) > 3


def test_start_reminds_of_prerequisites_without_refusing(run) -> None:
    result = run("start", "2.7")
    assert result.exit_code == 0 and "[~] 2.7" in result.stdout
    assert "Reminder: quantization builds on llm-architecture (todo)" in result.stderr
    run("done", "llm-architecture")
    assert "Reminder" not in run("start", "2.7").stderr
    assert "提醒：nlp" in run("--lang", "zh-TW", "start", "nlp").stderr
    assert "can be done or skipped, not started" in run("start", "2.7", "1").stderr
    assert "Resources and notebooks are not started" in " ".join(
        run("start", "--help").stdout.split()
    )


def test_click_usage_errors_speak_the_users_language(run) -> None:
    """A missing argument, a mistyped command or option, a bad value: the usage line, the hint
    and the error all in Chinese with --lang zh-TW, in English otherwise; exit 2."""
    missing = run("--lang", "zh-TW", "show")
    assert missing.exit_code == 2
    assert missing.stderr.splitlines()[:2] == [
        "用法：llmcourse show [選項] REF",
        "輸入 'llmcourse show -h' 查看說明。",
    ]
    assert "錯誤：缺少引數 'REF'。" in missing.stderr
    typo = run("--lang", "zh-TW", "shwo")
    assert (
        typo.exit_code == 2 and "錯誤：沒有 'shwo' 這個指令。你是不是要用 'show'？" in typo.stderr
    )
    option = run("list", "--stat", "done", "--lang", "zh-TW")
    assert "沒有這個選項：--stat（可用的選項：--part, --status）" in option.stderr
    value = run("--lang", "zh-TW", "log", "--limit", "x")
    assert "'--limit' / '-l' 的值無效：應為整數（例如 3）" in value.stderr
    for result in (missing, typo, option, value):
        assert not any(w in result.stderr for w in ("Usage:", "Error:", "Missing", "Try ")), (
            result.stderr
        )
    english = run("show")
    assert english.exit_code == 2
    assert english.stderr.splitlines()[0] == "Usage: llmcourse show [OPTIONS] REF"
    assert "Error: Missing argument 'REF'." in english.stderr
    assert "Did you mean 'show'?" in run("shwo").stderr
    as_json = run("--lang", "zh-TW", "log", "--limit", "x", "--json")
    assert json.loads(as_json.stderr)["error"].startswith("'--limit' / '-l' 的值無效")
