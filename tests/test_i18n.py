"""The program's own words in both languages: progress, next, log, marks, notes, doctor, import."""

from __future__ import annotations

import json
import string

import pytest
from zh_usage import half_width, offending_forms, unspaced

from llmcourse import i18n, paths


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


@pytest.mark.parametrize("key", i18n.keys())
def test_every_label_has_both_languages_and_the_same_placeholders(key: str) -> None:
    en, zh = i18n.label(key, "en"), i18n.label(key, "zh-TW")
    assert en.strip() and zh.strip(), key
    assert _fields(en) == _fields(zh), key


def test_chinese_labels_use_taiwan_usage_and_chinese_typography() -> None:
    """No mainland form from the glossary, a space between Chinese and Latin words, and
    full-width punctuation after Chinese (符合：標題：, not 符合: 標題:)."""
    bad = []
    every_key = i18n.keys()
    for key in every_key:
        zh = i18n.label(key, "zh-TW")
        if found := offending_forms(zh) + unspaced(zh) + half_width(zh):
            bad.append(f"{key}: {found}")
    assert not bad, "\n".join(bad)


def test_unknown_language_falls_back_to_english_and_pad_counts_wide_characters() -> None:
    assert i18n.label("progress.head", "fr") == "Progress"
    assert i18n.cells("進度 ok") == 7
    assert i18n.pad("進度", 6) == "進度  " and i18n.pad("abc", 2) == "abc"


def _zh(run, *args: str) -> str:
    result = run("--lang", "zh-TW", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def _absent(out: str, *words: str) -> None:
    for word in words:
        assert word not in out, f"{word!r} left in English: {out}"


def test_progress_in_chinese(run) -> None:
    run("done", "mathematics")
    run("start", "neural-networks")
    out = _zh(run, "progress")
    assert out.startswith("進度  [")
    for piece in (
        "（1/19 個主題已完成或略過）",
        "完成 1 · 進行中 1 · 略過 0 · 待辦 17",
        "資源完成 0/",
        "筆記本完成 0/",
        "連續天數：1 天",
        "最近 12 週",
        "  週一 ",
        "  週日 ",
        "下一個主題：1.3 neural-networks  神經網路（你正在學習）",
        "需要：1.1 機器學習數學（完成）、1.2 用於機器學習的 Python（待辦）",
        "解鎖：1.4 自然語言處理（NLP）",
    ):
        assert piece in out, piece
    _absent(out, "Progress", "topics settled", "Resources done", "Streak", "Last 12 weeks",
            "Mon", "Next:", "needs:", "unblocks:", "working on it")  # fmt: skip
    # the part bars line up although the titles are wide characters
    widths = {i18n.cells(line[: line.index("[")]) for line in out.splitlines()
              if line[:5] in ("  1. ", "  2. ", "  3. ")}  # fmt: skip
    assert len(widths) == 1


def test_progress_json_stays_language_neutral(run) -> None:
    run("done", "mathematics")
    en = json.loads(run("progress", "--json").stdout)
    zh = json.loads(_zh(run, "progress", "--json"))
    assert zh["next"]["reason"] == en["next"]["reason"] == "ready"
    assert set(zh) == set(en) and zh["topics"] == en["topics"]
    assert zh["parts"][0]["title"] == "LLM 基礎" and en["parts"][0]["title"] == "LLM Fundamentals"


def test_next_in_chinese(run) -> None:
    out = _zh(run, "next")
    assert "下一個主題：1.1 mathematics" in out and "先備主題都已完成或略過" in out
    assert "需要：沒有先備主題" in out and "標記為進行中" in out
    _absent(out, "Next:", "needs", "no prerequisites", "shows it", "marks it started")
    # settle everything: the "nothing left" sentence
    topics = [
        t["id"] for p in json.loads(run("list", "--json").stdout)["parts"] for t in p["topics"]
    ]
    run("skip", *topics)
    out = _zh(run, "next")
    assert out.startswith("下一個主題：沒有了") and "nothing" not in out


def test_mark_outcomes_and_undo_in_chinese(run) -> None:
    out = _zh(run, "done", "quantization")
    assert out == "[x] 2.7 quantization  量化：已完成\n（`llmcourse undo` 可以復原）\n"
    out = _zh(run, "done", "quantization")
    assert out == "[x] 2.7 quantization  量化：原本就是「完成」\n"
    assert "已略過" in _zh(run, "skip", "rag")
    assert "已開始" in _zh(run, "start", "nlp")
    assert "已重設為待辦" in _zh(run, "reset", "rag")
    out = _zh(run, "undo")
    assert out.startswith("已復原 ") and "回到「略過」" in out
    _absent(out, "Undid", "back to")


def test_log_in_chinese(run) -> None:
    assert _zh(run, "log").startswith("還沒有任何變更。")
    run("done", "rag")
    run("undo")
    out = _zh(run, "log")
    assert "[已復原]" in out and "（復原 " in out
    _absent(out, "[undone]", "reverted", "No changes")


def test_notes_in_chinese(run) -> None:
    assert _zh(run, "note", "list").startswith("還沒有筆記。")
    added = _zh(run, "note", "quantization", "GPTQ 需要校準資料")
    assert added.startswith("已新增筆記 ") and "到 2.7 quantization  量化" in added
    out = _zh(run, "note", "list")
    assert out.splitlines()[0] == "2.7 quantization  量化" and "GPTQ 需要校準資料" in out
    note_id = json.loads(run("note", "list", "--json").stdout)[0]["id"]
    removed = _zh(run, "note", "remove", note_id)
    assert removed.startswith(f"已移除 quantization 上的筆記 {note_id}")
    _absent(added + out + removed, "Note ", "added to", "removed", "No notes")


def test_doctor_in_chinese(run) -> None:
    out = _zh(run, "doctor")
    assert out.startswith("狀態檔：") and "尚未建立" in out and "備份：" in out
    run("done", "mathematics")
    run("done", "python")
    out = _zh(run, "doctor")
    assert "正常（結構版本 2" in out and "2 個標記、0 則筆記、2 筆歷史紀錄" in out
    _absent(out, "State file", "Backup", "marks", "history entries", "ok (")
    paths.resolve().state.write_bytes(b"not = [toml")
    damaged = run("--lang", "zh-TW", "doctor")
    assert damaged.exit_code == 1
    assert "損壞（" in damaged.stdout and "修復：" in damaged.stdout
    _absent(damaged.stdout, "DAMAGED", "Fix:", "refuses")
    restored = _zh(run, "doctor", "--restore-backup")
    assert restored.startswith("已從 ") and "被取代的檔案已移到" in restored


def test_import_and_export_in_chinese(run, tmp_path) -> None:
    elsewhere = {"LLMCOURSE_HOME": str(tmp_path / "laptop")}
    exported = tmp_path / "laptop.json"
    run("done", "rag", env=elsewhere)
    run("export", "-o", str(exported), env=elsewhere)
    dry = _zh(run, "import", str(exported), "--dry-run")
    assert dry.startswith("匯入將變更 1 個項目") and "rag" in dry and "待辦 -> 完成" in dry
    assert "試執行" in dry
    done = _zh(run, "import", str(exported))
    assert done.startswith("匯入已變更 1 個項目") and "可以復原這次匯入" in done
    assert _zh(run, "import", str(exported)).startswith("沒有需要匯入的內容")
    _absent(dry + done, "Import ", "dry run", "todo", "done")
    markdown = _zh(run, "export", "--format", "markdown")
    assert markdown.startswith("# llmcourse 學習進度 — ") and "匯出於 " in markdown


def test_english_is_unchanged(run) -> None:
    """The words the English views printed before they went through labels."""
    assert run("done", "mathematics").stdout == (
        "[x] 1.1 mathematics  Mathematics for Machine Learning: done\n"
        "(`llmcourse undo` reverts this)\n"
    )
    assert run("done", "mathematics").stdout == (
        "[x] 1.1 mathematics  Mathematics for Machine Learning: already done\n"
    )
    out = run("--lang", "en", "progress").stdout
    assert out.startswith("Progress  [#-----------------------] 5.3%  (1/19 topics settled)\n")
    for line in (
        "  done 1 · in progress 0 · skipped 0 · todo 18   (skipped topics count as settled)",
        "  1. LLM Fundamentals             [####------------] 1/4",
        "Resources done 0/94 (skipped 0) · notebooks done 0/15 · notes 0",
        "Streak: 1 day",
        "Last 12 weeks ('.' none, '-' 1, '+' 2-3, '*' 4-6, '#' 7+ changes):",
        "Next: 1.2 python  Python for Machine Learning  "
        "(the first todo topic whose prerequisites are all done or skipped)",
        "  needs: no prerequisites",
        "  unblocks: 1.3 Neural Networks",
    ):
        assert line in out.splitlines(), line
    assert run("next").stdout.splitlines()[-1] == (
        "  `llmcourse show python` shows it; `llmcourse start python` marks it started."
    )
    assert run("note", "list").stdout == 'No notes yet. `llmcourse note TOPIC "text"` adds one.\n'
    run("undo")
    assert "[undone]" in run("log").stdout
    doctor = run("doctor").stdout.splitlines()
    assert doctor[0].startswith("State file: ") and " — ok (schema 2, " in doctor[0]
    assert doctor[1] == "  0 marks, 0 notes, 2 history entries"
    assert doctor[2].startswith("Backup:     ") and doctor[2].endswith(" — ok")
