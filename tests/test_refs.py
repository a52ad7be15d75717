"""The reference resolver: its order of precedence, ambiguity, unknown input, completion."""

from __future__ import annotations

import pytest

from llmcourse.course.load import read_course
from llmcourse.course.refs import (
    Ref,
    completions,
    normalize,
    parse_refs,
    resolve,
    resource_at,
    url_of,
)
from llmcourse.errors import RefError, UsageError
from llmcourse.paths import builtin_course_dir


@pytest.fixture(scope="module")
def course():  # type: ignore[no-untyped-def]
    return read_course(builtin_course_dir())


def topic(id_: str) -> Ref:
    return Ref("topic", id_, id_)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("quantization", topic("quantization")),  # exact id
        ("2.7", topic("quantization")),  # number
        ("量化", topic("quantization")),  # exact zh-TW title, over resources containing it
        ("Quantization", topic("quantization")),  # exact English title, any case
        ("vector storage", topic("vector-storage")),  # title words
        ("Building a Vector Storage", topic("vector-storage")),
        ("quant", topic("quantization")),  # prefix: a topic wins over resources
        ("sft", topic("supervised-fine-tuning")),  # a topic keyword
        ("qunatization", topic("quantization")),  # fuzzy
        ("finetunning", topic("supervised-fine-tuning")),
        ("rag/evaluation", topic("rag")),  # a concept, as search names it
        ("2.7#2", Ref("resource", "quantize-llama-models-with-llama-cpp", "quantization")),
        ("2.7/2", Ref("resource", "quantize-llama-models-with-llama-cpp", "quantization")),
        ("autogguf", Ref("notebook", "autogguf", "quantization")),
        ("lora-insights", Ref("resource", "lora-insights", "supervised-fine-tuning")),
    ],
)
def test_resolves(course, query: str, expected: Ref) -> None:  # type: ignore[no-untyped-def]
    assert resolve(course, query) == expected


def test_id_beats_keywords(course) -> None:  # type: ignore[no-untyped-def]
    # "rag" is also a keyword of advanced-rag and vector-storage: the exact id wins.
    assert resolve(course, "RAG") == topic("rag")


def test_keyword_beats_id_prefix(course) -> None:  # type: ignore[no-untyped-def]
    # "lora" starts the id of the resource `lora-insights`, but names a keyword of SFT.
    assert resolve(course, "lora") == topic("supervised-fine-tuning")


def test_exact_title_beats_title_words(course) -> None:  # type: ignore[no-untyped-def]
    # `評估 Evaluation` is the topic's zh-TW title; "evaluation" is also a concept of rag.
    assert resolve(course, "評估 Evaluation") == topic("evaluation")


def test_ambiguous_lists_candidates(course) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RefError) as err:
        resolve(course, "prompt")
    assert "ambiguous" in err.value.message
    text = "\n".join(err.value.details)
    assert "prompt-engineering-guide" in text and "3.1#2" in text
    assert "prompt-injection-primer" in text and "3.7#2" in text


def test_unknown(course) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RefError) as err:
        resolve(course, "zzqx")
    assert "nothing in the course matches 'zzqx'" in err.value.message


def test_unknown_suggests(course) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RefError) as err:
        resolve(course, "nueral")
    assert "Did you mean:" in err.value.details
    assert any("neural-networks" in d for d in err.value.details)


def test_resource_at(course) -> None:  # type: ignore[no-untyped-def]
    assert resource_at(course, "quantization", 1).id == "introduction-to-quantization"
    with pytest.raises(RefError, match=r"2\.7 has resources 1–5, not 6"):
        resource_at(course, "quantization", 6)


def test_url_of(course) -> None:  # type: ignore[no-untyped-def]
    assert url_of(course, topic("quantization")).endswith("#7-quantization")
    nb = Ref("notebook", "autogguf", "quantization")
    assert url_of(course, nb).startswith("https://colab.research.google.com/")
    with pytest.raises(RefError, match="no article"):
        url_of(course, nb, article=True)


def test_completions(course) -> None:  # type: ignore[no-untyped-def]
    found = dict(completions(course, "quant", "en"))
    assert found["quantization"] == "2.7 Quantization"
    assert "quantize-llama-models-with-llama-cpp" in found
    assert dict(completions(course, "2.7", "zh-TW"))["quantization"] == "2.7 量化"
    assert "lora-insights" in dict(completions(course, "insig", "en"))  # title words
    assert completions(course, "zzqx", "en") == []


def test_normalize() -> None:
    assert normalize("  Fine-Tuning_LLMs ") == "fine tuning llms"
    assert normalize("ＧＰＴＱ") == "gptq"  # full width


def test_exact_mode_accepts_ids_numbers_and_whole_titles(course) -> None:  # type: ignore[no-untyped-def]
    for query in ("quantization", "2.7", "Quantization", "量化", " QUANTIZATION "):
        assert resolve(course, query, exact=True) == topic("quantization")
    assert resolve(course, "2.7#2", exact=True).id == "quantize-llama-models-with-llama-cpp"


@pytest.mark.parametrize("query", ["lora", "quant", "rag/evaluation", "qunatization", "sft"])
def test_exact_mode_only_suggests(course, query: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(RefError) as err:
        resolve(course, query, exact=True)
    assert "is not an exact reference" in err.value.message
    assert err.value.details[0] == "Did you mean:"
    resolve(course, query)  # the forgiving mode still resolves it


def test_parse_refs_grammar(course) -> None:  # type: ignore[no-untyped-def]
    nlp = course.topics["nlp"].resources
    quant = course.topics["quantization"].resources
    refs = parse_refs(course, ["nlp", "2", "3", "2.7", "1", "python", "python"], exact=True)
    assert [r.id for r in refs] == [nlp[1].id, nlp[2].id, quant[0].id, "python"]
    assert [r.id for r in parse_refs(course, ["lora", "2"])] == [
        course.topics["supervised-fine-tuning"].resources[1].id
    ]
    with pytest.raises(UsageError, match="is a notebook"):
        parse_refs(course, ["autogguf", "1"])
    with pytest.raises(RefError, match="no part 10"):
        parse_refs(course, ["10"])
