"""Download a course README (or read a local one) as untrusted text: bounded in size and time."""

from __future__ import annotations

from pathlib import Path

from llmcourse import __version__
from llmcourse.errors import NetError

MAX_BYTES = 5 * 1024 * 1024
USER_AGENT = f"llmcourse/{__version__} (+https://github.com/mlabonne/llm-course)"


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def fetch_text(source: str, timeout: float = 20.0, max_bytes: int = MAX_BYTES) -> str:
    """The UTF-8 text at `source` (an http(s) URL or a local path), or NetError."""
    if is_url(source):
        data = _download(source, timeout, max_bytes)
    elif "://" in source:
        raise NetError(f"{source}: only http(s) URLs and local files can be read")
    else:
        data = _read_local(Path(source).expanduser(), max_bytes)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise NetError(f"{source}: not UTF-8 text (byte {e.start})") from None


def _too_big(source: str, max_bytes: int) -> NetError:
    return NetError(f"{source}: larger than {max_bytes // 1024} KiB; refusing to read it")


def _read_local(path: Path, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise NetError(f"{path}: cannot read: {e.strerror or e}") from None
    if len(data) > max_bytes:
        raise _too_big(str(path), max_bytes)
    return data


def _download(url: str, timeout: float, max_bytes: int) -> bytes:
    import httpx

    chunks: list[bytes] = []
    size = 0
    try:
        with (
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                max_redirects=5,
                headers={"User-Agent": USER_AGENT},
            ) as client,
            client.stream("GET", url) as response,
        ):
            if response.status_code != 200:
                raise NetError(f"{url}: the server answered {response.status_code}")
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise _too_big(url, max_bytes)
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise _too_big(url, max_bytes)
                chunks.append(chunk)
    except httpx.TimeoutException:
        raise NetError(f"{url}: no answer within {timeout:g} s") from None
    except httpx.TooManyRedirects:
        raise NetError(f"{url}: too many redirects") from None
    except httpx.HTTPError as e:
        raise NetError(f"{url}: download failed: {_describe(e)}") from None
    return b"".join(chunks)


def _describe(e: Exception) -> str:
    text = str(e) or type(e).__name__
    return text.splitlines()[0][:200]
