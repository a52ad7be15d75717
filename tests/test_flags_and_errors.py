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
