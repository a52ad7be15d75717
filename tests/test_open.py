"""`open`: the right URL for each kind of reference, never a browser launched by a test."""

from __future__ import annotations

import pytest

from llmcourse.cli import browse

TOPIC_URL = "https://github.com/mlabonne/llm-course#7-quantization"


@pytest.fixture
def launched(monkeypatch) -> list[str]:
    """Replaces the launcher: records URLs instead of starting a browser."""
    urls: list[str] = []

    def fake(url: str) -> bool:
        urls.append(url)
        return True

    monkeypatch.setattr(browse, "launch", fake)
    return urls


@pytest.fixture
def desktop(monkeypatch) -> None:
    monkeypatch.setattr(browse, "no_browser_reason", lambda: None)


def test_no_browser_prints_the_url(run, launched) -> None:
    result = run("open", "quantization", "-n")
    assert result.exit_code == 0
    assert result.stdout == TOPIC_URL + "\n"
    assert launched == []


@pytest.mark.parametrize(
    ("args", "url"),
    [
        (["2.7"], TOPIC_URL),
        (["量化"], TOPIC_URL),
        (
            ["quantization", "2"],
            "https://mlabonne.github.io/blog/posts/Quantize_Llama_2_models_using_ggml.html",
        ),
        (
            ["2.7#2"],
            "https://mlabonne.github.io/blog/posts/Quantize_Llama_2_models_using_ggml.html",
        ),
        (
            ["autogguf"],
            "https://colab.research.google.com/drive/1P646NEg33BZy4BfLDNpTz0V0lwIU3CHu?usp=sharing",
        ),
    ],
)
def test_opens_in_the_browser(run, launched, desktop, args: list[str], url: str) -> None:
    result = run("open", *args)
    assert result.exit_code == 0, result.stderr
    assert launched == [url]
    assert result.stdout == "" and "Opening" in result.stderr


def test_article_of_a_notebook(run, launched) -> None:
    from llmcourse.course.load import read_course
    from llmcourse.paths import builtin_course_dir

    nb = next(n for n in read_course(builtin_course_dir()).notebooks if n.article_url)
    assert run("open", nb.id, "--article", "-n").stdout.strip() == nb.article_url
    assert run("open", nb.id, "-n").stdout.strip() == nb.colab_url
    no_article = run("open", "autogguf", "--article", "-n")
    assert no_article.exit_code == 1 and "no article" in no_article.stderr
    assert run("open", "quantization", "--article").exit_code == 2
    assert launched == []


def test_bad_resource_number(run, launched) -> None:
    result = run("open", "quantization", "9")
    assert result.exit_code == 1 and "2.7 has resources 1–5, not 9" in result.stderr
    result = run("open", "autogguf", "1")
    assert result.exit_code == 2 and "is a notebook" in result.stderr
    assert launched == []


def test_unknown_reference(run, launched) -> None:
    result = run("open", "zzqx", "-n")
    assert result.exit_code == 1 and "nothing in the course matches" in result.stderr
    assert launched == []


def test_only_http_urls_are_opened(run, launched, desktop, monkeypatch) -> None:
    from llmcourse.course import refs

    monkeypatch.setattr(refs, "url_of", lambda *a, **k: "file:///etc/passwd")
    result = run("open", "quantization")
    assert result.exit_code == 1 and "not http(s)" in result.stderr
    assert launched == []


@pytest.mark.parametrize(
    ("env", "why"),
    [({"SSH_CONNECTION": "1.2.3.4 5 6.7.8.9 22"}, "SSH session"), ({}, "no display")],
)
def test_headless_prints_the_url(run, launched, monkeypatch, env, why) -> None:
    for var in ("DISPLAY", "WAYLAND_DISPLAY", "SSH_CONNECTION", "SSH_TTY", "BROWSER"):
        monkeypatch.delenv(var, raising=False)
    for k, v in env.items():
        monkeypatch.setenv(k, v)
    monkeypatch.setattr("sys.platform", "linux")
    result = run("open", "quantization")
    assert result.exit_code == 0
    assert result.stdout == TOPIC_URL + "\n"
    assert why in result.stderr and "printed instead" in result.stderr
    assert launched == []


def test_browser_variable_is_trusted(run, launched, monkeypatch) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setenv("BROWSER", "true")
    assert browse.no_browser_reason() is None
    assert run("open", "quantization").exit_code == 0
    assert launched == [TOPIC_URL]


def test_a_failing_launcher_falls_back_to_printing(run, desktop, monkeypatch) -> None:
    monkeypatch.setattr(browse, "launch", lambda url: False)
    result = run("open", "quantization")
    assert result.exit_code == 0 and result.stdout == TOPIC_URL + "\n"
    assert "could not be started" in result.stderr


def test_launch_uses_webbrowser_without_a_shell(monkeypatch) -> None:
    import webbrowser

    opened: list[tuple[str, int]] = []

    class Fake:
        def open(self, url: str, new: int = 0) -> bool:
            opened.append((url, new))
            return True

    monkeypatch.setattr(webbrowser, "get", lambda name=None: Fake())
    assert browse.launch(TOPIC_URL) is True
    assert opened == [(TOPIC_URL, 2)]
