"""The program's own words in Chinese where they were English or typed the English way:
search's reasons, `log`'s operations, `undo`'s time, `paths`, notebook groups, and topics named
by their titles rather than bare ids."""

from __future__ import annotations

import re

from llmcourse import paths

LOCAL_MINUTE = r"\d{4}-\d\d-\d\d \d\d:\d\d"


def _zh(run, *args: str) -> str:
    result = run("--lang", "zh-TW", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_search_says_why_in_chinese_with_full_width_punctuation(run) -> None:
    out = _zh(run, "search", "微調", "--limit", "2")
    assert "    符合：標題：微調\n" in out
    assert "matched" not in out and "title:" not in out
    typo = _zh(run, "search", "quantisaton", "--limit", "1")
    assert "符合：標題：quantization（拼字相近）" in typo
    prefix = _zh(run, "search", "quant", "--limit", "1")
    assert "（開頭相符）" in prefix
    # English as before; JSON keeps the language-neutral reasons
    assert "    matched: title: 微調\n" in run("search", "微調", "--limit", "1").stdout
    assert '"title: 微調"' in run("--lang", "zh-TW", "search", "微調", "--json").stdout


def test_log_names_operations_in_chinese(run) -> None:
    run("done", "rag")
    run("note", "rag", "hello")
    run("undo")
    out = _zh(run, "log")
    for word in ("完成", "新增筆記", "復原"):
        assert word in out, word
    assert not re.search(r"\b(done|note|undo)\b", out), out
    english = run("log").stdout
    assert " note " in english and " done " in english and " undo " in english


def test_undo_says_when_in_local_time_to_the_minute(run) -> None:
    run("done", "rag")
    zh = _zh(run, "undo")
    assert re.match(rf"已復原 {LOCAL_MINUTE} 的「完成」：\n", zh), zh
    run("note", "rag", "hello")
    en = run("undo").stdout
    assert re.match(rf"Undid `note` of {LOCAL_MINUTE}:\n", en), en
    assert "T" not in en.splitlines()[0].split(" of ")[1]  # no ISO timestamp


def test_paths_in_chinese(run) -> None:
    out = _zh(run, "paths")
    where = paths.resolve()
    assert f"狀態檔  {where.state}" in out and f"設定檔  {where.config}" in out
    assert f"快取    {where.cache}" in out
    assert run("paths").stdout.splitlines()[0] == f"state   {where.state}"


def test_notebook_group_in_full_width_parentheses(run) -> None:
    assert "lazymergekit  筆記本（工具）" in _zh(run, "show", "lazymergekit")
    assert "lazymergekit  notebook (Tools)" in run("show", "lazymergekit").stdout


def test_next_names_topics_by_number_and_title(run) -> None:
    run("start", "neural-networks")
    out = _zh(run, "next")
    assert "需要：1.1 機器學習數學（待辦）、1.2 用於機器學習的 Python（待辦）" in out
    assert "解鎖：1.4 自然語言處理（NLP）" in out


def test_a_chinese_query_matched_whole_reads_whole(run) -> None:
    out = run("search", "向量資料庫", "--limit", "1").stdout
    assert "matched: title: 向量資料庫\n" in out  # not "向量; 量資; 資料; 料庫"
    zh = _zh(run, "search", "检索增强生成", "--limit", "1")
    assert "符合：標題：检索增强生成\n" in zh
