"""Every command's --help in Traditional Chinese: a table entry for each command and parameter
(none stale), Taiwan usage, the same example commands, and English untouched."""

from __future__ import annotations

import re

import typer
from zh_usage import half_width, offending_forms, unspaced

from llmcourse.cli.help_zh import HELP_ZH
from llmcourse.cli.root import COMMAND_MODULES, build_app


def _click_app():
    return typer.main.get_command(build_app())


def _documented(command) -> set[str]:
    return {p.name for p in command.params if getattr(p, "help", None)}


def test_every_command_and_parameter_has_chinese_help_and_nothing_is_stale() -> None:
    group = _click_app()
    assert set(HELP_ZH) == {"", *COMMAND_MODULES}
    for name, command in [("", group), *group.commands.items()]:
        entry = HELP_ZH[name]
        assert entry["help"].strip(), name
        assert set(entry["params"]) == _documented(command), name
        assert all(text.strip() for text in entry["params"].values()), name


def _texts() -> list[tuple[str, str]]:
    found = []
    for name, entry in HELP_ZH.items():
        found.append((name, entry["help"]))
        found += [(f"{name} {param}", text) for param, text in entry["params"].items()]
    return found


def test_chinese_help_uses_taiwan_usage_and_chinese_typography() -> None:
    bad = []
    for where, text in _texts():
        # example command lines stay as in English (their notes in ASCII brackets, as tests
        # strip them); everything else is checked
        prose = "\n".join(
            line for line in text.splitlines() if not line.strip().startswith("llmcourse ")
        )
        if found := offending_forms(prose) + unspaced(prose) + half_width(prose):
            bad.append(f"{where}: {found}")
    assert not bad, "\n".join(bad)


def _examples(help_text: str) -> list[str]:
    lines = [line.strip() for line in help_text.splitlines()]
    return [re.sub(r"\s{2,}\(.*\)$", "", ln) for ln in lines if ln.startswith("llmcourse ")]


def test_chinese_help_has_the_same_example_commands() -> None:
    group = _click_app()
    for name, command in [("", group), *group.commands.items()]:
        assert _examples(HELP_ZH[name]["help"]) == _examples(command.help or ""), name


def test_help_in_chinese_by_option_or_environment_and_english_unchanged(run) -> None:
    zh = run("--lang", "zh-TW", "done", "--help")
    assert zh.exit_code == 0
    assert "將主題、資源或筆記本標記為完成。" in zh.stdout
    assert "用法：" in zh.stdout and "選項：" in zh.stdout and "顯示這段說明並結束。" in zh.stdout
    assert "llmcourse done quantization 3" in zh.stdout
    assert "Mark topics" not in zh.stdout and "Usage:" not in zh.stdout

    listed = run("list", "--help", env={"LLMCOURSE_LANG": "zh-TW"})
    assert "以樹狀顯示課程" in listed.stdout and "只顯示第 N 部分。" in listed.stdout

    after = run("list", "-h", "--lang", "zh-TW")
    assert "以樹狀顯示課程" in after.stdout

    root = run("--help", env={"LLMCOURSE_LANG": "zh-TW"})
    assert "指令：" in root.stdout and "將主題、資源或筆記本標記為完成" in root.stdout

    en = run("done", "--help")
    assert "Mark topics, resources or notebooks as done." in en.stdout
    assert "Usage: llmcourse done" in en.stdout and "Options:" in en.stdout
    assert "完成" not in en.stdout


def test_the_config_language_chooses_the_help_language(run) -> None:
    run("config", "set", "lang", "zh-TW")
    assert "顯示你的變更紀錄" in run("log", "--help").stdout
    assert "Show the history" in run("--lang", "en", "log", "--help").stdout


def test_errors_in_chinese_and_english(run, tmp_path) -> None:
    missing = tmp_path / "nowhere"
    zh = run("--lang", "zh-TW", "--course", str(missing), "list")
    assert zh.exit_code == 1 and "找不到這個課程檔案或資料夾" in zh.stderr
    en = run("--course", str(missing), "list")
    assert f"{missing}: no such course file or folder" in en.stderr

    zh = run("--lang", "zh-TW", "search", "--kind", "bogus", "lora")
    assert zh.exit_code == 2 and "不是有效的類型" in zh.stderr
    zh = run("--lang", "zh-TW", "export", "--format", "xml")
    assert "--format 必須是 json、toml 或 markdown，而不是 'xml'" in zh.stderr
    en = run("export", "--format", "xml")
    assert "--format must be json, toml or markdown, not 'xml'" in en.stderr


def test_validation_problems_in_chinese(tmp_path, run) -> None:
    from coursedata import minimal_course
    from test_validation import write

    course = minimal_course()
    course["languages"] = ["en", "zh-TW", "x y"]
    file = write(tmp_path, course)
    zh = run("--lang", "zh-TW", "validate", str(file))
    assert zh.exit_code == 1 and "課程未通過驗證" in zh.stderr
    assert "languages：'x y' 不是像 'en' 或 'zh-TW' 這樣的語言代碼" in zh.stderr
    en = run("validate", str(file))
    assert "languages: 'x y' is not a language code like 'en' or 'zh-TW'" in en.stderr


def test_click_usage_errors_in_chinese(run) -> None:
    zh = run("--lang", "zh-TW", "done", "--bad")
    assert zh.exit_code == 2 and "沒有這個選項：--bad" in zh.stderr
    assert "No such option: --bad" in run("done", "--bad").stderr
    zh = run("--lang", "zh-TW", "progress", "extra")
    assert "多了無法使用的引數（extra）" in zh.stderr
    assert "Got unexpected extra argument(s) (extra)" in run("progress", "extra").stderr


def test_chinese_help_is_wrapped_by_columns(run) -> None:
    """click counts characters and a Chinese one takes two columns: the Chinese help is
    wrapped by columns, so no line runs past click's width of 80 by more than the closing
    punctuation kept off the next line's start (click alone made lines of over 100)."""
    from llmcourse.i18n import cells

    too_wide = []
    for name in ["", *COMMAND_MODULES]:
        args = ["--lang", "zh-TW", *([name] if name else []), "--help"]
        result = run(*args, env={"COLUMNS": "100"})
        assert result.exit_code == 0, name
        too_wide += [f"{name}: {ln}" for ln in result.stdout.splitlines() if cells(ln) > 82]
    assert not too_wide, "\n".join(too_wide)
