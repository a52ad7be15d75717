"""`show` says when a topic or resource was started and finished, from the history."""

from __future__ import annotations

import json

import pytest


@pytest.fixture(autouse=True)
def utc_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()


def at(run, when: str, *args: str) -> None:
    result = run(*args, env={"LLMCOURSE_NOW": when})
    assert result.exit_code == 0, result.stderr


def test_topic_started_then_done(run) -> None:
    at(run, "2026-11-20T09:30:00Z", "start", "quantization")
    at(run, "2026-11-25T18:00:00Z", "done", "quantization")
    out = run("show", "2.7").stdout
    assert out.splitlines()[2] == "started 2026-11-20 09:30 · done 2026-11-25 18:00"
    data = json.loads(run("show", "2.7", "--json").stdout)
    assert (data["started_at"], data["done_at"]) == ("2026-11-20T09:30:00Z", "2026-11-25T18:00:00Z")
    zh = run("--lang", "zh-TW", "show", "2.7").stdout
    assert "開始於 2026-11-20 09:30，完成於 2026-11-25 18:00" in zh


def test_in_progress_has_no_done(run) -> None:
    at(run, "2026-11-20T09:30:00Z", "start", "quantization")
    data = json.loads(run("show", "quantization", "--json").stdout)
    assert (data["started_at"], data["done_at"]) == ("2026-11-20T09:30:00Z", None)
    assert "done 20" not in run("show", "quantization").stdout


def test_undone_start_and_reset_forget_the_start(run) -> None:
    at(run, "2026-11-20T09:30:00Z", "start", "quantization")
    at(run, "2026-11-21T09:30:00Z", "reset", "quantization")
    at(run, "2026-11-22T10:00:00Z", "done", "quantization")
    data = json.loads(run("show", "quantization", "--json").stdout)
    assert (data["started_at"], data["done_at"]) == (None, "2026-11-22T10:00:00Z")
    at(run, "2026-11-23T10:00:00Z", "undo")
    data = json.loads(run("show", "quantization", "--json").stdout)
    assert (data["started_at"], data["done_at"]) == (None, None)
    assert "started 20" not in run("show", "quantization").stdout


def test_resource_done_date_in_text_rich_and_json(run) -> None:
    res = json.loads(run("show", "2.7", "--json").stdout)["resources"][0]["id"]
    at(run, "2026-11-24T08:05:00Z", "done", res)
    data = json.loads(run("show", res, "--json").stdout)
    assert (data["started_at"], data["done_at"]) == (None, "2026-11-24T08:05:00Z")
    assert "done 2026-11-24 08:05" in run("show", res).stdout
    rich = run("show", res, env={"LLMCOURSE_RICH": "1"}).stdout
    assert "done 2026-11-24 08:05" in rich
    todo = json.loads(run("show", "2.1", "--json").stdout)
    assert (todo["started_at"], todo["done_at"]) == (None, None)
