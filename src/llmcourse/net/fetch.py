"""Download a course README (or read a local one) as untrusted text: bounded in size and time.

The time bound is a deadline for the whole download, not only for each read: a server that
trickles one byte a second is cut off when the deadline passes. Credentials in a URL
(`https://user:pass@host/…`) are sent, never shown: every message names `public_url(url)`.
"""

from __future__ import annotations

import time
from pathlib import Path

from llmcourse import __version__
from llmcourse.errors import NetError
from llmcourse.i18n import msg

MAX_BYTES = 5 * 1024 * 1024
USER_AGENT = f"llmcourse/{__version__} (+https://github.com/mlabonne/llm-course)"


DEFAULT_TIMEOUT = 60.0


def is_url(source: str) -> bool:
    return source.lower().startswith(("http://", "https://"))


def public_url(source: str) -> str:
    """`source` without the user name and password a URL may carry (a path as it is)."""
    scheme, sep, rest = source.partition("://")
    if not sep:
        return source
    authority, slash, path = rest.partition("/")
    host = authority.rpartition("@")[2]
    return f"{scheme}{sep}{host}{slash}{path}"


def fetch_text(source: str, timeout: float = DEFAULT_TIMEOUT, max_bytes: int = MAX_BYTES) -> str:
    """The UTF-8 text at `source` (an http(s) URL or a local path), or NetError."""
    shown = public_url(source)
    if is_url(source):
        data = _download(source, timeout, max_bytes)
    elif "://" in source:
        raise NetError(msg("fetch.scheme", source=shown))
    else:
        data = _read_local(Path(source).expanduser(), max_bytes)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise NetError(msg("fetch.not_utf8", source=shown, byte=e.start)) from None


def _too_big(source: str, max_bytes: int) -> NetError:
    return NetError(f"{source}: larger than {max_bytes // 1024} KiB; refusing to read it")


def _read_local(path: Path, max_bytes: int) -> bytes:
    try:
        with path.open("rb") as f:
            data = f.read(max_bytes + 1)
    except OSError as e:
        raise NetError(msg("err.cannot_read", path=path, why=e.strerror or e)) from None
    if len(data) > max_bytes:
        raise _too_big(str(path), max_bytes)
    return data


def _download(url: str, timeout: float, max_bytes: int) -> bytes:
    import httpx

    shown = public_url(url)
    deadline = time.monotonic() + timeout
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
                raise NetError(msg("fetch.status", source=shown, code=response.status_code))
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise _too_big(shown, max_bytes)
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise _too_big(shown, max_bytes)
                if time.monotonic() > deadline:
                    raise httpx.ReadTimeout("deadline")
                chunks.append(chunk)
    except httpx.TimeoutException:
        raise NetError(msg("fetch.deadline", source=shown, seconds=f"{timeout:g}")) from None
    except httpx.TooManyRedirects:
        raise NetError(msg("fetch.redirects", source=shown)) from None
    except httpx.HTTPError as e:
        raise NetError(msg("fetch.failed", source=shown, error=_describe(e, url))) from None
    return b"".join(chunks)


def _describe(e: Exception, url: str) -> str:
    text = (str(e) or type(e).__name__).replace(url, public_url(url))
    return text.splitlines()[0][:200]
