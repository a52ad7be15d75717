"""Choosing the language, and the program's own labels in each language."""

from __future__ import annotations

import os


def normalize_lang(value: str) -> str | None:
    """'zh', 'zh_TW', 'zh-tw', 'zh_HK', 'zh-Hant…' -> 'zh-TW'; 'en', 'en_US.UTF-8' -> 'en';
    else None. Plain 'zh' is the Chinese llmcourse speaks; 'zh-CN' and 'zh-Hans' are not: the
    course has no Simplified text, so they fall back to the locale or English."""
    v = value.strip().split(".")[0].split("@")[0].replace("_", "-").lower()
    if v in ("zh", "zh-tw", "zh-hk", "zh-mo") or v.startswith(("zh-hant", "zh-tw-", "zh-hk-")):
        return "zh-TW"
    if v == "en" or v.startswith("en-"):
        return "en"
    return None


def locale_lang() -> str:
    """The language of the user's locale, as far as llmcourse speaks it; English otherwise."""
    for var in ("LC_ALL", "LC_MESSAGES", "LANG", "LANGUAGE"):
        value = os.environ.get(var)
        if value:
            # LANGUAGE may list several, separated by colons.
            return normalize_lang(value.split(":")[0]) or "en"
    return "en"


_LABELS: dict[str, tuple[str, str]] = {
    # key: (English, Traditional Chinese)
    "todo": ("todo", "待辦"),
    "in-progress": ("in progress", "進行中"),
    "done": ("done", "完成"),
    "skipped": ("skipped", "略過"),
    "part": ("Part", "第"),
    "topics": ("topics", "個主題"),
    "prerequisites": ("Prerequisites", "先備主題"),
    "concepts": ("Key concepts", "關鍵概念"),
    "resources": ("Resources", "學習資源"),
    "notebooks": ("Notebooks", "筆記本"),
    "notes": ("Notes", "筆記"),
    "summary": ("Summary", "摘要"),
    "status": ("Status", "狀態"),
    "none": ("none", "無"),
    "group.tools": ("Tools", "工具"),
    "group.fine-tuning": ("Fine-tuning", "微調"),
    "group.quantization": ("Quantization", "量化"),
    "group.other": ("Other", "其他"),
    "article": ("article", "文章"),
    "colab": ("Colab", "Colab"),
    "topic": ("topic", "主題"),
    "resource": ("resource", "資源"),
    "notebook": ("notebook", "筆記本"),
    "concept": ("concept", "概念"),
    "valid": ("valid", "有效"),
    # show, search, open (issue 3)
    "author": ("Author", "作者"),
    "in_topic": ("Topic", "主題"),
    "repository": ("Repository", "程式庫"),
    "kind": ("kind", "類型"),
    "number": ("no.", "編號"),
    "title": ("title", "標題"),
    "matched": ("matched", "符合"),
    "search.none": ("Nothing matches {query!r}.", "找不到符合 {query!r} 的內容。"),
    "open.opening": ("Opening {url}", "正在開啟 {url}"),
    "open.no_browser": (
        "No browser here ({why}); the URL is printed instead.",
        "這裡沒有瀏覽器（{why}），改為印出網址。",
    ),
    "open.failed": (
        "The browser could not be started; the URL is printed instead.",
        "無法啟動瀏覽器，改為印出網址。",
    ),
    "kind.article": ("article", "文章"),
    "kind.video": ("video", "影片"),
    "kind.paper": ("paper", "論文"),
    "kind.course": ("course", "課程"),
    "kind.docs": ("docs", "文件"),
    "kind.repo": ("repository", "程式庫"),
    "kind.tool": ("tool", "工具"),
    "kind.notebook": ("notebook", "筆記本"),
    "kind.book": ("book", "書籍"),
    "kind.blog": ("blog", "部落格"),
    "kind.list": ("list", "清單"),
    "kind.leaderboard": ("leaderboard", "排行榜"),
    "kind.model": ("model", "模型"),
    "kind.dataset": ("dataset", "資料集"),
    "kind.guide": ("guide", "指南"),
    "kind.other": ("other", "其他"),
    "fallback": (
        "Some text is not available in this language; showing English.",
        "部分內容沒有此語言版本，以英文顯示。",
    ),
    # show: links the last `check-links` found dead
    "dead_link": ("dead link, checked {when}", "失效連結，檢查於 {when}"),
    "dead_link.undated": ("dead link", "失效連結"),
    # statuses as words inside sentences ("before -> after"): English keeps the ids
    "st.todo": ("todo", "待辦"),
    "st.in-progress": ("in-progress", "進行中"),
    "st.done": ("done", "完成"),
    "st.skipped": ("skipped", "略過"),
    # marks: start, done, skip, reset
    "mark.start": ("started", "已開始"),
    "mark.done": ("done", "已完成"),
    "mark.skip": ("skipped", "已略過"),
    "mark.reset": ("reset to todo", "已重設為待辦"),
    "mark.already": ("already {status}", "原本就是「{status}」"),
    "mark.undo_hint": ("(`llmcourse undo` reverts this)", "（`llmcourse undo` 可以復原）"),
    "not_in_course": ("(not in this course)", "（不在本課程中）"),
    # undo
    "undo.head": ("Undid `{op}` of {at}:", "已復原 {at} 的「{op}」："),
    "undo.back": ("back to {status}", "回到「{status}」"),
    "undo.note_removed": ("note {id}: removed", "筆記 {id}：已移除"),
    "undo.note_restored": ("note {id}: restored", "筆記 {id}：已恢復"),
    # log
    "log.empty": (
        "No changes yet. `llmcourse done TOPIC` records one.",
        "還沒有任何變更。`llmcourse done 主題` 會記錄一筆。",
    ),
    "log.reverted": ("(reverted {id})", "（復原 {id}）"),
    "log.undone": ("[undone]", "[已復原]"),
    # progress
    "progress.head": ("Progress", "進度"),
    "progress.settled": (
        "({settled}/{total} topics settled)",
        "（{settled}/{total} 個主題已完成或略過）",
    ),
    "progress.counts": (
        "done {done} · in progress {in_progress} · skipped {skipped} · todo {todo}",
        "完成 {done} · 進行中 {in_progress} · 略過 {skipped} · 待辦 {todo}",
    ),
    "progress.skipped_note": ("(skipped topics count as settled)", "（略過的主題也計入進度）"),
    "progress.resources": (
        "Resources done {done}/{total} (skipped {skipped})",
        "資源完成 {done}/{total}（略過 {skipped}）",
    ),
    "progress.resources_short": ("Resources done {done}/{total}", "資源完成 {done}/{total}"),
    "progress.notebooks": ("notebooks done {done}/{total}", "筆記本完成 {done}/{total}"),
    "progress.notes": ("notes {n}", "筆記 {n}"),
    "progress.streak": ("Streak: {n} {days}", "連續天數：{n} {days}"),
    "progress.streak_short": ("streak {n} {days}", "連續 {n} {days}"),
    "day": ("day", "天"),
    "days": ("days", "天"),
    "progress.weeks": ("Last {n} weeks", "最近 {n} 週"),
    "progress.weeks_legend": (
        "Last {n} weeks ('.' none, '-' 1, '+' 2-3, '*' 4-6, '#' 7+ changes):",
        "最近 {n} 週（'.' 無，'-' 1，'+' 2-3，'*' 4-6，'#' 7 次以上變更）：",
    ),
    "progress.unknown": (
        "{n} mark(s) on ids this course does not have are kept",
        "保留了 {n} 個標記，它們的 id 不在本課程中",
    ),
    "weekdays": ("Mon Tue Wed Thu Fri Sat Sun", "週一 週二 週三 週四 週五 週六 週日"),
    # next
    "next.line": (
        "Next: {number} {id}  {title}  ({why})",
        "下一個主題：{number} {id}  {title}（{why}）",
    ),
    "colon": (": ", "："),
    "list_sep": (", ", "、"),
    "next.need": ("{id} ({status})", "{id}（{status}）"),
    "next.nothing": (
        "Next: nothing — every topic is done or skipped.",
        "下一個主題：沒有了，每個主題都已完成或略過。",
    ),
    "next.working": ("you are working on it", "你正在學習"),
    "next.ready": (
        "the first todo topic whose prerequisites are all done or skipped",
        "先備主題都已完成或略過的第一個待辦主題",
    ),
    "next.needs": ("needs", "需要"),
    "next.no_prereqs": ("no prerequisites", "沒有先備主題"),
    "next.unblocks": ("unblocks", "解鎖"),
    "next.also": ("also in progress", "同時進行中"),
    "next.hint_start": (
        "`llmcourse show {id}` shows it; `llmcourse start {id}` marks it started.",
        "`llmcourse show {id}` 顯示內容；`llmcourse start {id}` 標記為進行中。",
    ),
    "next.hint_done": (
        "`llmcourse show {id}` shows it; `llmcourse done {id}` when you finish.",
        "`llmcourse show {id}` 顯示內容；學完後執行 `llmcourse done {id}`。",
    ),
    # notes
    "notes.empty": (
        'No notes yet. `llmcourse note TOPIC "text"` adds one.',
        '還沒有筆記。`llmcourse note 主題 "內容"` 可以新增一則。',
    ),
    "notes.added": ("Note {id} added to {node}", "已新增筆記 {id} 到 {node}"),
    "notes.removed": (
        "Note {id} on {node} removed (`llmcourse undo` brings it back)",
        "已移除 {node} 上的筆記 {id}（`llmcourse undo` 可以找回）",
    ),
    "notes.change": ("note {id} on {node}: {what}", "{node} 上的筆記 {id}：{what}"),
    "notes.hidden": ("hidden", "隱藏"),
    "notes.shown": ("shown", "顯示"),
    # import
    "import.nothing": (
        "Nothing to import: you already have all of it.",
        "沒有需要匯入的內容：你已經擁有全部資料。",
    ),
    "import.would": (
        "Import would change {n} item(s) and add {events} history entries:",
        "匯入將變更 {n} 個項目，並新增 {events} 筆歷史紀錄：",
    ),
    "import.did": (
        "Import changed {n} item(s) and added {events} history entries:",
        "匯入已變更 {n} 個項目，並新增 {events} 筆歷史紀錄：",
    ),
    "import.dry_run": ("(dry run: nothing was written)", "（試執行：沒有寫入任何內容）"),
    "import.undo_hint": (
        "(`llmcourse undo` reverts the import)",
        "（`llmcourse undo` 可以復原這次匯入）",
    ),
    # export --format markdown
    "export.title": ("llmcourse progress", "llmcourse 學習進度"),
    "export.when": (
        "Exported {when}. Skipped items are ticked: they count as settled.",
        "匯出於 {when}。略過的項目也打勾：它們計入進度。",
    ),
    "export.note": ("note", "筆記"),
    # doctor
    "doctor.state": ("State file:", "狀態檔："),
    "doctor.backup": ("Backup:", "備份："),
    "doctor.leftover": ("Leftover:", "殘留檔："),
    "doctor.aside": ("Set aside:", "已移開："),
    "doctor.not_yet": (
        "(not created yet: it appears with your first mark)",
        "（尚未建立：第一次標記時產生）",
    ),
    "doctor.damaged": ("DAMAGED ({size} bytes)", "損壞（{size} 位元組）"),
    "doctor.problem": ("problem", "問題"),
    "doctor.refuses": (
        "llmcourse refuses to read or write it, and has left it exactly as it is.",
        "llmcourse 不會讀取或寫入它，檔案保持原樣。",
    ),
    "doctor.ok": (
        "ok (schema {version}, {size} bytes)",
        "正常（結構版本 {version}，{size} 位元組）",
    ),
    "doctor.counts": (
        "{marks}, {notes}, {events}",
        "{marks}、{notes}、{events}",
    ),
    "doctor.backup_ok": ("ok", "正常"),
    "doctor.backup_damaged": ("damaged: {problem}", "損壞：{problem}"),
    "doctor.no_backup": ("(none yet: written on each change)", "（還沒有：每次變更時寫入）"),
    "doctor.leftover_why": (
        "(a write that was interrupted; the state was not affected)",
        "（一次中斷的寫入；狀態沒有受到影響）",
    ),
    "doctor.aside_why": ("(a damaged state moved aside earlier)", "（先前移開的損壞狀態檔）"),
    "doctor.fix_restore": (
        "Fix: `llmcourse doctor --restore-backup` puts the backup in place and moves the "
        "damaged file aside (the last change before the damage may be lost).",
        "修復：`llmcourse doctor --restore-backup` 會放回備份，並把損壞的檔案移開"
        "（損壞前的最後一次變更可能會遺失）。",
    ),
    "doctor.fix_none": (
        "Fix: no good backup. Repair {path} by hand, or move it away to start afresh.",
        "修復：沒有可用的備份。請手動修復 {path}，或把它移開重新開始。",
    ),
    "doctor.restored": ("Restored {path} from {backup}.", "已從 {backup} 還原 {path}。"),
    "doctor.moved_aside": (
        "The replaced file was moved aside to {path}.",
        "被取代的檔案已移到 {path}。",
    ),
    "doctor.now": ("Now: {counts}.", "現在：{counts}。"),
    # history origins, merge, size limits, lock, nesting (issue 9: history and trust)
    "time.now_invalid": (
        "LLMCOURSE_NOW={value!r} is not an ISO 8601 date and time between 1970 and 2999",
        "LLMCOURSE_NOW={value!r} 不是 1970 到 2999 年之間的 ISO 8601 日期時間",
    ),
    "state.too_deep": (
        "nested more than {depth} levels deep: not an llmcourse file",
        "巢狀層數超過 {depth} 層：不是 llmcourse 的檔案",
    ),
    "state.too_large": (
        "this change would make your progress file {size} bytes, more than the {limit} "
        "allowed; nothing was written",
        "這次變更會讓進度檔變成 {size} 位元組，超過上限 {limit}；沒有寫入任何內容",
    ),
    "state.cannot_lock": (
        "cannot use the lock file {path}: {why}",
        "無法使用鎖定檔 {path}：{why}",
    ),
    "lock.pid": (" (pid {pid})", "（pid {pid}）"),
    "lock.busy": (
        "{path}: another llmcourse process{who} has been writing your progress for {seconds} s",
        "{path}：另一個 llmcourse 行程{who}已經寫入你的進度 {seconds} 秒",
    ),
    "lock.what_to_do": (
        "Wait for it to finish and try again, or stop that process (kill {pid}). Do not delete "
        "the lock file: the lock ends by itself when the process ends.",
        "請等它結束後再試一次，或停止那個行程（kill {pid}）。請勿刪除鎖定檔："
        "行程結束時鎖定會自動解除。",
    ),
    "lock.what_to_do_unknown": (
        "Wait for it to finish and try again, or stop that llmcourse. Do not delete the lock "
        "file: the lock ends by itself when the process ends.",
        "請等它結束後再試一次，或停止那個 llmcourse。請勿刪除鎖定檔：行程結束時鎖定會自動解除。",
    ),
    "restore.cannot_copy": (
        "{path}: cannot copy it aside before restoring: {why}; nothing was changed",
        "{path}：還原前無法把它複製到旁邊：{why}；沒有變更任何內容",
    ),
    "note.too_long": (
        "the note is {size} bytes; a note may have at most {limit} KB: nothing was saved",
        "這則筆記有 {size} 位元組；筆記最多 {limit} KB：沒有儲存",
    ),
    "import.where_mark": ("the mark of {id}", "{id} 的標記"),
    "import.where_note": ("note {id}", "筆記 {id}"),
    "import.where_entry": ("history entry {id}", "歷史紀錄 {id}"),
    "import.future": (
        "{where} is dated {time}, more than a day ahead of this machine's clock; nothing "
        "was imported",
        "{where} 的時間是 {time}，比這台電腦的時鐘快了超過一天；沒有匯入任何內容",
    ),
    "import.future_hint": (
        "Check the clock of the machine that exported it, then export again.",
        "請檢查匯出那台電腦的時鐘，然後重新匯出。",
    ),
    "import.from": ("from {source}", "來自 {source}"),
    "import.head_from": (" (from {source})", "（來自 {source}）"),
    "log.imported": ("[imported from {source}]", "[匯入自 {source}]"),
    "log.damaged": ("[damaged: never undone]", "[已損壞：不會復原]"),
    "doctor.cleaned": ("(removed)", "（已移除）"),
    "state.unreadable": (
        "{path}: cannot read your progress: {what}; the file was left untouched",
        "{path}：無法讀取你的進度：{what}；檔案保持原樣",
    ),
    "state.doctor_hint": (
        "`llmcourse doctor` explains; `llmcourse doctor --restore-backup` restores the backup.",
        "`llmcourse doctor` 會說明；`llmcourse doctor --restore-backup` 會還原備份。",
    ),
    # code health (issue 11): an unreadable state's problems past the tenth; a newer schema
    "state.more": ("… and {n} more", "……還有 {n} 項"),
    "state.newer_what": (
        "written by a newer llmcourse (schema {version}; this one knows up to {known})",
        "由較新版的 llmcourse 寫入（結構版本 {version}；這一版只認得到 {known}）",
    ),
    "state.too_big": (
        "the state file is {size} bytes, more than the {limit} allowed",
        "狀態檔有 {size} 位元組，超過上限 {limit}",
    ),
    "state.not_utf8": ("not UTF-8 text ({why})", "不是 UTF-8 文字（{why}）"),
    "state.not_toml": ("not valid TOML ({why})", "不是有效的 TOML（{why}）"),
    "state.empty": (
        "empty: not an llmcourse state file (truncated?)",
        "空的：不是 llmcourse 的狀態檔（被截斷了？）",
    ),
    "state.no_version": (
        "no schema_version: not an llmcourse state file (truncated?)",
        "沒有 schema_version：不是 llmcourse 的狀態檔（被截斷了？）",
    ),
    "state.bad_version": (
        "schema_version must be a whole number >= 1, not {value!r}",
        "schema_version 必須是 >= 1 的整數，而不是 {value!r}",
    ),
    "state.newer": ("{path}: {what}; it was left untouched", "{path}：{what}；檔案保持原樣"),
    "state.upgrade": ("Upgrade llmcourse to read it.", "請升級 llmcourse 來讀取它。"),
    "state.bad_shape": (
        "it does not have the shape of a state file",
        "它不符合狀態檔的結構",
    ),
    "state.folder": ("is a folder, not a state file", "是資料夾，不是狀態檔"),
    "state.cannot_read": ("cannot read: {why}", "無法讀取：{why}"),
    "import.not_export": (
        "{path}: not an llmcourse export: {what}",
        "{path}：不是 llmcourse 的匯出檔：{what}",
    ),
    "restore.no_backup": ("{path}: there is no backup to restore", "{path}：沒有可還原的備份"),
    "restore.fine": (
        "{path}: the state file is fine; restoring would lose its latest change",
        "{path}：狀態檔正常；還原會遺失最近的變更",
    ),
    "restore.force_hint": (
        "Add --force to use the backup anyway (the file is moved aside, not deleted).",
        "加上 --force 仍然使用備份（檔案會被移到旁邊，不會刪除）。",
    ),
    "mark.not_startable": (
        "{id} is a {kind}: a {kind} can be done or skipped, not started",
        "{id} 是{kind}：{kind}只能標為完成或略過，不能開始",
    ),
    "mark.not_startable_hint": (
        "`llmcourse done {id}` marks it done.",
        "`llmcourse done {id}` 可以標為完成。",
    ),
    "note.empty": ("the note is empty: nothing was saved", "筆記是空的：沒有儲存"),
    "note.no_such": ("no note has the id {id!r}", "沒有 id 為 {id!r} 的筆記"),
    "note.list_hint": ("`llmcourse note list` shows them.", "`llmcourse note list` 會列出筆記。"),
    "note.ambiguous": (
        "{id!r} is the start of several note ids",
        "{id!r} 是好幾則筆記 id 的開頭",
    ),
    "undo.nothing": ("nothing to undo", "沒有可以復原的變更"),
    "export.cannot_write": ("{path}: cannot write: {why}", "{path}：無法寫入：{why}"),
    "import.too_big": (
        "{path}: larger than {limit} bytes; not an llmcourse export",
        "{path}：大於 {limit} 位元組；不是 llmcourse 的匯出檔",
    ),
    "import.no_file": ("{path}: no such file", "{path}：沒有這個檔案"),
    "import.cannot_read": ("{path}: cannot read: {why}", "{path}：無法讀取：{why}"),
    "import.not_utf8": ("{path}: not UTF-8 text", "{path}：不是 UTF-8 文字"),
    "import.markdown": (
        "{path}: a Markdown checklist is for people and cannot be imported",
        "{path}：Markdown 清單是給人看的，無法匯入",
    ),
    "import.markdown_hint": (
        "Export with --format json or --format toml to move progress between machines.",
        "請用 --format json 或 --format toml 匯出，在電腦之間搬移進度。",
    ),
    "import.cannot_parse": ("{path}: cannot parse: {why}", "{path}：無法解析：{why}"),
    "import.not_object": (
        "{path}: not an llmcourse export (expected an object at the top)",
        "{path}：不是 llmcourse 的匯出檔（最上層應該是一個物件）",
    ),
    # check-links
    "link.ok": ("ok", "正常"),
    "link.redirected": ("redirected", "重新導向"),
    "link.broken": ("broken", "失效"),
    "link.timeout": ("timeout", "逾時"),
    "link.error": ("error", "錯誤"),
    "links.checking": ("checking links", "正在檢查連結"),
    "links.used_in": ("used in", "用於"),
    "links.summary": ("{n} links checked: {summary}", "已檢查 {n} 個連結：{summary}"),
    "links.count": ("{n} {status}", "{status} {n}"),
    "links.col.status": ("status", "狀態"),
    "links.col.code": ("code", "代碼"),
    "links.col.url": ("url", "網址"),
    "links.col.detail": ("detail", "詳細"),
    # check-links offline, unreachable, --failed (issue 9, item 17)
    "link.unreachable": ("unreachable", "無法連線"),
    "links.not_checked": ("{n} not checked", "未檢查 {n}"),
    "links.offline": (
        "This machine seems offline: name lookups failed for the first hosts tried, so "
        "{n} links were not checked (none is counted as broken). Run "
        "`llmcourse check-links --failed` when you are back online.",
        "這台機器似乎沒有連上網路：最先嘗試的幾個主機名稱都查詢失敗，因此有 {n} 個連結未檢查"
        "（都不算失效）。恢復連線後請執行 `llmcourse check-links --failed`。",
    ),
    "links.none_failed": (
        "No link failed in the last check: nothing to recheck.",
        "上次檢查沒有失敗的連結：沒有需要重新檢查的。",
    ),
    # update and editions
    "update.head": (
        "New edition {edition} from {source}: {parts} parts, {topics} topics, "
        "{resources} resources, {notebooks} notebooks (languages: {languages})",
        "來自 {source} 的新版本 {edition}：{parts} 個部分、{topics} 個主題、"
        "{resources} 個資源、{notebooks} 個筆記本（語言：{languages}）",
    ),
    "update.compared": (
        "Compared with the current course ({origin}):",
        "與目前的課程（{origin}）相比：",
    ),
    "update.same": (
        "no topics or resources added, removed or renamed",
        "沒有新增、移除或重新命名的主題或資源",
    ),
    "update.more": ("... and {n} more (see --json)", "……還有 {n} 項（見 --json）"),
    "update.marks": (
        "Your marks: {kept} of {total} carry over.",
        "你的標記：{total} 個中有 {kept} 個會沿用。",
    ),
    "update.lost": ("not in the new edition", "新版本中沒有"),
    "update.no_marks": ("Your marks: none yet.", "你的標記：還沒有。"),
    "update.applied": (
        "The new edition is now the active course: {path}",
        "新版本現在是使用中的課程：{path}",
    ),
    "update.switch_back": (
        "Switch back with: llmcourse editions --use previous  (or --use builtin)",
        "要切換回去：llmcourse editions --use previous（或 --use builtin）",
    ),
    "update.unchanged": (
        "Nothing changed. Run again with --yes to switch.",
        "沒有任何變更。加上 --yes 再執行一次即可切換。",
    ),
    "update.ask": ("Make this edition the active course?", "要把這個版本設為使用中的課程嗎？"),
    "editions.active_mark": ("active", "使用中"),
    "editions.previous_mark": ("previous", "前一個"),
    "editions.size": ("{topics} topics, {resources} res.", "{topics} 個主題、{resources} 項資源"),
    "editions.builtin": ("built in", "內建"),
    "editions.active": ("Active course: {path}", "使用中的課程：{path}"),
    # mcp (issue 18)
    "mcp.missing": (
        "the MCP server needs the mcp extra: pip install 'llmcourse[mcp]'",
        "MCP 伺服器需要額外套件：pip install 'llmcourse[mcp]'",
    ),
    "mcp.quiz": (
        "Quiz me on the topic {title!r} of the LLM Course, one question at a time, from its "
        "key concepts below. Wait for my answer before the next question, then tell me what I "
        "got right and what to review.",
        "請根據下列關鍵概念，就 LLM 課程的主題「{title}」考考我，一次一題。等我回答後再出下一題，"
        "並告訴我哪些答對了、哪些需要複習。",
    ),
    "mcp.plan_week": (
        "Plan my week of study in the LLM Course from my progress below: which topics and "
        "resources to take on each day, prerequisites first, at a realistic pace.",
        "請根據下列學習進度，幫我規劃這一週的 LLM 課程學習：每天該讀哪些主題與資源，"
        "先備主題優先，步調務實可行。",
    ),
    # references: numbers, exact references for changes, suggestions (issue 9)
    "ref.no_part": (
        "no part {part}: the course has parts {parts}",
        "沒有第 {part} 部分：本課程的部分是 {parts}",
    ),
    "ref.part_not_topic": (
        "{part} is a part, not a topic: part {part} has {topics}",
        "{part} 是一個部分，不是主題：第 {part} 部分的主題是 {topics}",
    ),
    "ref.no_topic": (
        "no topic {number}: part {part} has {topics}",
        "沒有主題 {number}：第 {part} 部分的主題是 {topics}",
    ),
    "ref.no_resource": (
        "{number} has resources {range}, not {n}",
        "{number} 的資源是 {range}，沒有 {n}",
    ),
    "ref.no_resources": ("{number} has no resources", "{number} 沒有資源"),
    "ref.bad_number": (
        "{ref!r} is not a number like 2.7 or 2.7#3",
        "{ref!r} 不是像 2.7 或 2.7#3 這樣的編號",
    ),
    "ref.ambiguous": (
        "{ref!r} is ambiguous: it matches {n} entries",
        "{ref!r} 不夠明確：符合 {n} 個項目",
    ),
    "ref.more": ("… and {n} more", "……還有 {n} 個"),
    "ref.pick": ("Use an id or a number to pick one.", "請用 id 或編號指定其中一個。"),
    "ref.unknown": ("nothing in the course matches {ref!r}", "課程中沒有符合 {ref!r} 的項目"),
    "ref.did_you_mean": ("Did you mean:", "你是不是要找："),
    "ref.unknown_hint": (
        "`llmcourse list` shows every topic; `llmcourse search` searches everything.",
        "`llmcourse list` 列出所有主題；`llmcourse search` 可以搜尋全部內容。",
    ),
    "ref.not_exact": (
        "{ref!r} is not an exact reference: a change needs an id, a number (2.7, 2.7#3) "
        "or a whole title",
        "{ref!r} 不是精確的參照：變更需要 id、編號（2.7、2.7#3）或完整標題",
    ),
    "ref.exact_hint": (
        "Run the command again with one of these ids or numbers.",
        "請改用上面其中一個 id 或編號再執行一次。",
    ),
    "ref.n_needs_topic": (
        "a number after a reference picks a topic's resource, but {ref!r} is a {kind}",
        "參照後面的數字用來指定主題的資源，但 {ref!r} 是{kind}",
    ),
    "ref.one_target": (
        "{what} takes one topic, resource or notebook, not {n}",
        "{what} 只能指定一個主題、資源或筆記本，不能指定 {n} 個",
    ),
    "ref.no_article": (
        "notebook {ref!r} has no article; open it without --article for Colab",
        "筆記本 {ref!r} 沒有文章；不加 --article 即可在 Colab 開啟",
    ),
    "url.control": (
        "URL {url!r} contains whitespace or control characters",
        "網址 {url!r} 含有空白或控制字元",
    ),
    "url.malformed": ("URL {url!r} is malformed: {why}", "網址 {url!r} 格式錯誤：{why}"),
    "url.not_http": ("URL {url!r} is not http(s)", "網址 {url!r} 不是 http(s)"),
    "url.no_host": ("URL {url!r} has no host", "網址 {url!r} 沒有主機"),
    # study loop: review, card, plan (issue 16)
    "rating.again": ("again", "重來"),
    "rating.hard": ("hard", "困難"),
    "rating.good": ("good", "良好"),
    "rating.easy": ("easy", "簡單"),
    "study.bad_rating": (
        "{rating!r} is not a rating: use again, hard, good or easy (or 1-4)",
        "{rating!r} 不是評分：請用 again、hard、good 或 easy（或 1-4）",
    ),
    "study.card_empty": (
        "a card needs a front and a back: nothing was saved",
        "卡片需要正面與背面：沒有儲存任何內容",
    ),
    "study.no_own_card": (
        "no card of yours has the id {id!r}",
        "你的卡片中沒有 id 為 {id!r} 的卡片",
    ),
    "study.card_list_hint": (
        "`llmcourse card list` shows them.",
        "`llmcourse card list` 會列出它們。",
    ),
    "study.ambiguous_card": (
        "{id!r} is the start of several card ids",
        "{id!r} 是好幾張卡片 id 的開頭",
    ),
    "study.not_in_deck": ("no card {id!r} in your deck", "你的卡組中沒有卡片 {id!r}"),
    "study.deck_hint": (
        "`llmcourse review --due --all` lists the due cards; concept cards join the deck when "
        "you start their topic.",
        "`llmcourse review --due --all` 會列出到期的卡片；"
        "開始一個主題後，它的概念卡片就會加入卡組。",
    ),
    "study.rate_usage": (
        "usage: llmcourse review rate CARD again|hard|good|easy",
        "用法：llmcourse review rate 卡片 again|hard|good|easy",
    ),
    "study.review_usage": (
        "usage: llmcourse review [--due [--json]]  or  llmcourse review rate CARD RATING",
        "用法：llmcourse review [--due [--json]] 或 llmcourse review rate 卡片 評分",
    ),
    "study.card_usage": (
        'usage: llmcourse card add REF "FRONT" "BACK"  |  card list  |  card remove ID',
        '用法：llmcourse card add 參照 "正面" "背面" | card list | card remove ID',
    ),
    "study.bad_limit": (
        "the config's review_limit must be a whole number of 0 or more, not {value!r}",
        "設定中的 review_limit 必須是 0 以上的整數，不能是 {value!r}",
    ),
    "study.plan_needs": (
        "plan needs --hours-per-week H, --until DATE, or both",
        "plan 需要 --hours-per-week H、--until 日期，或兩者都給",
    ),
    "study.bad_hours": (
        "--hours-per-week must be more than 0, not {value}",
        "--hours-per-week 必須大於 0，不能是 {value}",
    ),
    "study.bad_date": (
        "{value!r} is not a date like 2027-03-31",
        "{value!r} 不是像 2027-03-31 這樣的日期",
    ),
    "study.until_past": (
        "--until {until} is before today ({today})",
        "--until {until} 早於今天（{today}）",
    ),
    "review.empty_deck": (
        "Your deck is empty: start a topic (`llmcourse start REF`) to get its key concepts as "
        "cards, or add your own (`llmcourse card add REF FRONT BACK`).",
        "你的卡組是空的：開始一個主題（`llmcourse start 參照`）即可把它的關鍵概念變成卡片，"
        "或自己新增（`llmcourse card add 參照 正面 背面`）。",
    ),
    "review.none_due": ("No cards due now.", "現在沒有到期的卡片。"),
    "review.next_due": ("Next card due {when}.", "下一張卡片到期時間：{when}。"),
    "review.cap_reached": (
        "Today's {limit} reviews are done (review_limit); {n} due cards wait for the coming days.",
        "今天的 {limit} 次複習已完成（review_limit）；{n} 張到期卡片留待之後幾天。",
    ),
    "review.backlog": (
        "{n} cards are due; today's share is {share} (review_limit {limit}); the rest come over "
        "the next {days} days, most overdue first.",
        "共有 {n} 張卡片到期；今天的份量是 {share} 張（review_limit {limit}）；其餘會在接下來 "
        "{days} 天內依逾期時間由久到近出現。",
    ),
    "review.due_head": (
        "{share} cards to review today ({n} due, {done} done today, review_limit {limit})",
        "今天要複習 {share} 張卡片（到期 {n} 張，今天已完成 {done} 次，review_limit {limit}）",
    ),
    "review.card_head": ("Card {i}/{n}  {id}", "卡片 {i}/{n}  {id}"),
    "review.new": ("new", "新卡片"),
    "review.reveal_prompt": ("Enter shows the answer, q stops: ", "按 Enter 顯示答案，q 結束："),
    "review.rate_prompt": (
        "1 again · 2 hard · 3 good · 4 easy · q stop: ",
        "1 重來 · 2 困難 · 3 良好 · 4 簡單 · q 結束：",
    ),
    "review.rated": ("{id}: {rating}; next due {due}", "{id}：{rating}；下次到期 {due}"),
    "review.summary": (
        "Rated {n} card this session; {done} done today, {left} still due."
        "|Rated {n} cards this session; {done} done today, {left} still due.",
        "這次評分了 {n} 張卡片；今天已完成 {done} 次，還有 {left} 張到期。",
    ),
    "card.added": ("Added card {id} on {node}", "已在 {node} 新增卡片 {id}"),
    "card.removed": ("Removed card {id}", "已移除卡片 {id}"),
    "card.none": (
        "No cards of your own yet: `llmcourse card add REF FRONT BACK` adds one.",
        "你還沒有自己的卡片：用 `llmcourse card add 參照 正面 背面` 新增。",
    ),
    "plan.head": (
        "Plan from {start}: {total} h left at {pace} h a week",
        "從 {start} 開始的計畫：剩下 {total} 小時，每週 {pace} 小時",
    ),
    "plan.week": ("Week {n} (from {start}), {hours} h:", "第 {n} 週（{start} 起），{hours} 小時："),
    "plan.finish": ("Expected finish: {date}", "預計完成：{date}"),
    "plan.nothing": (
        "Nothing left to plan: every topic is done or skipped.",
        "沒有需要規劃的內容：所有主題都已完成或略過。",
    ),
    "plan.needed": (
        "To finish by {until} you need {pace} h a week.",
        "要在 {until} 前完成，每週需要 {pace} 小時。",
    ),
    "plan.saved": (
        "Plan saved: `llmcourse progress` now says whether you are on track.",
        "計畫已儲存：`llmcourse progress` 會告訴你是否跟上進度。",
    ),
    "plan.effort_note": (
        "Hours per resource come from its kind (article 0.5, video 1, paper 2, course 6…).",
        "每個資源的時數依類型估算（文章 0.5、影片 1、論文 2、課程 6……）。",
    ),
    "import.study": (
        "  and {n} review logs or own cards (not reverted by undo)",
        "  以及 {n} 筆複習紀錄或自訂卡片（undo 不會還原）",
    ),
    "progress.reviews": (
        "Reviews: {due} due · {done} done today",
        "複習：{due} 張到期 · 今天完成 {done} 次",
    ),
    "progress.on_track": (
        "Plan: on track ({done} of {expected} h expected by today; finish {finish})",
        "計畫：進度正常（今天前預期 {expected} 小時，已完成 {done} 小時；預計 {finish} 完成）",
    ),
    "progress.behind": (
        "Plan: behind by {hours} h (about {days} days); at {pace} h a week you finish {projected}",
        "計畫：落後 {hours} 小時（約 {days} 天）；以每週 {pace} 小時計，預計 {projected} 完成",
    ),
    "note.usage": (
        'usage: llmcourse note REF [N] "TEXT"  or  llmcourse note REF [N] --edit '
        "(quote the text: it is one argument)",
        '用法：llmcourse note 參照 [N] "內容" 或 llmcourse note 參照 [N] --edit'
        "（內容請加引號：它是一個引數）",
    ),
    # browse: the full-screen course browser (issue 15)
    "tui.filter": ("filter: {status}", "篩選：{status}"),
    "tui.pick_item": (
        "Pick a topic, resource or notebook first.",
        "請先選擇一個主題、資源或筆記本。",
    ),
    "tui.undo_hint": ("(u undoes)", "（按 u 復原）"),
    "tui.no_browser": ("No browser here ({why}): {url}", "這裡沒有瀏覽器（{why}）：{url}"),
    "tui.open_failed": ("The browser could not be started: {url}", "無法啟動瀏覽器：{url}"),
    "tui.no_terminal": (
        "browse needs a terminal; `llmcourse list` and `llmcourse show REF` print the course",
        "browse 需要終端機；`llmcourse list` 與 `llmcourse show REF` 可以印出課程",
    ),
    "tui.note_saved": ("Note saved on {node}.", "已在 {node} 加上筆記。"),
    "tui.search_prompt": ("Search (Enter jumps, Esc closes)", "搜尋（Enter 跳到結果，Esc 關閉）"),
    "tui.no_hits": ("no matches", "沒有符合的結果"),
    "tui.filter_cleared": (
        "The filter hid it: showing all topics again.",
        "它被篩選隱藏了：已改回顯示全部主題。",
    ),
    "tui.state_error": ("Cannot read your progress: {error}", "無法讀取你的進度：{error}"),
    "tui.marked_on": ("{status} since {date}", "{date} 起{status}"),
    "tui.part_counts": (
        "{done} of {total} topics done, {in_progress} in progress, {skipped} skipped",
        "{total} 個主題中完成 {done} 個、進行中 {in_progress} 個、略過 {skipped} 個",
    ),
    "tui.help_title": ("Keys", "按鍵"),
    "tui.help_close": ("Esc, q or ? closes this.", "按 Esc、q 或 ? 關閉。"),
    "tui.key.move": ("move (arrows, j down)", "移動（方向鍵，j 向下）"),
    "tui.key.select": ("select, expand or collapse", "選取、展開或收合"),
    "tui.key.search": ("search as you type", "即時搜尋"),
    "tui.key.done": ("mark done", "標記為完成"),
    "tui.key.start": ("mark in progress", "標記為進行中"),
    "tui.key.skip": ("mark skipped", "標記為略過"),
    "tui.key.reset": ("reset to todo", "重設為待辦"),
    "tui.key.undo": ("undo the last change", "復原上一個變更"),
    "tui.key.open": ("open the link in the browser", "在瀏覽器開啟連結"),
    "tui.key.note": ("write a note in $EDITOR", "在 $EDITOR 寫筆記"),
    "tui.key.filter": ("cycle the status filter", "切換狀態篩選"),
    "tui.key.lang": ("switch language", "切換語言"),
    "tui.key.help": ("show these keys", "顯示這些按鍵"),
    "tui.key.quit": ("quit", "離開"),
    "tui.key.why_k": (
        "k is skip (as in the marking keys), so moving up is the up arrow.",
        "k 是略過（與其他標記鍵一致），因此向上移動請用方向鍵。",
    ),
    "tui.foot.move": ("move", "移動"),
    "tui.foot.search": ("search", "搜尋"),
    "tui.foot.done": ("done", "完成"),
    "tui.foot.start": ("start", "開始"),
    "tui.foot.skip": ("skip", "略過"),
    "tui.foot.reset": ("reset", "重設"),
    "tui.foot.undo": ("undo", "復原"),
    "tui.foot.open": ("open", "開啟"),
    "tui.foot.note": ("note", "筆記"),
    "tui.foot.filter": ("filter", "篩選"),
    "tui.foot.lang": ("中文", "English"),
    "tui.foot.help": ("keys", "按鍵"),
    "tui.foot.quit": ("quit", "離開"),
    # map and path (issue 17)
    "map.title": ("{course} ({edition}): prerequisite map", "{course}（{edition}）：先備主題地圖"),
    "map.legend": (
        "A <- B: study B before A",
        "A <- B：先學 B 再學 A",
    ),
    "map.other_part": (" (part {n})", "（第 {n} 部分）"),
    "map.no_part": (
        "there is no part {n}: the course has parts {first} to {last}",
        "沒有第 {n} 部分：本課程有第 {first} 到第 {last} 部分",
    ),
    "map.bad_format": (
        "--format must be text, mermaid, dot or html, not {fmt!r}",
        "--format 必須是 text、mermaid、dot 或 html，不能是 {fmt!r}",
    ),
    "map.no_folder": (
        "{path}: the folder {folder} does not exist",
        "{path}：資料夾 {folder} 不存在",
    ),
    "map.cannot_write": ("{path}: cannot write: {why}", "{path}：無法寫入：{why}"),
    "map.cycle": ("the prerequisites form a cycle", "先備主題形成循環"),
    "map.wrote": ("Wrote {path}", "已寫入 {path}"),
    "map.external": (" (in another part)", "（在其他部分）"),
    "map.dashed": (
        "dashed: a prerequisite from another part",
        "虛線：來自其他部分的先備主題",
    ),
    "map.page_title": ("{course}: prerequisite map", "{course}：先備主題地圖"),
    "map.page_intro": (
        "Each box is a topic; an arrow leads from a prerequisite to the topic that needs it. "
        "Click a topic to open its section of the course.",
        "每個方框是一個主題；箭頭從先備主題指向需要它的主題。點選主題即可開啟課程中的對應章節。",
    ),
    "map.by_part": ("Topics by part", "各部分的主題"),
    "path.head": (
        "Path to {number} {id}  {title}: {n} topic(s) before it",
        "通往 {number} {id}  {title} 的路徑：之前還有 {n} 個主題",
    ),
    "path.goal": (" (goal)", "（目標）"),
    "path.settled": (
        "Left out as done or skipped: {ids}",
        "已完成或略過而省略：{ids}",
    ),
    "path.not_topic": (
        "{ref!r} is a {kind}, not a topic: `path` leads to a topic",
        "{ref!r} 是{kind}，不是主題：`path` 的目標必須是主題",
    ),
    # language choice, Chinese typography and readable times (issue 12)
    "lang.config_unknown": (
        "Warning: lang = {value} in {path} is not a language llmcourse speaks "
        "(en or zh-TW); using {lang}.",
        "警告：{path} 中的 lang = {value} 不是 llmcourse 支援的語言（en 或 zh-TW），改用 {lang}。",
    ),
    # search: why a hit matched (field names as search.py writes them)
    "why.title": ("title", "標題"),
    "why.concept": ("concept", "概念"),
    "why.keyword": ("keyword", "關鍵字"),
    "why.id": ("id", "id"),
    "why.summary": ("summary", "摘要"),
    "why.link": ("link", "連結"),
    "why.author": ("author", "作者"),
    "why.prefix": ("prefix", "開頭相符"),
    "why.typo": ("typo", "拼字相近"),
    "why.sep": ("; ", "；"),
    # punctuation that is full-width in Chinese: "notebook (Tools)", 筆記本（工具）
    "paren": (" ({})", "（{}）"),
    "comma": (", ", "，"),
    # paths (English keeps the names --json has)
    "paths.state": ("state", "狀態檔"),
    "paths.config": ("config", "設定檔"),
    "paths.cache": ("cache", "快取"),
    "paths.data": ("data", "資料夾"),
    # log and undo: operation names (English keeps the ids, as --json has them)
    "op.start": ("start", "開始"),
    "op.done": ("done", "完成"),
    "op.skip": ("skip", "略過"),
    "op.reset": ("reset", "重設"),
    "op.note": ("note", "新增筆記"),
    "op.note-remove": ("note-remove", "移除筆記"),
    "op.note-edit": ("note-edit", "修改筆記"),
    "op.import": ("import", "匯入"),
    "op.undo": ("undo", "復原"),
    # export and log: the format from the file's extension, a missing folder, more entries;
    # the error prefix (issue 13)
    "export.no_folder": (
        "{path}: the folder {folder} does not exist (create it first, or check its name)",
        "{path}：資料夾 {folder} 不存在（請先建立它，或檢查名稱）",
    ),
    "error.prefix": ("Error: ", "錯誤："),
    "log.more": (
        "(the latest {shown} of {total} entries, times in local time: `llmcourse log -l 0` shows "
        "them all)",
        "（顯示最新 {shown} 筆，共 {total} 筆，時間為本地時間：`llmcourse log -l 0` 可顯示全部）",
    ),
    "export.wrote": ("Wrote {path} ({fmt})", "已寫入 {path}（{fmt}）"),
    "update.back": ("back again", "再次回來"),
    "update.identical": (
        "{source} holds the same edition as the active course: nothing to do.",
        "{source} 與使用中的課程是同一個版本：不需要更新。",
    ),
    "update.guard": (
        "this update was not made: it needs --force",
        "沒有執行這次更新：需要加上 --force",
    ),
    "update.guard.marks": (
        "it would orphan {lost} of your {total} marks (more than half)",
        "它會讓你 {total} 個標記中的 {lost} 個失去對應（超過一半）",
    ),
    "update.guard.topics": (
        "it would drop {dropped} of the {total} topics (more than a third)",
        "它會移除 {total} 個主題中的 {dropped} 個（超過三分之一）",
    ),
    "update.guard.force": (
        "Run again with --force to update anyway (your marks are kept either way).",
        "若仍要更新，請加上 --force 再執行一次（無論如何你的標記都會保留）。",
    ),
    "update.no_read_back": (
        "the stored edition does not read back: {error}",
        "儲存的版本無法讀回：{error}",
    ),
    "update.cannot_store": (
        "cannot store the new edition in {root}: {error}",
        "無法把新版本儲存到 {root}：{error}",
    ),
    "registry.unreadable": (
        "{file}: cannot read the identity registry: {error}",
        "{file}：無法讀取識別登錄檔：{error}",
    ),
    "registry.unwritable": (
        "{file}: cannot write the identity registry: {error}",
        "{file}：無法寫入識別登錄檔：{error}",
    ),
    "settings.unwritable": ("cannot save the settings: {error}", "無法儲存設定：{error}"),
    "editions.no_previous": (
        "there is no previous course to switch back to",
        "沒有可以切換回去的前一個課程",
    ),
    "editions.unknown": ("no edition {target!r}", "沒有版本 {target!r}"),
    "course.bad_topic_id": (
        "{file}: parts[{part}].topics: {ref!r} is not a topic id "
        "(lowercase letters, digits and single hyphens)",
        "{file}：parts[{part}].topics：{ref!r} 不是主題 id（只能用小寫字母、數字與單一連字號）",
    ),
    "course.outside": (
        "{file}: refused: it leads outside the course folder {folder}",
        "{file}：拒絕讀取：它指向課程資料夾 {folder} 之外",
    ),
    "editions.known": ("known: {names}", "已知的版本：{names}"),
    "fetch.scheme": (
        "{source}: only http(s) URLs and local files can be read",
        "{source}：只能讀取 http(s) 網址與本機檔案",
    ),
    "fetch.not_utf8": (
        "{source}: not UTF-8 text (byte {byte})",
        "{source}：不是 UTF-8 文字（第 {byte} 個位元組）",
    ),
    "fetch.status": ("{source}: the server answered {code}", "{source}：伺服器回應 {code}"),
    "fetch.deadline": (
        "{source}: not downloaded within {seconds} s (see --timeout)",
        "{source}：沒有在 {seconds} 秒內下載完成（見 --timeout）",
    ),
    "fetch.redirects": ("{source}: too many redirects", "{source}：重新導向次數過多"),
    "fetch.failed": ("{source}: download failed: {error}", "{source}：下載失敗：{error}"),
    "course.too_big": (
        "{file}: {size} MiB is more than a course may hold ({limit} MiB per file); "
        "refusing to read it",
        "{file}：{size} MiB 超過課程檔案的上限（每個檔案 {limit} MiB）；拒絕讀取",
    ),
    # everyday polish (issue 13): list filters, open --next, config, notes, help, errors
    "list.bad_status": (
        "--status {status!r} is not a status: use {valid}",
        "--status {status!r} 不是狀態：請用 {valid}",
    ),
    "list.bad_part": (
        "--part {part} is not a part: the course has parts {valid}",
        "--part {part} 不是課程的部分：本課程的部分是 {valid}",
    ),
    "list.nothing": ("Nothing matches these filters.", "沒有符合這些條件的項目。"),
    "list.footer": (
        "{settled}/{total} topics settled (done {done} + skipped {skipped}) · "
        "in progress {in_progress} · todo {todo}",
        "{settled}/{total} 個主題已完成或略過（完成 {done} + 略過 {skipped}）· "
        "進行中 {in_progress} · 待辦 {todo}",
    ),
    "next.resource": (
        "next resource: {ref} {id}  {title}  (`llmcourse open --next`)",
        "下一個資源：{ref} {id}  {title}（`llmcourse open --next`）",
    ),
    "next.no_resource": (
        "{topic} has no resource left to read; `llmcourse done {topic}` when you finish it",
        "{topic} 已沒有待讀的資源；學完後執行 `llmcourse done {topic}`",
    ),
    "next.no_topic": (
        "nothing is next: every topic is done or skipped",
        "沒有下一個主題：每個主題都已完成或略過",
    ),
    "open.next_with_ref": (
        "--next picks the resource itself: give no REF with it",
        "--next 會自動選擇資源：請不要同時指定參照",
    ),
    "open.what": (
        "give what to open (REF), or --next for the next resource",
        "請指定要開啟的項目（參照），或用 --next 開啟下一個資源",
    ),
    "open.article_not_notebook": (
        "--article is for notebooks (their article instead of Colab)",
        "--article 只適用於筆記本（開啟文章而不是 Colab）",
    ),
    "open.will_not": ("will not open it: {problem}", "不會開啟：{problem}"),
    "config.bad_toml": (
        "{file}: the settings are not valid TOML: {why}",
        "{file}：設定檔不是有效的 TOML：{why}",
    ),
    "config.unreadable": ("{file}: cannot read the settings: {why}", "{file}：無法讀取設定：{why}"),
    "config.unwritable": (
        "{file}: cannot write the settings: {why}",
        "{file}：無法寫入設定：{why}",
    ),
    "config.ignored": ("{file}: {why} (ignored)", "{file}：{why}（已忽略）"),
    "config.unknown_key": (
        "{setting!r} is not a setting: the settings are {keys}",
        "{setting!r} 不是設定項目：設定項目有 {keys}",
    ),
    "config.bad_int": (
        "{setting} must be a whole number of at least 1, not {value!r}",
        "{setting} 必須是至少 1 的整數，不能是 {value!r}",
    ),
    "config.bad_text": (
        "{setting} must be a text, not {value!r}",
        "{setting} 必須是文字，不能是 {value!r}",
    ),
    "config.bad_lang": (
        "lang must be en or zh-TW (or an alias such as zh_TW or zh-Hant), not {value!r}",
        "lang 必須是 en 或 zh-TW（或別名，例如 zh_TW、zh-Hant），不能是 {value!r}",
    ),
    "config.help.lang": (
        "en or zh-TW (or an alias: zh_TW, zh-Hant…)",
        "en 或 zh-TW（或別名：zh_TW、zh-Hant…）",
    ),
    "config.help.browser": ("the browser `open` launches", "`open` 啟動的瀏覽器"),
    "config.help.course": (
        "the active course: builtin, or a file or folder",
        "使用中的課程：builtin，或一個檔案或資料夾",
    ),
    "config.help.previous_course": ("the course before the last switch", "上一次切換前的課程"),
    "config.help.update_source": (
        "where `update` downloads from (URL or path)",
        "`update` 下載的來源（網址或路徑）",
    ),
    "config.help.review_limit": (
        "at most this many cards per review (a whole number ≥ 1)",
        "每次複習最多幾張卡片（≥ 1 的整數）",
    ),
    "config.not_set": ("(not set)", "（未設定）"),
    "config.default": ("(default: {value})", "（預設：{value}）"),
    "config.set": ("{setting} = {value}", "{setting} = {value}"),
    "config.unset": ("{setting} removed (back to its default)", "已移除 {setting}（恢復預設）"),
    "config.usage": (
        "usage: llmcourse config list | get KEY | set KEY VALUE | unset KEY",
        "用法：llmcourse config list | get 設定 | set 設定 值 | unset 設定",
    ),
    "config.doctor_ok": ("fine", "正常"),
    "config.doctor_none": (
        "(none yet: every setting has its default)",
        "（尚無：每個設定都是預設值）",
    ),
    "config.head": ("Settings: ", "設定："),
    "start.prereqs": (
        "Reminder: {id} builds on {missing}, not yet done or skipped.",
        "提醒：{id} 的先備主題 {missing}尚未完成或略過。",
    ),
    "wording.missing": ("required field is missing", "缺少必要的欄位"),
    "wording.unknown_field": ("unknown field", "未知的欄位"),
    "wording.text": ('expected a text in quotes ("…")', '應為加引號的文字（"…"）'),
    "wording.int": ("expected a whole number (like 3)", "應為整數（例如 3）"),
    "wording.number": ("expected a number (like 2.5)", "應為數字（例如 2.5）"),
    "wording.bool": ("expected true or false", "應為 true 或 false"),
    "wording.list": ("expected a list ([…, …])", "應為清單（[…, …]）"),
    "wording.table": ("expected a table ({field}.… = …)", "應為表格（{field}.… = …）"),
    "wording.texts": (
        "expected a table of texts per language ({field}.en = …)",
        "應為各語言文字的表格（{field}.en = …）",
    ),
    "wording.one_of": ("expected one of {expected}", "應為以下其中之一：{expected}"),
    "wording.at_least": ("expected {ge} or more", "應大於或等於 {ge}"),
    "wording.more_than": ("expected more than {gt}", "應大於 {gt}"),
    "wording.at_most": ("expected {le} or less", "應小於或等於 {le}"),
    "notes.edited": (
        "Note {id} on {node} changed (`llmcourse undo` brings the old text back)",
        "已修改 {node} 上的筆記 {id}（`llmcourse undo` 可以恢復原本的內容）",
    ),
    "notes.empty_edit": (
        "the note would be empty: nothing was changed (`note remove ID` removes a note)",
        "筆記會變成空的：沒有做任何變更（`note remove ID` 可以移除筆記）",
    ),
    "notes.edit_usage": (
        "usage: llmcourse note edit ID  (`llmcourse note list` shows ids)",
        "用法：llmcourse note edit ID（`llmcourse note list` 會列出 id）",
    ),
    "count.marks": ("{n} mark|{n} marks", "{n} 個標記"),
    "count.notes": ("{n} note|{n} notes", "{n} 則筆記"),
    "count.events": ("{n} history entry|{n} history entries", "{n} 筆歷史紀錄"),
    "list.not_topic": (
        "list takes a topic, but {ref!r} is a {kind}",
        "list 只接受主題，但 {ref!r} 是{kind}",
    ),
    # everyday polish, part 2 (issue 13): show's dates, completion of values
    "dates.started": ("started {when}", "開始於 {when}"),
    "dates.done": ("done {when}", "完成於 {when}"),
    "dates.sep": (" · ", "，"),
    "complete.previous": ("the edition used before", "上一個使用的版本"),
    "complete.builtin": ("built-in edition", "內建版本"),
    "complete.stored": ("downloaded edition", "已下載的版本"),
    # errors raised with English text until issue 12 (course files, editor, search, export, mcp)
    "err.course_missing": (
        "{path}: no such course file or folder",
        "{path}：找不到這個課程檔案或資料夾",
    ),
    "err.course_toml": (
        "{path}: a course folder needs a course.toml",
        "{path}：課程資料夾需要一個 course.toml",
    ),
    "err.topic_ids": (
        "{file}: parts[{part}].topics lists topic ids (strings)",
        "{file}：parts[{part}].topics 應列出主題 id（字串）",
    ),
    "err.no_topic_file": (
        "{file}: parts[{part}]: no file {topic_file}",
        "{file}：parts[{part}]：沒有檔案 {topic_file}",
    ),
    "err.cannot_read": ("{path}: cannot read: {why}", "{path}：無法讀取：{why}"),
    "err.not_toml": ("{path}: not valid TOML: {why}", "{path}：不是有效的 TOML：{why}"),
    "err.not_valid": ("{origin}: the course does not validate", "{origin}：課程未通過驗證"),
    "err.no_course": ("{source}: no course found", "{source}：找不到課程"),
    "err.no_course_hint": (
        "expected '## Part' headings holding '### 1. Topic' headings",
        "預期有 '## Part' 標題，其下有 '### 1. Topic' 標題",
    ),
    "err.editor_run": (
        "cannot run the editor {editor!r}: {why}",
        "無法執行編輯器 {editor!r}：{why}",
    ),
    "err.editor_hint": ("Set $EDITOR to your editor.", "請將 $EDITOR 設為你的編輯器。"),
    "err.editor_exit": (
        "the editor {editor!r} exited with code {code}; no note saved",
        "編輯器 {editor!r} 以代碼 {code} 結束；未儲存筆記",
    ),
    "err.note_remove_usage": (
        "usage: llmcourse note remove ID  (`llmcourse note list` shows ids)",
        "用法：llmcourse note remove ID（`llmcourse note list` 會顯示 id）",
    ),
    "err.export_format": (
        "--format must be json, toml or markdown, not {fmt!r}",
        "--format 必須是 json、toml 或 markdown，而不是 {fmt!r}",
    ),
    "err.search_kind": (
        "--kind {kind!r} is not a kind: use one of {kinds}",
        "--kind {kind!r} 不是有效的類型：請用 {kinds} 之一",
    ),
    "err.search_empty": (
        "give some words to search for, e.g. `llmcourse search lora`",
        "請提供要搜尋的字詞，例如 `llmcourse search lora`",
    ),
    "err.mcp_kind": ("kind {kind!r} is not one of {kinds}", "類型 {kind!r} 不是 {kinds} 之一"),
    "err.mcp_query_empty": ("the query is empty", "查詢是空的"),
    "err.mcp_not_topic": ("{topic!r} is not a topic", "{topic!r} 不是主題"),
    "err.mcp_status": (
        "status {status!r} is not one of {statuses}",
        "狀態 {status!r} 不是 {statuses} 之一",
    ),
    "err.mcp_note_empty": ("the note is empty", "筆記是空的"),
    "check.no_languages": (
        "languages: a course declares at least one language",
        "languages：課程至少要宣告一種語言",
    ),
    "check.bad_language": (
        "languages: {lang!r} is not a language code like 'en' or 'zh-TW'",
        "languages：{lang!r} 不是像 'en' 或 'zh-TW' 這樣的語言代碼",
    ),
    "check.missing_text": ("{where}: missing {lang} text", "{where}：缺少 {lang} 文字"),
    "check.not_language": (
        "{where}: {lang!r} is not a language code",
        "{where}：{lang!r} 不是語言代碼",
    ),
    "check.control": ("{where}: contains control characters", "{where}：含有控制字元"),
    "check.bad_id": (
        "{where}: id {value!r} must be lowercase letters, digits and single hyphens",
        "{where}：id {value!r} 只能由小寫字母、數字與單一連字號組成",
    ),
    "check.duplicate_id": (
        "{where}: duplicate id {value!r} (also {other})",
        "{where}：重複的 id {value!r}（也用於 {other}）",
    ),
    "check.duplicate_part": (
        "{where}.number: duplicate part number {n}",
        "{where}.number：重複的部分編號 {n}",
    ),
    "check.duplicate_topic": (
        "{where}.number: duplicate topic number {n}",
        "{where}.number：重複的主題編號 {n}",
    ),
    "check.unknown_topic": ("{where}: unknown topic {ref!r}", "{where}：未知的主題 {ref!r}"),
    "check.self_prerequisite": (
        "{where}: a topic cannot require itself",
        "{where}：主題不能以自己為先備主題",
    ),
    "wording.no_such_option": ("No such option: {value}", "沒有這個選項：{value}"),
    "wording.extra_args": (
        "Got unexpected extra argument(s) ({value})",
        "多了無法使用的引數（{value}）",
    ),
    # click's other usage errors, and the frame around them, in the run's language
    "wording.missing_argument": ("Missing argument {value}.", "缺少引數 {value}。"),
    "wording.missing_option": ("Missing option {value}.", "缺少選項 {value}。"),
    "wording.no_such_command": ("No such command {value}.", "沒有 {value} 這個指令。"),
    "wording.did_you_mean": ("Did you mean {value}?", "你是不是要用 {value}？"),
    "wording.possible_options": ("(Possible options: {value})", "（可用的選項：{value}）"),
    "wording.invalid_value": ("Invalid value for {value}: {why}", "{value} 的值無效：{why}"),
    "wording.needs_value": ("Option {value} requires a value.", "選項 {value} 需要一個值。"),
    "usage.line": ("Usage: {usage}", "用法：{usage}"),
    "usage.try": ("Try '{command} -h' for help.", "輸入 '{command} -h' 查看說明。"),
    "check.cycle": ("prerequisites: cycle {cycle}", "prerequisites：循環 {cycle}"),
    # sync: a git remote or a synced folder (issue 14)
    "config.help.sync_remote": (
        "the git remote `sync` uses (set by `sync --remote`)",
        "`sync` 使用的 git 遠端（由 `sync --remote` 設定）",
    ),
    "config.help.sync_folder": (
        "the synced folder `sync` uses (set by `sync --folder`)",
        "`sync` 使用的同步資料夾（由 `sync --folder` 設定）",
    ),
    "config.help.device_name": (
        "this machine's name in sync (default: its host name)",
        "這台機器在同步中的名稱（預設：主機名稱）",
    ),
    "sync.usage": (
        "usage: llmcourse sync [--remote URL | --folder PATH], or llmcourse sync status",
        "用法：llmcourse sync [--remote URL | --folder PATH]，或 llmcourse sync status",
    ),
    "sync.both": (
        "give --remote or --folder, not both",
        "請指定 --remote 或 --folder 其中之一，不能兩者都給",
    ),
    "sync.not_set_up": ("sync is not set up yet", "尚未設定同步"),
    "sync.not_set_up_hint": (
        "Run `llmcourse sync --remote URL` (a private git repository) or "
        "`llmcourse sync --folder PATH` (a synced folder) once.",
        "請先執行一次 `llmcourse sync --remote URL`（私人 git 儲存庫）或 "
        "`llmcourse sync --folder PATH`（同步資料夾）。",
    ),
    "sync.not_set_up_short": ("(not set up)", "（尚未設定）"),
    "sync.url_empty": ("the remote URL is empty", "遠端網址是空的"),
    "sync.url_option": (
        "refusing the remote {url!r}: it starts with '-' and git would read it as an option",
        "拒絕遠端 {url!r}：它以 '-' 開頭，git 會把它當成選項",
    ),
    "sync.url_helper": (
        "refusing the remote {url!r}: the ext:: and fd:: transports run commands",
        "拒絕遠端 {url!r}：ext:: 與 fd:: 傳輸方式會執行命令",
    ),
    "sync.url_control": (
        "refusing the remote: it holds control characters",
        "拒絕遠端：其中含有控制字元",
    ),
    "sync.url_password": (
        "refusing the remote {url!r}: it holds a password, which llmcourse does not store",
        "拒絕遠端 {url!r}：其中含有密碼，llmcourse 不會儲存密碼",
    ),
    "sync.url_password_hint": (
        "Leave credentials to git: an ssh key, or its credential helper "
        "(git config --global credential.helper store).",
        "請把憑證交給 git：ssh 金鑰，或它的憑證輔助程式"
        "（git config --global credential.helper store）。",
    ),
    "sync.no_git": ("git is not installed (or not on PATH)", "沒有安裝 git（或不在 PATH 中）"),
    "sync.no_git_hint": (
        "Install git (https://git-scm.com), or sync through a folder: "
        "`llmcourse sync --folder PATH`.",
        "請安裝 git（https://git-scm.com），或改用資料夾同步：`llmcourse sync --folder PATH`。",
    ),
    "sync.timeout": (
        "git did not finish within {seconds} seconds",
        "git 未在 {seconds} 秒內完成",
    ),
    "sync.git_failed": ("git {command} failed: {why}", "git {command} 失敗：{why}"),
    "sync.auth": (
        "the remote {url} refused the credentials: {why}",
        "遠端 {url} 拒絕了憑證：{why}",
    ),
    "sync.unreachable": ("cannot reach the remote {url}: {why}", "無法連上遠端 {url}：{why}"),
    "sync.no_folder": ("{path}: no such folder", "{path}：沒有這個資料夾"),
    "sync.folder_error": ("{path}: {why}", "{path}：{why}"),
    "sync.locked": (
        "another sync of this home is still running",
        "這個資料夾的另一個同步仍在執行",
    ),
    "sync.cannot_lock": ("{path}: cannot lock: {why}", "{path}：無法鎖定：{why}"),
    "sync.busy": (
        "the remote kept changing: the push was rejected {attempts} times; try again",
        "遠端一直在變動：推送被拒絕了 {attempts} 次；請再試一次",
    ),
    "sync.damaged": (
        "{path} in the remote is damaged: {why}; nothing was changed here",
        "遠端的 {path} 已損壞：{why}；這裡沒有任何變更",
    ),
    "sync.damaged_hint": (
        "The device {device} rewrites it on its next sync (or remove the file from the remote).",
        "裝置 {device} 下次同步時會重寫它（或從遠端刪除這個檔案）。",
    ),
    "sync.refused": ("{path}: {why}; nothing was changed here", "{path}：{why}；這裡沒有任何變更"),
    "sync.wrong_device": (
        "it says it is the device {device}",
        "它自稱是裝置 {device}",
    ),
    "sync.not_utf8": ("not UTF-8 text", "不是 UTF-8 文字"),
    "sync.too_big": (
        "larger than the {limit} bytes a device file may hold",
        "超過裝置檔案上限 {limit} 位元組",
    ),
    "sync.newer": (
        "written by a newer llmcourse (schema {version}; this one knows up to {known})",
        "由較新版的 llmcourse 寫入（結構版本 {version}；這一版只認得到 {known}）",
    ),
    "sync.left_newer": (
        "{path} left alone: {why}; upgrade llmcourse to merge it",
        "未處理 {path}：{why}；升級 llmcourse 後才能合併",
    ),
    "sync.conflict_ignored": (
        "{path}: a sync service's conflict copy, ignored",
        "{path}：同步服務產生的衝突副本，已忽略",
    ),
    "sync.repaired": (
        "this device's file in the remote was damaged; it was written again",
        "遠端中這台裝置的檔案已損壞；已重新寫入",
    ),
    "sync.changes": ("{n} change|{n} changes", "{n} 項變更"),
    "sync.devices": ("{n} other device|{n} other devices", "{n} 台其他裝置"),
    "sync.done": (
        "Synced with {where}: {what} from {devices}.",
        "已與 {where} 同步：{what}，來自 {devices}。",
    ),
    "sync.label.remote": ("remote", "遠端"),
    "sync.label.folder": ("folder", "資料夾"),
    "sync.label.device": ("this device", "這台裝置"),
    "sync.label.last": ("last sync", "上次同步"),
    "sync.label.devices": ("devices seen:", "看過的裝置："),
    "sync.this_device": ("  (this device)", "（這台裝置）"),
}


# The language of this run, set once the root command has chosen it (`set_lang`), so that code
# without a session at hand (domain errors) can still speak the user's language through `msg`.
_current = "en"


def set_lang(lang: str) -> None:
    global _current
    _current = lang


def current_lang() -> str:
    return _current


def msg(key: str, **params: object) -> str:
    """The label `key` in this run's language, formatted with `params`: for messages raised
    from code that has no session (errors from course/, progress/, net/)."""
    text = label(key, _current)
    return text.format(**params) if params else text


def label(key: str, lang: str) -> str:
    """The program's own words for `key` in `lang` (English for any other language)."""
    en, zh = _LABELS.get(key, (key, key))
    return zh if lang == "zh-TW" else en


def has_label(key: str) -> bool:
    return key in _LABELS


def counted(key: str, n: int, lang: str, **params: object) -> str:
    """The label `key` for a count `n` (and other `params`). English labels give "one|many"
    forms ("{n} note|{n} notes"): 1 note, 2 notes; Chinese has one form."""
    text = label(key, lang)
    if "|" in text:
        one, many = text.split("|", 1)
        text = one if n == 1 else many
    return text.format(n=n, **params)


def keys() -> list[str]:
    """Every label key (for tests)."""
    return list(_LABELS)


def cells(text: str) -> int:
    """How many terminal columns `text` takes: CJK wide characters count two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, width: int) -> str:
    """`text` left-aligned in `width` terminal columns (like f"{text:<width}" for ASCII)."""
    return text + " " * max(0, width - cells(text))
