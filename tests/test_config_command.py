"""`config get|set|unset|list`, validated settings, and a broken config.toml."""

from __future__ import annotations

import json
import tomllib

from conftest import write_config

from llmcourse import paths


def _file() -> dict:
    return tomllib.loads(paths.resolve().config.read_text(encoding="utf-8"))


def test_set_get_unset_list(run) -> None:
    assert run("config", "set", "lang", "zh_TW").exit_code == 0
    assert _file() == {"lang": "zh-TW"}  # an alias is stored as the language it names
    assert run("config", "get", "lang").stdout.split() == ["lang", "zh-TW"]
    assert "量化" in run("list").stdout  # and it is used
    assert run("config", "set", "review_limit", "5").exit_code == 0
    data = json.loads(run("config", "list", "--json").stdout)
    assert data["review_limit"] == 5 and data["course"] == "builtin" and data["browser"] is None
    assert run("config", "unset", "lang").exit_code == 0
    assert _file() == {"review_limit": 5}
    listed = run("config").stdout
    assert "review_limit" in listed and "update_source" in listed


def test_bad_keys_and_values_are_refused_with_the_choices(run) -> None:
    unknown = run("config", "set", "colour", "red")
    assert unknown.exit_code == 2 and "lang, browser, course" in unknown.stderr
    lang = run("config", "set", "lang", "fr")
    assert lang.exit_code == 2 and "en or zh-TW" in lang.stderr
    limit = run("config", "set", "review_limit", "0")
    assert limit.exit_code == 2 and "whole number" in limit.stderr
    assert run("config", "get").exit_code == 2
    assert not paths.resolve().config.exists()  # nothing was written
    zh = run("--lang", "zh-TW", "config", "set", "lang", "fr")
    assert "lang 必須是 en 或 zh-TW" in zh.stderr


def test_a_value_of_the_wrong_kind_is_one_warning(run) -> None:
    config = write_config('review_limit = "many"\nbrowser = "firefox"\n')
    result = run("list")
    assert result.exit_code == 0
    assert len(result.stderr.splitlines()) == 1 and "review_limit" in result.stderr
    assert str(config) in result.stderr
    # `lang` is warned about once too, by the language choice, in both languages
    config.write_text("lang = 3\n", encoding="utf-8")
    assert len(run("list").stderr.splitlines()) == 2


def test_a_broken_config_names_the_line_and_never_blocks_doctor(run) -> None:
    config = write_config('browser = "x"\nlang = \n')
    listed = run("list")
    assert listed.exit_code == 1 and f"{config}, line 2" in listed.stderr
    doctor = run("doctor")
    assert doctor.exit_code == 1
    assert "State file" in doctor.stdout and f"{config}, line 2" in doctor.stdout
    report = json.loads(run("doctor", "--json").stdout)
    assert report["config"]["broken"] is True


def test_config_completes_actions_and_keys(run) -> None:
    def complete(line: str) -> list[str]:
        env = {"_LLMCOURSE_COMPLETE": "complete_bash", "COMP_WORDS": line,
               "COMP_CWORD": str(len(line.split()) - 1)}  # fmt: skip
        return run(env=env).stdout.split()

    assert complete("llmcourse config s") == ["set"]
    assert complete("llmcourse config set re") == ["review_limit"]
    assert complete("llmcourse config set browser x") == []
