"""Every command's `--help` in Traditional Chinese (Taiwan usage), applied by cli/root.py when the
run's language is zh-TW. One table, keyed by command name ("" is the root app), so the English
docstrings and help= strings stay where the commands are defined.

Example command lines (`  llmcourse …`) are copied exactly from the English help: tests run them.
tests/test_help_zh.py checks that every command and every parameter with help has an entry here,
and that no entry is left for one that no longer exists.
"""

from __future__ import annotations

import re
from typing import Any

_JSON = "以 JSON 取代文字輸出。"
_REFS = (
    "主題、資源或筆記本，須完全一致：id、編號（2.7、2.7#3）或完整標題。"
    "主題後的數字指它的資源（nlp 2 3）。"
)
_REF = "主題、資源或筆記本：id、編號（2.7）、前綴或標題中的字詞。"

HELP_ZH: dict[str, dict[str, Any]] = {
    "": {
        "help": (
            "Maxime Labonne 的 LLM 課程的終端機夥伴：瀏覽學習路線圖，"
            "以英文或中文搜尋，並追蹤你的進度。\n\n"
            "範例：\n\n"
            "  llmcourse list\n\n"
            "  llmcourse --lang zh-TW list\n\n"
            "  llmcourse --course my-course/ validate"
        ),
        "params": {
            "lang": "課程內容與標籤的語言：en 或 zh-TW。預設：設定檔的 `lang`，其次是你的語系。",
            "course": "使用這個檔案或資料夾中的課程，而非目前使用中的課程。",
            "version": "顯示版本並結束。",
            "install_completion": "為目前的 shell 安裝自動補全。",
            "show_completion": "顯示目前 shell 的自動補全設定，以便複製或自訂安裝方式。",
        },
    },
    "list": {
        "help": (
            "以樹狀顯示課程：各部分、主題、編號與你的狀態標記。\n\n"
            "加上 --resources 時，列出每個主題的資源與其標記。\n\n"
            "範例：\n\n"
            "  llmcourse list\n\n"
            "  llmcourse list --status in-progress --part 2\n\n"
            "  llmcourse list --resources --status todo\n\n"
            "  llmcourse list quantization --status todo\n\n"
            "  llmcourse list --lang zh-TW --json"
        ),
        "params": {
            "topic": "只顯示這個主題及其資源。",
            "status": "只顯示 todo、in-progress、done 或 skipped（可重複指定多個）。",
            "part": "只顯示第 N 部分。",
            "resources": "列出每個主題的資源；--status 會篩選它們。",
            "as_json": _JSON,
        },
    },
    "show": {
        "help": (
            "顯示一個主題（摘要、狀態、先備主題、關鍵概念、編號的資源、筆記本、你的筆記），"
            "或一項資源、一本筆記本。\n\n"
            "範例：\n\n"
            "  llmcourse show quantization\n\n"
            "  llmcourse show 2.7\n\n"
            "  llmcourse show 量化 --json"
        ),
        "params": {"ref": _REF, "as_json": _JSON},
    },
    "search": {
        "help": (
            "同時以英文與中文搜尋主題、概念、資源與筆記本；"
            "容許錯字、連字號與領域中的縮寫。\n\n"
            "範例：\n\n"
            "  llmcourse search quantisation\n\n"
            "  llmcourse search 檢索增強 --limit 3\n\n"
            "  llmcourse search lora --kind resource --json"
        ),
        "params": {
            "query": "要找的字詞。",
            "limit": "最多顯示 N 筆結果。",
            "kind": "只顯示這一類的結果：topic、concept、resource、notebook（可重複指定多個）。",
            "as_json": _JSON,
        },
    },
    "open": {
        "help": (
            "在瀏覽器中開啟主題在課程頁面上的段落、主題的第 N 項資源、一項資源，"
            "或在 Colab 中開啟筆記本（或印出網址）。\n\n"
            "範例：\n\n"
            "  llmcourse open quantization\n\n"
            "  llmcourse open 2.7 3\n\n"
            "  llmcourse open --next -n\n\n"
            "  llmcourse open 4-bit-quantization-using-gptq --article -n"
        ),
        "params": {
            "ref": _REF,
            "n": "主題的第 N 項資源（依 `show` 的編號）。",
            "next_": "下一項尚未完成的資源（屬於 `next` 建議的主題）。",
            "no_browser": "印出網址而不開啟。",
            "article": "對筆記本：開啟它的文章而非 Colab。",
        },
    },
    "browse": {
        "help": (
            "以全螢幕瀏覽課程：各部分、主題、資源與筆記本的樹狀圖，選取項目的詳細內容，"
            "以及你的進度。按鍵：方向鍵或 j 移動，Enter 展開，/ 搜尋，d 完成，s 開始，"
            "k 略過，r 重設，u 復原，o 開啟，n 筆記，f 篩選，l 語言，? 按鍵說明，q 離開。\n\n"
            "範例：\n\n"
            "  llmcourse browse\n\n"
            "  llmcourse --lang zh-TW browse"
        ),
        "params": {},
    },
    "start": {
        "help": (
            "將主題標記為進行中（尚未完成的先備主題會提醒你）。\n\n"
            "範例：\n\n"
            "  llmcourse start quantization\n\n"
            "  llmcourse start 2.7"
        ),
        "params": {
            "topics": "主題，須完全一致：id、編號（2.7）或完整標題。"
            "資源與筆記本不能開始：請用 `done` 或 `skip`。",
            "as_json": _JSON,
        },
    },
    "done": {
        "help": (
            "將主題、資源或筆記本標記為完成。\n\n"
            "範例：\n\n"
            "  llmcourse done mathematics python\n\n"
            "  llmcourse done quantization 3     (該主題的第三項資源)\n\n"
            "  llmcourse done nlp 2 3 2.7#1      (nlp 的第二、三項資源，2.7 的第一項)"
        ),
        "params": {"refs": _REFS, "as_json": _JSON},
    },
    "skip": {
        "help": (
            "將主題、資源或筆記本標記為略過（視為已處理）。\n\n"
            "範例：\n\n"
            "  llmcourse skip python\n\n"
            "  llmcourse skip nlp 2"
        ),
        "params": {"refs": _REFS, "as_json": _JSON},
    },
    "reset": {
        "help": (
            "將主題、資源或筆記本改回待辦（`undo` 也能復原重設）。\n\n"
            "範例：\n\n"
            "  llmcourse reset quantization"
        ),
        "params": {"refs": _REFS, "as_json": _JSON},
    },
    "note": {
        "help": (
            "為主題、資源或筆記本加上附日期的筆記；列出、編輯或刪除筆記。\n\n"
            "範例：\n\n"
            '  llmcourse note quantization "GPTQ needs a calibration set"\n\n'
            '  llmcourse note 2.7 1 "read twice"     (寫在 2.7 的第一項資源)\n\n'
            "  llmcourse note quantization --edit\n\n"
            "  llmcourse note list quantization\n\n"
            "  llmcourse note quantization           (它的筆記)\n\n"
            "  llmcourse note edit 3f2a              (在 $EDITOR 中)\n\n"
            "  llmcourse note remove 3f2a"
        ),
        "params": {
            "args": "REF [N] 與 `done` 的寫法完全相同；TEXT 是一個（加引號的）引數。"
            "只給 REF 時列出該項目的筆記。",
            "edit": "在 $EDITOR 中撰寫筆記。",
            "as_json": _JSON,
        },
    },
    "undo": {
        "help": "復原最後一次變更；再執行一次可復原更前一次。\n\n範例：\n\n  llmcourse undo",
        "params": {"as_json": _JSON},
    },
    "log": {
        "help": (
            "顯示你的變更紀錄，最新的在前。\n\n"
            "範例：\n\n"
            "  llmcourse log\n\n"
            "  llmcourse log -l 0 --json"
        ),
        "params": {"limit": "顯示幾筆變更（0：全部）。", "as_json": _JSON},
    },
    "progress": {
        "help": (
            "總覽：各部分的進度條、統計、資源、連續天數、複習、計畫、活動與下一步。\n\n"
            "範例：\n\n"
            "  llmcourse progress\n\n"
            "  llmcourse progress --json"
        ),
        "params": {"as_json": _JSON},
    },
    "next": {
        "help": (
            "建議接下來要學的主題，並說明原因。\n\n"
            "正在進行的主題；否則是第一個先備主題都已完成或略過的待辦主題；"
            "以及它第一項尚未完成的資源（即 `open --next` 開啟的）。\n\n"
            "範例：\n\n"
            "  llmcourse next"
        ),
        "params": {"as_json": _JSON},
    },
    "export": {
        "help": (
            "匯出你的進度：JSON 或 TOML 可搬到另一台電腦，Markdown 供閱讀。\n\n"
            "範例：\n\n"
            "  llmcourse export -o progress.json\n\n"
            "  llmcourse export -o progress.toml\n\n"
            "  llmcourse export --format markdown > checklist.md"
        ),
        "params": {
            "fmt": "json、toml 或 markdown（一份檢查清單）。預設：依檔案的副檔名"
            "（.json、.toml、.md），否則為 json。",
            "output": "寫入 FILE 而非標準輸出。",
        },
    },
    "import": {
        "help": (
            "合併在另一台電腦匯出的進度：每個項目以較新的變更為準，筆記合併，"
            "不會遺失任何內容。`undo` 可復原一次匯入。\n\n"
            "範例：\n\n"
            "  llmcourse import progress.json --dry-run\n\n"
            "  llmcourse import progress.json"
        ),
        "params": {
            "file": "由 `export` 產生的 JSON 或 TOML 檔案。",
            "dry_run": "顯示會有哪些變更，但不做任何變更。",
            "as_json": _JSON,
        },
    },
    "sync": {
        "help": (
            "透過 git 遠端或同步資料夾，與你的其他電腦同步進度。\n\n"
            "每台電腦只寫入自己的檔案（devices/<裝置 id>.toml），並以 `import` 的規則合併其他"
            "裝置的檔案：每個項目以最新的變更為準。第一次同步時指定遠端或資料夾；"
            "之後只要執行 `llmcourse sync`。\n\n"
            "範例：\n\n"
            "  llmcourse sync status\n\n"
            "  llmcourse sync --remote ../progress.git\n\n"
            "  llmcourse sync --folder Dropbox/llmcourse\n\n"
            "  llmcourse sync"
        ),
        "params": {
            "action": "status：同步的位置、這台裝置、上次同步的時間與看過的裝置。",
            "remote": "用來同步的 git 儲存庫（路徑、file://、ssh、https）；會被記住。",
            "folder": "由 Syncthing、Dropbox 或 iCloud 同步的資料夾，取代 git；會被記住。",
            "as_json": _JSON,
        },
    },
    "check-links": {
        "help": (
            "檢查課程（或部分主題）的每個連結，列出失效的連結，最嚴重的在前。\n\n"
            "每個連結都正常時結束狀態為 0；任何連結損壞（HTTP 錯誤）、逾時、失敗或"
            "無法連線（沒有網路、DNS、被拒、TLS）時為 1。若最先嘗試的幾個主機名稱查詢都失敗，"
            "表示這台電腦似乎離線：檢查會提早停止並說明，無法檢查的連結留給"
            " `check-links --failed`。結果記在快取資料夾（links.json）；"
            "`show` 只標示以 HTTP 錯誤回應的連結。\n\n"
            "範例：\n\n"
            "  llmcourse check-links\n\n"
            "  llmcourse check-links quantization 2.7 --json\n\n"
            "  llmcourse check-links --failed\n\n"
            "  llmcourse check-links --concurrency 32 --timeout 5"
        ),
        "params": {
            "refs": "要檢查的主題（id、編號、標題中的字詞）。預設：全部。",
            "concurrency": "同時檢查的連結數。",
            "per_host": "每個主機同時的請求數。",
            "timeout": "每個請求與每次名稱查詢的秒數。",
            "failed": "只重新檢查上次失敗的連結。",
            "show_ok": "也列出正常的連結。",
            "as_json": _JSON,
        },
    },
    "update": {
        "help": (
            "下載最新的課程 README，顯示有哪些變更，並設為使用中的課程。\n\n"
            "你的標記會保留：課程用過的每個 id 都會記住，所以回來的主題、資源或筆記本"
            "會拿回原本的 id。若更新會使超過一半的標記失去對象，或刪掉超過三分之一的主題，"
            "除非加上 --force，否則會停止。你確認（或加上 --yes）之前不會有任何變更；"
            "可用 `llmcourse editions --use previous` 或 `--use builtin` 切換回去。\n\n"
            "範例：\n\n"
            "  llmcourse update\n\n"
            "  llmcourse update --source ./README.md --yes\n\n"
            "  llmcourse update --source https://example.org/README.md --timeout 20 --json"
        ),
        "params": {
            "source": "README 的網址或本機檔案。預設：設定檔的 update_source，"
            "其次是課程上游的 README。",
            "yes": "不詢問直接切換。",
            "force": "即使會使超過一半的標記失去對象或刪掉超過三分之一的主題，仍然更新。",
            "timeout": "整個下載可花的秒數。",
            "as_json": _JSON,
        },
    },
    "editions": {
        "help": (
            "列出課程的各個版本（內建的與 `update` 儲存的），或切換版本。\n\n"
            "範例：\n\n"
            "  llmcourse editions\n\n"
            "  llmcourse editions --use previous\n\n"
            "  llmcourse editions --use builtin"
        ),
        "params": {
            "use": "切換到：builtin、previous、某個內建版本，或某個版本 id。",
            "as_json": _JSON,
        },
    },
    "review": {
        "help": (
            "以 FSRS 間隔排程，複習你已開始的主題的關鍵概念。\n\n"
            "每張卡片先顯示正面；按 Enter 顯示背面；評分 1 again、2 hard、3 good、4 easy；"
            "q 停止（每次評分都會立即儲存）。每天最多 `review_limit` 次複習（設定，"
            "預設 20）；更多的待複習卡片會分散到接下來幾天。\n\n"
            "範例：\n\n"
            "  llmcourse review\n\n"
            "  llmcourse review --due --json\n\n"
            "  llmcourse review rate mathematics/linear-algebra good"
        ),
        "params": {
            "args": "從指令稿為一張卡片評分：again、hard、good 或 easy（或 1-4）。",
            "due": "列出今天到期的卡片，而不是複習它們。",
            "everything": "搭配 --due：列出所有到期卡片，不受每日上限限制。",
            "as_json": _JSON,
        },
    },
    "card": {
        "help": (
            "新增、列出或刪除你自己的複習卡片（概念卡片會隨你開始的主題而來）。\n\n"
            "範例：\n\n"
            '  llmcourse card add quantization "What does GPTQ need?" "A calibration set"\n\n'
            "  llmcourse card list\n\n"
            "  llmcourse card remove 3f2a"
        ),
        "params": {
            "args": "REF [N] 與 `done` 的寫法完全相同；FRONT 與 BACK 各是一個（加引號的）引數。",
            "everything": "搭配 list：也列出你牌組中的概念卡片。",
            "as_json": _JSON,
        },
    },
    "plan": {
        "help": (
            "逐週規劃課程剩下的部分：先備主題優先，依每項資源的類型估計時數，"
            "以及預計完成日；加上 --until 時，算出每週需要的時數。\n\n"
            "範例：\n\n"
            "  llmcourse plan --hours-per-week 5\n\n"
            "  llmcourse plan --until 2027-03-31\n\n"
            "  llmcourse plan -H 6 --save --json"
        ),
        "params": {
            "hours_per_week": "你每週學習的時數。",
            "until": "要在哪一天（2027-03-31）之前完成。",
            "save": "保留這份計畫：之後 `progress` 會追蹤它。",
            "as_json": _JSON,
        },
    },
    "validate": {
        "help": (
            "檢查課程檔案或資料夾，列出每個問題（有問題時結束狀態為 1）。\n\n"
            "範例：\n\n"
            "  llmcourse validate my-course/\n\n"
            "  llmcourse validate my-course.toml --json"
        ),
        "params": {"path": "課程檔案或資料夾。預設：使用中的課程。", "as_json": _JSON},
    },
    "paths": {
        "help": (
            "顯示 llmcourse 存放狀態、設定、快取與資料的位置。\n\n"
            "設定 LLMCOURSE_HOME 可將它們全部放在同一個資料夾。"
        ),
        "params": {"as_json": _JSON},
    },
    "doctor": {
        "help": (
            "檢查進度檔、它的備份與設定；說明任何損壞並加以修復。\n\n"
            "中斷的寫入留下的暫存檔會被移除。狀態檔損壞或無法讀取 config.toml 時，"
            "結束狀態為 1。\n\n"
            "範例：\n\n"
            "  llmcourse doctor\n\n"
            "  llmcourse doctor --restore-backup"
        ),
        "params": {
            "restore_backup": "以最後一份完好的備份取代狀態檔；損壞的檔案會移到一旁，絕不刪除。",
            "force": "搭配 --restore-backup：即使狀態檔完好也照做。",
            "as_json": _JSON,
        },
    },
    "config": {
        "help": (
            "顯示或變更你的設定（lang、browser、course、update_source、review_limit…）。\n\n"
            "寫入前會先檢查值；未知的鍵或不正確的值會被拒絕。\n\n"
            "範例：\n\n"
            "  llmcourse config list\n\n"
            "  llmcourse config set lang zh-TW\n\n"
            "  llmcourse config get lang\n\n"
            "  llmcourse config unset lang"
        ),
        "params": {"words": "要做的事、設定名稱與它的新值。", "as_json": _JSON},
    },
    "mcp": {
        "help": (
            "在 stdin/stdout 上執行 Model Context Protocol 伺服器，供 Claude Desktop、"
            "VS Code、Cursor 或任何 MCP 客戶端使用：它能搜尋與閱讀課程、你的進度與下一步，"
            "並為你出題測驗。需要額外套件：pip install 'llmcourse[mcp]'。\n\n"
            "範例：\n\n"
            "  llmcourse mcp\n\n"
            "  llmcourse --lang zh-TW mcp --allow-writes"
        ),
        "params": {
            "allow_writes": "也提供會變更你進度的工具（mark、add_note）；"
            "沒有這個選項時伺服器只會讀取。",
        },
    },
    "map": {
        "help": (
            "畫出先備主題關係圖與你的進度：在終端機中分層顯示，或輸出為 Mermaid 流程圖、"
            "Graphviz DOT 圖，或獨立的網頁。\n\n"
            "範例：\n\n"
            "  llmcourse map\n\n"
            "  llmcourse map --part 2\n\n"
            "  llmcourse map --format mermaid > map.mmd\n\n"
            "  llmcourse map --format html -o map.html"
        ),
        "params": {
            "part": "只顯示第 N 部分（以及它需要的其他部分的主題）。",
            "fmt": "text、mermaid、dot 或 html。",
            "output": "寫入 FILE 而非標準輸出（它的資料夾必須已存在）。",
        },
    },
    "path": {
        "help": (
            "TOPIC 直接或間接需要、而你尚未完成或略過的主題，依可學習的順序排列，"
            "最後是 TOPIC 本身。\n\n"
            "範例：\n\n"
            "  llmcourse path quantization\n\n"
            "  llmcourse path 3.4 --json"
        ),
        "params": {
            "topic": "要達成的主題：id、編號（2.7）、前綴或標題中的字詞。",
            "as_json": _JSON,
        },
    },
}

# click's own words beside an option's help.
_CLICK_ZH = {
    "Show this message and exit.": "顯示這段說明並結束。",
    "[required]": "[必填]",
    "[env var: ": "[環境變數：",
    "[default: ": "[預設：",
}

# The headings click and cli/helpformat.py write, in Chinese.
# click's placeholders in a usage line (the metavars of our own parameters stay as written).
USAGE_ZH = {"[OPTIONS]": "[選項]", "COMMAND [ARGS]...": "指令 [引數]..."}
HEADINGS_ZH = {
    "Usage: ": "用法：",
    "Options": "選項",
    "Arguments": "引數",
    "Commands": "指令",
}


def apply(group: Any) -> None:
    """Put the Chinese help on the root click group, its commands and their parameters."""
    for name, command in [("", group), *getattr(group, "commands", {}).items()]:
        entry = HELP_ZH.get(name)
        if entry is None:
            continue
        command.help = entry["help"]
        command.short_help = entry.get("short_help") or _first_sentence(entry["help"])
        for param in command.params:
            text = entry["params"].get(param.name)
            if text and getattr(param, "help", None):
                param.help = text


def _in_zh(text: str) -> str:
    for en, zh in _CLICK_ZH.items():
        text = text.replace(en, zh)
    return text


def usage_in_zh(text: str) -> str:
    """A usage line's placeholders in Chinese: `[OPTIONS]` reads `[選項]`."""
    for en, zh in USAGE_ZH.items():
        text = text.replace(en, zh)
    return text


def _first_sentence(text: str) -> str:
    """The command list's line: the first sentence, to '。' or '；' (helpformat.short_help
    cuts English at '. ')."""
    first = text.split("\n\n")[0]
    for end in ("。", "；"):
        first = first.split(end)[0]
    return first


def formatter_class(base: type[Any]) -> type[Any]:
    """click's help formatter with the headings and the usage prefix in Chinese, and text
    wrapped by terminal columns (click counts characters, and a Chinese one takes two)."""

    # A base class chosen at run time is one mypy cannot check (click stays unimported here).
    class ChineseHelpFormatter(base):  # type: ignore[misc]
        def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
            """`用法：prog args`, the arguments wrapped under themselves by columns."""
            from llmcourse.i18n import cells
            from llmcourse.views.paint import line_ranges

            head = f"{HEADINGS_ZH.get(prefix or 'Usage: ', prefix):>{self.current_indent}}{prog} "
            text = usage_in_zh(args)
            rows = [text[a:b] for a, b in line_ranges(text, max(self.width - cells(head), 20))]
            hang = " " * cells(head)
            self.write(head + "\n".join([rows[0], *(hang + row for row in rows[1:])]) + "\n")

        def write_heading(self, heading: str) -> None:
            self.write(f"{'':>{self.current_indent}}{HEADINGS_ZH.get(heading, heading)}：\n")

        def write_text(self, text: str) -> None:
            indent = " " * self.current_indent
            for line in _paragraphs(text, self.width - self.current_indent):
                self.write(f"{indent}{line}\n" if line else "\n")

        def write_dl(self, rows: Any, col_max: int = 30, col_spacing: int = 2) -> None:
            """Terms and their help, as click lays them out (a term too long for the first
            column puts its help on the next line), the help wrapped by columns."""
            from llmcourse.i18n import cells

            rows = [(term, _in_zh(text)) for term, text in rows]
            first = min(max((cells(t) for t, _ in rows), default=0), col_max) + col_spacing
            hang = " " * (first + self.current_indent)
            for term, text in rows:
                self.write(f"{'':>{self.current_indent}}{term}")
                if not text:
                    self.write("\n")
                    continue
                fits = cells(term) <= first - col_spacing
                self.write(" " * (first - cells(term)) if fits else "\n" + hang)
                lines = _paragraphs(text, max(self.width - first - 2, 10)) or [""]
                self.write(lines[0] + "\n" + "".join(f"{hang}{ln}\n" for ln in lines[1:]))

    return ChineseHelpFormatter


def _paragraphs(text: str, width: int) -> list[str]:
    """click's paragraphs (separated by blank lines; one opened by a \\b line kept as it is;
    each indented as its first line), wrapped at `width` columns; "" between paragraphs."""
    from llmcourse.views.paint import wrap

    out: list[str] = []
    for paragraph in re.split(r"\n[ \t]*\n", text.strip("\n")):
        lines = paragraph.splitlines()
        if out:
            out.append("")
        if lines and lines[0].strip() == "\b":
            out += lines[1:]
            continue
        lead = " " * (len(lines[0]) - len(lines[0].lstrip())) if lines else ""
        out += wrap(" ".join(lines), width, lead) or [""]
    return out
