"""`show`: a topic, resource or notebook by any reference; JSON; notes; errors."""

from __future__ import annotations

import json

import pytest

from llmcourse.cli.session import Session


@pytest.mark.parametrize("ref", ["quantization", "2.7", "量化", "Quantization", "quant"])
def test_the_same_topic_by_any_reference(run, ref: str) -> None:
    result = run("show", ref)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == run("show", "quantization").stdout
    assert result.stdout.startswith("2.7  Quantization  [ ] todo")


def test_topic_text_has_every_section(run) -> None:
    out = run("show", "quantization").stdout
    for piece in (
        "Prerequisites:",
        "2.1   llm-architecture",
        "Key concepts:",
        "* GGUF and llama.cpp",
        "- llama.cpp: https://github.com/ggerganov/llama.cpp",
        "Resources:",
        "   1. [ ] Introduction to quantization (article)",
        "Notebooks:",
        "autogguf  AutoGGUF",
    ):
        assert piece in out, piece
    assert "https://github.com/mlabonne/llm-course#7-quantization" in out


def test_topic_in_chinese(run) -> None:
    out = run("--lang", "zh-TW", "show", "2.7").stdout
    assert out.startswith("2.7  量化  [ ] 待辦")
    assert "先備主題" in out and "關鍵概念" in out and "學習資源" in out and "（文章）" in out


def test_topic_json(run) -> None:
    data = json.loads(run("show", "quantization", "--json").stdout)
    listed = json.loads(run("list", "--json").stdout)
    as_listed = next(t for p in listed["parts"] for t in p["topics"] if t["id"] == "quantization")
    for key in as_listed:  # `show --json` is the node as `list --json` has it, plus more keys
        assert data[key] == as_listed[key], key
    assert data["prerequisites"] == as_listed["prerequisites"] == ["llm-architecture"]
    assert data["prerequisites_detail"] == [
        {
            "id": "llm-architecture",
            "number": "2.1",
            "title": "The LLM architecture",
            "status": "todo",
        }
    ]
    assert data["notebooks"][0] == "autogguf" and len(data["notebooks"]) == 5
    assert [nb["id"] for nb in data["notebooks_detail"]] == data["notebooks"]
    assert "colab_url" in data["notebooks_detail"][0]
    assert data["notes"] == [] and data["node"] == "topic"
    assert [r["number"] for r in data["resources"]] == [1, 2, 3, 4, 5]


def test_statuses_and_notes_are_shown(run, monkeypatch) -> None:
    monkeypatch.setattr(
        Session,
        "statuses",
        lambda self: {"llm-architecture": "done", "quantization": "in-progress"},
    )
    note = {"id": "n1", "text": "Try GPTQ on a 7B model", "created": "2026-01-02T03:04:05+00:00"}
    monkeypatch.setattr(
        Session, "notes_for", lambda self, node: [note] if node == "quantization" else []
    )
    out = run("show", "quantization").stdout
    assert out.startswith("2.7  Quantization  [~] in progress")
    assert "[x] 2.1   llm-architecture" in out
    assert "Notes:" in out and "Try GPTQ on a 7B model" in out and "2026-01-02 03:04" in out
    data = json.loads(run("show", "quantization", "--json").stdout)
    assert data["status"] == "in-progress" and data["prerequisites_detail"][0]["status"] == "done"
    assert data["notes"] == [note]


def test_a_resource(run) -> None:
    result = run("show", "2.7#2")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "2.7#2  Quantize Llama models with llama.cpp  [ ] todo"
    assert "https://mlabonne.github.io/blog/posts/Quantize_Llama_2_models_using_ggml.html" in lines
    data = json.loads(run("show", "quantize-llama-models-with-llama-cpp", "--json").stdout)
    assert data["node"] == "resource" and data["kind"] == "article" and data["number"] == 2
    assert data["topic"]["id"] == "quantization" and data["notes"] == []


def test_a_notebook(run) -> None:
    out = run("show", "autogguf").stdout
    assert out.startswith("AutoGGUF  [ ] todo")
    assert "Colab: https://colab.research.google.com/" in out
    assert "Topic: 2.7 quantization  Quantization" in out
    data = json.loads(run("show", "autogguf", "--json").stdout)
    assert data["node"] == "notebook" and data["topics"] == ["quantization"]
    assert data["topic_details"][0]["number"] == "2.7"


def test_unknown_reference(run) -> None:
    result = run("show", "zzqx")
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: nothing in the course matches 'zzqx'")
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_ambiguous_reference(run) -> None:
    result = run("show", "prompt")
    assert result.exit_code == 1
    assert "ambiguous" in result.stderr and "prompt-injection-primer" in result.stderr
    assert "3.7#2" in result.stderr


def test_missing_reference_is_a_usage_error(run) -> None:
    assert run("show").exit_code == 2


def test_completion_offers_ids_with_titles(run) -> None:
    from typer.testing import CliRunner

    from llmcourse.cli import app

    env = {"_LLMCOURSE_COMPLETE": "complete_zsh", "_TYPER_COMPLETE_ARGS": "llmcourse show quant"}
    result = CliRunner().invoke(app, [], env=env, prog_name="llmcourse")
    assert "quantization" in result.stdout and "2.7 Quantization" in result.stdout
