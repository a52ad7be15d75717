"""Choosing the language, and the program's own labels in each language."""

from __future__ import annotations

import os


def normalize_lang(value: str) -> str | None:
    """'zh_TW', 'zh-tw', 'zh_HK', 'zh-Hant…' -> 'zh-TW'; 'en', 'en_US.UTF-8' -> 'en'; else None."""
    v = value.strip().split(".")[0].split("@")[0].replace("_", "-").lower()
    if v in ("zh-tw", "zh-hk", "zh-mo") or v.startswith("zh-hant"):
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
    "undo.head": ("Undid `{op}` of {at}:", "已復原 {at} 的 `{op}`："),
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
    "editions.legend": ("* active   < previous", "* 使用中   < 前一個"),
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
    "note.usage": (
        'usage: llmcourse note REF [N] "TEXT"  or  llmcourse note REF [N] --edit '
        "(quote the text: it is one argument)",
        '用法：llmcourse note 參照 [N] "內容" 或 llmcourse note 參照 [N] --edit'
        "（內容請加引號：它是一個引數）",
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


def counted(key: str, n: int, lang: str) -> str:
    """The label `key` for a count `n`. English labels give "one|many" forms ("{n} note|{n}
    notes"): 1 note, 2 notes; Chinese has one form."""
    text = label(key, lang)
    if "|" in text:
        one, many = text.split("|", 1)
        text = one if n == 1 else many
    return text.format(n=n)


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
