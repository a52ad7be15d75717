"""`open --next` and the resource `next` names."""

from __future__ import annotations

import json


def test_open_next_is_the_first_resource_not_done_of_the_topic_in_progress(run) -> None:
    run("start", "2.7")
    run("done", "2.7", "1")
    opened = run("open", "--next", "-n")
    assert opened.exit_code == 0
    assert (
        opened.stdout.strip()
        == json.loads(run("list", "2.7", "--json").stdout)["parts"][0]["topics"][0]["resources"][1][
            "url"
        ]
    )
    shown = run("next").stdout
    assert "next resource: 2.7#2" in shown
    data = json.loads(run("next", "--json").stdout)
    assert data["next_resource"]["number"] == 2 and data["next_resource"]["topic_id"] == (
        "quantization"
    )
    assert data["next_resource"]["url"] == opened.stdout.strip()
    assert "下一個資源：2.7#2" in run("--lang", "zh-TW", "next").stdout


def test_open_next_without_a_topic_in_progress_follows_next(run) -> None:
    first = json.loads(run("next", "--json").stdout)
    assert first["id"] == "mathematics"
    assert run("open", "--next", "--no-browser").stdout.strip() == first["next_resource"]["url"]


def test_open_next_when_the_topic_has_nothing_left(run) -> None:
    data = json.loads(run("list", "mathematics", "--json").stdout)
    count = len(data["parts"][0]["topics"][0]["resources"])
    run("done", "mathematics", *[str(i) for i in range(1, count + 1)])
    left = run("open", "--next", "-n")
    assert left.exit_code == 1 and "no resource left" in left.stderr
    assert json.loads(run("next", "--json").stdout)["next_resource"] is None


def test_open_needs_a_ref_or_next_not_both(run) -> None:
    assert run("open", "-n").exit_code == 2
    both = run("open", "2.7", "--next", "-n")
    assert both.exit_code == 2 and "--next" in both.stderr
