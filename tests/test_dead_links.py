"""`show` flags the links the last `check-links` found dead (read from the links cache)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from httpserver import LocalServer
from test_links import _course_file

from llmcourse.course.load import read_course
from llmcourse.net import linkcache
from llmcourse.paths import builtin_course_dir

WHEN = datetime(2026, 11, 28, 9, 30, tzinfo=UTC)
FLAG = "[dead link, checked 2026-11-28]"


def _urls() -> dict[str, str]:
    course = read_course(builtin_course_dir())
    topic = course.topics["quantization"]
    concept_link = next(link for c in topic.concepts for link in c.links)
    return {
        "dead": topic.resources[1].url,  # 2.7#2
        "fine": topic.resources[2].url,  # 2.7#3
        "other": topic.resources[3].url,  # 2.7#4: unreachable, so not known to be dead
        "third": topic.resources[0].url,  # 2.7#1: an error that is no HTTP answer
        "concept": concept_link.url,
        "colab": course.notebook_map["autogguf"].colab_url,
    }


def _record(urls: dict[str, str]) -> None:
    linkcache.record(
        [
            {"url": urls["dead"], "status": "broken", "code": 404},
            {"url": urls["fine"], "status": "ok", "code": 200},
            {"url": urls["concept"], "status": "broken", "code": 410},
            {"url": urls["colab"], "status": "timeout"},  # not known to be dead
            {"url": urls["other"], "status": "unreachable", "error": "name lookup failed"},
            {"url": urls["third"], "status": "error", "error": "redirect loop"},
        ],
        WHEN,
    )


def test_show_flags_dead_links_and_only_them(run) -> None:
    urls = _urls()
    _record(urls)
    out = run("show", "quantization").stdout
    lines = out.splitlines()
    assert f"      {urls['dead']}  {FLAG}" in lines
    assert f"      {urls['fine']}" in lines
    assert any(line.endswith(f"{urls['concept']}  {FLAG}") for line in lines)
    assert out.count(FLAG) == 2  # timed out, unreachable or failed links are not flagged
    assert f"      {urls['other']}" in lines and f"      {urls['third']}" in lines
    zh = run("--lang", "zh-TW", "show", "quantization").stdout
    assert zh.count("[失效連結，檢查於 2026-11-28]") == 2 and "dead link" not in zh
    resource = run("show", "2.7#2").stdout.splitlines()
    assert f"{urls['dead']}  {FLAG}" in resource
    assert FLAG not in run("show", "2.7#3").stdout


def test_show_json_adds_link_status(run) -> None:
    urls = _urls()
    _record(urls)
    data = json.loads(run("show", "quantization", "--json").stdout)
    flagged = [r for r in data["resources"] if "link_status" in r]
    assert [r["url"] for r in flagged] == [urls["dead"]]
    assert flagged[0]["link_status"] == "broken"
    assert flagged[0]["link_checked_at"].startswith("2026-11-28T09:30")
    links = [link for c in data["concepts"] for link in c["links"]]
    assert [link["link_status"] for link in links if "link_status" in link] == ["broken"]
    for nb in data["notebooks_detail"]:  # a notebook's article may be the dead resource
        expected = [urls["dead"]] if urls["dead"] == nb["article_url"] else []
        assert [d["url"] for d in nb.get("dead_links", [])] == expected, nb["id"]
    one = json.loads(run("show", "2.7#2", "--json").stdout)
    assert one["link_status"] == "broken" and one["url"] == urls["dead"]
    # the keys `list --json` has are unchanged: the flags are additive
    listed = json.loads(run("list", "--json").stdout)
    as_listed = next(t for p in listed["parts"] for t in p["topics"] if t["id"] == "quantization")
    assert "link_status" not in json.dumps(as_listed)


def test_a_dead_notebook_link(run) -> None:
    urls = _urls()
    linkcache.record([{"url": urls["colab"], "status": "broken", "code": 404}], WHEN)
    assert f"Colab: {urls['colab']}  {FLAG}" in run("show", "autogguf").stdout.splitlines()
    data = json.loads(run("show", "autogguf", "--json").stdout)
    assert data["dead_links"] == [
        {"url": urls["colab"], "link_status": "broken", "link_checked_at": WHEN.isoformat()}
    ]


def test_nothing_flagged_without_a_cache_or_with_a_damaged_one(run) -> None:
    for _ in range(2):
        assert "dead link" not in run("show", "quantization").stdout
        assert "link_status" not in run("show", "quantization", "--json").stdout
        assert "dead_links" not in run("show", "autogguf", "--json").stdout
        linkcache.cache_file().parent.mkdir(parents=True, exist_ok=True)
        linkcache.cache_file().write_text("{not json", encoding="utf-8")


def test_rich_output_flags_the_dead_link(run) -> None:
    urls = _urls()
    _record(urls)
    rich = {"LLMCOURSE_RICH": "1", "NO_COLOR": "", "COLUMNS": "160"}
    out = run("show", "quantization", env=rich).stdout
    assert out.count("dead link, checked 2026-11-28") == 2
    assert "dead link" in run("show", "2.7#2", env=rich).stdout


def test_after_a_real_check_links_run(run, tmp_path) -> None:
    with LocalServer() as server:
        course = str(_course_file(tmp_path, server))
        checked = run("--course", course, "check-links", "--timeout", "2")
        assert checked.exit_code == 1
        gone, same = server.url("/404"), server.url("/ok")
    today = datetime.now(UTC).date().isoformat()
    out = run("--course", course, "show", "beta").stdout.splitlines()
    assert f"      {gone}  [dead link, checked {today}]" in out
    assert f"      {same}" in out
    assert "dead link" not in run("--course", course, "show", "alpha").stdout


def test_check_links_words_in_chinese(run, tmp_path) -> None:
    with LocalServer() as server:
        course = str(_course_file(tmp_path, server))
        out = run("--lang", "zh-TW", "--course", course, "check-links", "--timeout", "2").stdout
    assert "失效" in out and "重新導向" in out and "用於" in out
    assert "已檢查 3 個連結：失效 1、重新導向 1、正常 1" in out
    for word in ("broken", "redirected", "used in", "links checked"):
        assert word not in out, word
