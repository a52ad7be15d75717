"""Which language a run speaks: the spellings of Traditional Chinese, and a config `lang`
llmcourse does not speak, which is warned about once instead of ignored."""

from __future__ import annotations

import pytest
from conftest import write_config

from llmcourse import i18n


@pytest.mark.parametrize(
    "spelling",
    ["zh", "zh-TW", "zh_TW", "zh-tw", "zh-Hant", "zh-Hant-TW", "zh_Hant_HK", "zh-HK", "zh-MO",
     "zh_TW.UTF-8", "ZH"],
)  # fmt: skip
def test_spellings_of_traditional_chinese(spelling: str) -> None:
    assert i18n.normalize_lang(spelling) == "zh-TW"


@pytest.mark.parametrize("spelling", ["zh-CN", "zh_CN.UTF-8", "zh-Hans", "fr", "klingon", ""])
def test_languages_llmcourse_does_not_speak(spelling: str) -> None:
    assert i18n.normalize_lang(spelling) is None


@pytest.mark.parametrize("spelling", ["zh", "zh-Hant", "zh_TW", "zh-HK"])
def test_lang_option_env_and_config_accept_them(run, spelling: str) -> None:
    assert "量化" in run("--lang", spelling, "list").stdout
    assert "量化" in run("list", env={"LLMCOURSE_LANG": spelling}).stdout
    write_config(f'lang = "{spelling}"\n')
    result = run("list")
    assert "量化" in result.stdout and result.stderr == ""


@pytest.mark.parametrize(("value", "shown"), [('"fr"', "'fr'"), ("3", "3")])
def test_unknown_config_lang_warns_once_in_both_languages(run, value: str, shown: str) -> None:
    write_config(f"lang = {value}\n")
    result = run("list")
    assert result.exit_code == 0 and "Quantization" in result.stdout  # the locale: English
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert lines[0].startswith("Warning: ") and f"lang = {shown}" in lines[0]
    assert lines[1].startswith("警告：") and "改用 en" in lines[1]
    # the locale still decides, and an explicit --lang needs no warning at all
    assert "量化" in run("list", env={"LANG": "zh_TW.UTF-8"}).stdout
    quiet = run("--lang", "en", "list")
    assert quiet.exit_code == 0 and quiet.stderr == ""
