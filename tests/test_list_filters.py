"""`list --status`, `--part`, `--resources`, `list TOPIC`, and the footer shared with `progress`."""

from __future__ import annotations

import json


def _topic_ids(data: dict) -> list[str]:
    return [t["id"] for p in data["parts"] for t in p["topics"]]


def test_status_and_part_filter_topics(run) -> None:
    run("done", "mathematics")
    run("skip", "python")
    run("start", "2.7")
    out = run("list", "--status", "done", "--status", "skipped").stdout
    assert "mathematics" in out and "python" in out and "quantization" not in out
    assert "nlp" not in out
    part2 = run("list", "--part", "2", "-s", "in-progress").stdout
    assert "quantization" in part2 and "mathematics" not in part2
    data = json.loads(run("list", "--json", "--part", "1", "-s", "todo").stdout)
    assert _topic_ids(data) == ["neural-networks", "nlp"]
    assert set(data) == {"course", "parts", "notebooks"}  # the contract's shape, filtered


def test_unfinished_resources_of_a_topic_and_of_the_course(run) -> None:
    run("done", "2.7", "1")
    out = run("list", "2.7", "--status", "todo").stdout
    assert "[ ] 2.7#2" in out and "2.7#1" not in out and "mathematics" not in out
    data = json.loads(run("list", "--resources", "-s", "done", "--json").stdout)
    [topic] = [t for p in data["parts"] for t in p["topics"]]
    assert topic["id"] == "quantization"
    assert [r["number"] for r in topic["resources"]] == [1]
    every = run("list", "--resources").stdout
    assert "[x] 2.7#1" in every and "[ ] 1.1#1" in every


def test_bad_filters_are_usage_errors_naming_the_choices(run) -> None:
    bad = run("list", "--status", "finished")
    assert bad.exit_code == 2 and "todo, in-progress, done, skipped" in bad.stderr
    part = run("list", "--part", "9")
    assert part.exit_code == 2 and "1, 2, 3" in part.stderr
    zh = run("--lang", "zh-TW", "list", "--status", "x")
    assert zh.exit_code == 2 and "不是狀態" in zh.stderr
    resource = run("list", "2.7#1")
    assert resource.exit_code == 2 and "takes a topic" in resource.stderr


def test_list_footer_counts_like_progress(run) -> None:
    run("done", "mathematics")
    run("skip", "python")
    listed = run("list").stdout.splitlines()[-1]
    assert listed.startswith("2/19 topics settled (done 1 + skipped 1)")
    assert "(2/19 topics settled)" in run("progress").stdout
    assert "2/19 個主題已完成或略過" in run("--lang", "zh-TW", "list").stdout
    assert "Nothing matches" in run("list", "-s", "in-progress").stdout
