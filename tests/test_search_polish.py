"""search: no punctuation in "matched:", everyday words do not match, long queries not echoed."""

from __future__ import annotations

import json

import pytest


def _hits(run, *query: str) -> list[dict]:
    result = run("search", *query, "--json", "--limit", "20")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("lang", ["en", "zh-TW"])
def test_matched_words_carry_no_punctuation(run, lang: str) -> None:
    for query in ("模型", "量化", "微調"):
        for hit in _hits(run, query):
            for why in hit["why"]:
                assert not any(p in why for p in "。，、；！？「」（"), why
        out = run("--lang", lang, "search", query).stdout
        assert "。" not in "".join(x for x in out.splitlines() if "matched" in x or "符合" in x)


def test_attention_is_all_you_need(run) -> None:
    hits = _hits(run, "attention", "is", "all", "you", "need")
    assert hits and all("attention" in " ".join(h["why"]).lower() for h in hits), hits
    assert "evaluation" not in {h["id"] for h in hits}
    for h in hits:
        assert not any(w.endswith((": you", ": need", ": all")) for w in h["why"]), h


def test_everyday_words_alone_still_search(run) -> None:
    """With nothing else in the query, the words are kept (`search you need` is a search)."""
    assert _hits(run, "you", "need")


def test_a_huge_query_is_not_echoed_whole(run) -> None:
    query = "zzqx " * 20000  # 100 kB, matching nothing
    result = run("search", query)
    assert result.exit_code == 0
    assert len(result.stdout) < 200 and "…" in result.stdout, result.stdout[:300]
    zh = run("--lang", "zh-TW", "search", query).stdout
    assert len(zh) < 200 and "…" in zh
