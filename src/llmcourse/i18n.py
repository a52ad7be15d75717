"""Choosing the language, and the program's own labels in each language."""

from __future__ import annotations

import os

LANGS = ("en", "zh-TW")


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
}


def label(key: str, lang: str) -> str:
    en, zh = _LABELS.get(key, (key, key))
    return zh if lang == "zh-TW" else en
