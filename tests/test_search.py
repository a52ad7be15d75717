"""Search: a relevance set of learner queries (typos and zh-TW included), the JSON contract,
options, and the index cache (built once per course, rebuilt when the course changes)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from llmcourse.course import search as engine
from llmcourse.course.load import read_course
from llmcourse.paths import builtin_course_dir

RELEVANCE = [
    ("quantization", "quantization"),
    ("quantisation", "quantization"),
    ("qunatization", "quantization"),
    ("4-bit GPTQ", "quantization"),
    ("gguf", "quantization"),
    ("llama.cpp quantize", "quantization"),
    ("量化", "quantization"),
    ("retrieval augmented generation", "rag"),
    ("retreival augmented generation", "rag"),
    ("RAG", "rag"),
    ("檢索增強", "rag"),
    ("檢索增強生成", "rag"),
    ("advanced rag", "advanced-rag"),
    ("query construction", "advanced-rag"),
    ("reranking", "advanced-rag"),
    ("fine-tuning", "supervised-fine-tuning"),
    ("fine tuning", "supervised-fine-tuning"),
    ("finetuning", "supervised-fine-tuning"),
    ("finetunning", "supervised-fine-tuning"),
    ("SFT", "supervised-fine-tuning"),
    ("lora", "supervised-fine-tuning"),
    ("QLoRA", "supervised-fine-tuning"),
    ("微調", "supervised-fine-tuning"),
    ("RLHF", "rlhf"),
    ("DPO", "rlhf"),
    ("direct preference optimisation", "rlhf"),
    ("PPO", "rlhf"),
    ("human feedback", "rlhf"),
    ("embedings model", "vector-storage"),
    ("vector database", "vector-storage"),
    ("向量資料庫", "vector-storage"),
    ("vector storage", "vector-storage"),
    ("word embedings", "nlp"),
    ("LSTM", "nlp"),
    ("natural language processing", "nlp"),
    ("evaluation", "evaluation"),
    ("benchmarks", "evaluation"),
    ("評估", "evaluation"),
    ("neural networks", "neural-networks"),
    ("神經網路", "neural-networks"),
    ("backpropagation", "neural-networks"),
    ("MLP", "neural-networks"),
    ("linear algebra", "mathematics"),
    ("線性代數", "mathematics"),
    ("calculus", "mathematics"),
    ("pandas numpy", "python"),
    ("transformer attention", "llm-architecture"),
    ("tokenization", "llm-architecture"),
    ("MoE", "new-trends"),
    ("mixture of experts", "new-trends"),
    ("model merging", "new-trends"),
    ("KV cache", "inference-optimization"),
    ("GQA", "inference-optimization"),
    ("flash attention", "inference-optimization"),
    ("speculative decoding", "inference-optimization"),
    ("推論最佳化", "inference-optimization"),
    ("deploy", "deploying-llms"),
    ("vLLM", "deploying-llms"),
    ("部署", "deploying-llms"),
    ("prompt injection", "securing-llms"),
    ("jailbreak", "securing-llms"),
    ("提示注入", "securing-llms"),
    ("prompt engineering", "running-llms"),
    ("structured outputs", "running-llms"),
    ("scaling laws", "pre-training"),
    ("pretraining", "pre-training"),
    ("預訓練", "pre-training"),
    ("instruction dataset", "instruction-datasets"),
    ("synthetic data", "instruction-datasets"),
    ("chat template", "instruction-datasets"),
]


@pytest.fixture(scope="module")
def index() -> engine.Index:
    return engine.build_index(read_course(builtin_course_dir()))


@pytest.mark.parametrize(("query", "topic"), RELEVANCE, ids=[q for q, _ in RELEVANCE])
def test_the_right_topic_comes_first(index: engine.Index, query: str, topic: str) -> None:
    hits = engine.search(index, query, limit=5)
    assert hits, f"no hit for {query!r}"
    assert hits[0].topic_id == topic, [(h.kind, h.id, h.score) for h in hits[:3]]


def test_relevance_set_is_large_and_mixed() -> None:
    assert len(RELEVANCE) >= 40
    assert sum(1 for q, _ in RELEVANCE if any("\u4e00" <= ch <= "\u9fff" for ch in q)) >= 10


@pytest.mark.parametrize("query", ["quantization", "量化", "檢索增強", "rag"])
def test_through_the_cli_the_first_hit_is_the_topic(run, query: str) -> None:
    expected = {"quantization": "quantization", "量化": "quantization"}.get(query, "rag")
    result = run("search", query, "--json")
    assert result.exit_code == 0, result.stderr
    hits = json.loads(result.stdout)
    assert hits[0]["topic_id"] == expected
    assert hits[0]["kind"] == "topic" and hits[0]["id"] == expected


def test_json_contract(run) -> None:
    hits = json.loads(run("search", "lora", "--json", "--limit", "5").stdout)
    assert 1 <= len(hits) <= 5
    for h in hits:
        assert {"kind", "id", "title", "topic_id", "url", "score", "number", "why"} <= set(h)
        assert h["kind"] in ("topic", "concept", "resource", "notebook")
        assert h["url"].startswith("https://")
        assert h["why"]
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)


def test_both_languages_whatever_lang(run) -> None:
    en = json.loads(run("--lang", "en", "search", "微調", "--json").stdout)
    zh = json.loads(run("--lang", "zh-TW", "search", "fine-tuning", "--json").stdout)
    assert en[0]["topic_id"] == zh[0]["topic_id"] == "supervised-fine-tuning"
    assert en[0]["title"] == "Supervised Fine-Tuning"  # titles in the chosen language
    assert "監督式微調" in zh[0]["title"]


def test_spelling_variants_find_the_same_topic(index: engine.Index) -> None:
    firsts = {engine.search(index, q)[0].id for q in ("fine-tuning", "Fine Tuning", "FINETUNING")}
    assert firsts == {"supervised-fine-tuning"}


def test_abbreviations_expand_both_ways(index: engine.Index) -> None:
    short = engine.search(index, "MoE")
    long = engine.search(index, "mixture of experts")
    assert short[0].topic_id == long[0].topic_id == "new-trends"
    assert any("MOE = mixture of experts" in w for w in short[0].why)


def test_a_typo_says_so(index: engine.Index) -> None:
    hit = engine.search(index, "retreival")[0]
    assert hit.topic_id == "rag"
    assert any("typo" in w for w in hit.why)


def test_kind_and_limit(run) -> None:
    hits = json.loads(run("search", "quantization", "--kind", "resource", "--json").stdout)
    assert hits and {h["kind"] for h in hits} == {"resource"}
    both = json.loads(
        run("search", "quantization", "-k", "notebook", "-k", "topic", "--json", "-l", "50").stdout
    )
    assert {h["kind"] for h in both} == {"notebook", "topic"}
    assert len(json.loads(run("search", "llm", "--json", "--limit", "2").stdout)) == 2


def test_bad_kind_and_empty_query_are_usage_errors(run) -> None:
    result = run("search", "lora", "--kind", "video")
    assert result.exit_code == 2 and "not a kind" in result.stderr
    result = run("search", "  ")
    assert result.exit_code == 2 and "words to search" in result.stderr
    assert run("search", "lora", "--limit", "0").exit_code == 2


def test_nothing_found_is_not_an_error(run) -> None:
    result = run("search", "xqzvkw")
    assert result.exit_code == 0
    assert "Nothing matches 'xqzvkw'" in result.stdout
    assert json.loads(run("search", "xqzvkw", "--json").stdout) == []


def test_plain_text_hits(run) -> None:
    out = run("search", "kv cache", "--limit", "3").stdout
    lines = out.splitlines()
    assert lines[0].startswith(" 1. ") and "3.5" in lines[0]
    assert "matched:" in out and "\x1b" not in out


@pytest.mark.cold_cache
def test_the_index_is_built_once_per_course(tmp_path: Path, monkeypatch, run) -> None:
    built: list[int] = []
    real = engine.build_index

    def counting(course):  # type: ignore[no-untyped-def]
        built.append(1)
        return real(course)

    monkeypatch.setattr(engine, "build_index", counting)
    for q in ("lora", "rag", "量化"):
        assert run("search", q, "--json").exit_code == 0
    assert len(built) == 1
    cached = list((tmp_path / "llmcourse-home" / "cache").glob("search-*.bin"))
    assert len(cached) == 1
    # A damaged cache is rebuilt, not trusted.
    cached[0].write_bytes(cached[0].read_bytes()[:-10] + b"0123456789")
    assert json.loads(run("search", "lora", "--json").stdout)[0]["topic_id"]
    assert len(built) == 2


def test_a_changed_course_gets_a_new_index(tmp_path: Path) -> None:
    course = read_course(builtin_course_dir())
    course.__dict__["fingerprint"] = "fingerprint-a"
    a = engine.load_index(course, tmp_path)
    again = engine.load_index(course, tmp_path)
    assert again.vocab == a.vocab and again.postings == a.postings and again.starts == a.starts
    assert again.docs == a.docs and again.display == a.display
    file = next(tmp_path.glob("search-*.bin"))
    header = file.read_bytes()[:64]
    course.__dict__["fingerprint"] = "fingerprint-b"
    engine.load_index(course, tmp_path)  # stale: rebuilt and rewritten
    assert file.read_bytes()[:64] != header
    assert engine.load_index(course, None).vocab == a.vocab  # no cache: built in memory


def test_tokens_handle_cjk_and_hyphens() -> None:
    toks = engine.tokens("Fine-tuning 監督微調")
    assert {"fine", "tuning", "finetuning", "監督", "督微", "微調", "微"} <= set(toks)
    assert engine.stem("quantisation") == "quantization"
    assert engine.stem("embeddings") == "embedding"
    assert engine.stem("supervised") == "supervised"
