"""Check many links at once with httpx's async client.

Every URL is checked by one task. A global semaphore bounds how many URLs are in flight, and a
semaphore per host bounds the requests one server sees at a time. A check asks HEAD first and
falls back to GET (headers only, the body is never read) when HEAD is refused; it follows
redirects itself so that it can name the final URL and notice loops; it retries once after a
timeout, a 429 or a 5xx, waiting what Retry-After asks for, within a short cap.

Offline: each host's name is looked up once, in a daemon thread with the timeout as deadline
(so a resolver that hangs cannot hold the command). A failed lookup, a refused connection, an
unreachable host or a TLS failure is "unreachable": the link may be fine, the path to it is
not. When the first OFFLINE_AFTER hosts looked up all fail, the machine seems offline: every
link not yet looked up is returned unchecked at once instead of being tried.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING, Any
from urllib.parse import urljoin, urlsplit

from llmcourse.course.check import url_problem
from llmcourse.net.fetch import USER_AGENT
from llmcourse.net.linkcache import FAILED

if TYPE_CHECKING:  # httpx is imported when links are checked, not with this module
    import httpx

STATUSES = ("broken", "error", "timeout", "unreachable", "redirected", "ok")  # worst first
HEAD_REFUSED = (403, 405, 501)
MAX_REDIRECTS = 10
OFFLINE_AFTER = 3  # distinct hosts whose lookups failed, none succeeded: the machine is offline
LOOKUPS_AT_ONCE = 8
NOT_CHECKED = "not checked: this machine seems offline"


@dataclass(frozen=True)
class Where:
    """Where a URL is used: the node's kind and id, and the topic it belongs to (if any)."""

    kind: str  # resource, concept, notebook, course
    id: str
    topic: str | None = None


@dataclass
class LinkResult:
    url: str
    status: str  # ok, redirected, broken, timeout, error, unreachable
    code: int | None = None
    final_url: str | None = None
    elapsed_ms: int = 0
    error: str | None = None
    attempts: int = 1
    where: list[Where] = field(default_factory=list)
    checked: bool = True  # False: skipped because the machine seems offline

    @property
    def bad(self) -> bool:
        return self.status in FAILED


@dataclass(frozen=True)
class CheckOptions:
    concurrency: int = 16
    per_host: int = 8
    timeout: float = 10.0
    retry_after_cap: float = 5.0
    retry_delay: float = 0.5  # wait before a retry when the server does not say
    max_redirects: int = MAX_REDIRECTS


class _Outcome(Exception):
    """A finished check, raised from deep inside the request loop."""

    def __init__(self, status: str, code: int | None = None, error: str | None = None) -> None:
        self.status, self.code, self.error = status, code, error


def check_urls(
    urls: dict[str, list[Where]],
    options: CheckOptions | None = None,
    on_result: Callable[[LinkResult], None] | None = None,
) -> list[LinkResult]:
    """Check every URL (keys of `urls`) and return the results in the same order."""
    options = options or CheckOptions()
    if not urls:
        return []
    return asyncio.run(_check_all(urls, options, on_result))


async def _check_all(
    urls: dict[str, list[Where]],
    options: CheckOptions,
    on_result: Callable[[LinkResult], None] | None,
) -> list[LinkResult]:
    import httpx

    overall = asyncio.Semaphore(max(1, options.concurrency))
    hosts: dict[str, asyncio.Semaphore] = {}
    limits = httpx.Limits(
        max_connections=max(1, options.concurrency) + 4,
        max_keepalive_connections=max(1, options.concurrency),
    )
    async with httpx.AsyncClient(
        headers={"User-Agent": USER_AGENT, "Accept": "*/*"},
        follow_redirects=False,
        timeout=httpx.Timeout(options.timeout),
        limits=limits,
    ) as client:
        checker = _Checker(client, overall, hosts, options, _Lookups(options.timeout))

        async def one(url: str) -> LinkResult:
            result = await checker.check(url)
            result.where = list(urls[url])
            if on_result is not None:
                on_result(result)
            return result

        return list(await asyncio.gather(*(one(u) for u in urls)))


class _Checker:
    def __init__(
        self,
        client: httpx.AsyncClient,
        overall: asyncio.Semaphore,
        hosts: dict[str, asyncio.Semaphore],
        options: CheckOptions,
        lookups: _Lookups,
    ) -> None:
        self.client = client
        self.overall = overall
        self.hosts = hosts
        self.options = options
        self.lookups = lookups

    def host_gate(self, url: str) -> asyncio.Semaphore:
        host = urlsplit(url).netloc.lower()
        if host not in self.hosts:
            self.hosts[host] = asyncio.Semaphore(max(1, self.options.per_host))
        return self.hosts[host]

    async def check(self, url: str) -> LinkResult:
        start = time.monotonic()
        if problem := url_problem(url):
            return LinkResult(url, "error", error=problem)
        failed = await self.lookups.problem(_hostname(url))
        if isinstance(failed, _Offline):
            return LinkResult(url, "unreachable", error=NOT_CHECKED, checked=False)
        if failed:
            elapsed = round((time.monotonic() - start) * 1000)
            return LinkResult(url, "unreachable", error=failed, elapsed_ms=elapsed)
        attempts = 0
        while True:
            attempts += 1
            async with self.overall:
                result, wait = await self._follow(url)
            if wait is None or attempts > 1:
                break
            await asyncio.sleep(wait)  # outside the semaphore: a waiting check holds no slot
        result.attempts = attempts
        result.elapsed_ms = round((time.monotonic() - start) * 1000)
        return result

    async def _follow(self, url: str) -> tuple[LinkResult, float | None]:
        """The result of following `url`, and how long to wait before retrying (None: final)."""
        seen = {url}
        current = url
        try:
            for _ in range(self.options.max_redirects + 1):
                code, location, retry_after = await self._request(current)
                if 300 <= code < 400 and location:
                    target = urljoin(current, location)
                    if target in seen:
                        raise _Outcome("error", code, f"redirect loop at {target}")
                    if problem := url_problem(target):
                        raise _Outcome("error", code, f"redirect to a bad URL: {problem}")
                    seen.add(target)
                    current = target
                    continue
                if code >= 400:
                    result = LinkResult(url, "broken", code, current if current != url else None)
                    retry = code == 429 or code >= 500
                    return result, (self._delay(retry_after) if retry else None)
                if current != url:
                    return LinkResult(url, "redirected", code, current), None
                return LinkResult(url, "ok", code), None
            raise _Outcome("error", None, f"more than {self.options.max_redirects} redirects")
        except _Outcome as o:
            return LinkResult(url, o.status, o.code, error=o.error), None
        except TimeoutError:
            message = f"no answer within {self.options.timeout:g} s"
            return LinkResult(url, "timeout", error=message), self.options.retry_delay
        except Exception as e:  # every transport failure is a result, never a crash
            return _transport_failure(url, e), None

    async def _request(self, url: str) -> tuple[int, str | None, str | None]:
        """(status code, Location, Retry-After) for `url`: HEAD, or GET when HEAD is refused."""
        import httpx

        client = self.client
        async with self.host_gate(url):
            try:
                async with asyncio.timeout(self.options.timeout):
                    response = await client.head(url)
                    if response.status_code in HEAD_REFUSED:
                        async with client.stream("GET", url) as streamed:
                            response = streamed  # headers only; closing drops the body
            except httpx.TimeoutException:
                raise TimeoutError from None
        headers = response.headers
        return response.status_code, headers.get("location"), headers.get("retry-after")

    def _delay(self, retry_after: str | None) -> float:
        cap = self.options.retry_after_cap
        if not retry_after:
            return min(self.options.retry_delay, cap)
        value = retry_after.strip()
        if value.isdigit():
            return min(float(value), cap)
        try:
            when = parsedate_to_datetime(value)
            return max(0.0, min(when.timestamp() - time.time(), cap))
        except (TypeError, ValueError, OverflowError):
            return min(self.options.retry_delay, cap)


def _transport_failure(url: str, e: Exception) -> LinkResult:
    import httpx

    text = (str(e) or type(e).__name__).splitlines()[0][:200]
    if isinstance(e, httpx.ConnectError):  # refused, unreachable, name lookup, TLS
        kind = "TLS" if "ssl" in text.lower() or "certificate" in text.lower() else "connection"
        return LinkResult(url, "unreachable", error=f"{kind} error: {text}")
    if isinstance(e, httpx.RemoteProtocolError | httpx.ReadError | httpx.WriteError):
        return LinkResult(url, "error", error=f"connection dropped: {text}")
    if isinstance(e, httpx.UnsupportedProtocol | httpx.InvalidURL):
        return LinkResult(url, "error", error=f"bad URL: {text}")
    return LinkResult(url, "error", error=f"{type(e).__name__}: {text}")


class _Offline:
    """The answer of a lookup skipped because the machine seems offline."""


_OFFLINE = _Offline()


def _hostname(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").rstrip(".")
    except ValueError:
        return ""


def _needs_lookup(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return bool(host)
    return False


class _Lookups:
    """One name lookup per host, bounded by the timeout, watched to notice being offline: when
    the first OFFLINE_AFTER hosts looked up have all failed, the machine seems offline."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.answers: dict[str, asyncio.Task[str | _Offline | None]] = {}
        self.failed: set[str] = set()
        self.offline = asyncio.Event()
        self.gate = asyncio.Semaphore(LOOKUPS_AT_ONCE)

    async def problem(self, host: str) -> str | _Offline | None:
        """None when `host` resolves (or is an IP address), else why not, or _OFFLINE."""
        if not _needs_lookup(host):
            return None
        if host not in self.answers:  # dicts keep order: the first keys are the first tried
            self.answers[host] = asyncio.ensure_future(self._lookup(host))
        return await self.answers[host]

    async def _lookup(self, host: str) -> str | _Offline | None:
        async with self.gate:
            if self.offline.is_set():
                return _OFFLINE
            if host == "invalid" or host.endswith(".invalid"):  # RFC 6761: answer at once
                answer: str | _Offline | None = "name lookup failed: .invalid never resolves"
            else:
                answer = await self._resolve(host)
        if isinstance(answer, str):
            self.failed.add(host)
            first = list(self.answers)[:OFFLINE_AFTER]
            if len(first) == OFFLINE_AFTER and self.failed.issuperset(first):
                self.offline.set()
        return answer

    async def _resolve(self, host: str) -> str | _Offline | None:
        """getaddrinfo in a daemon thread: a resolver that hangs is abandoned at the deadline
        (a thread of the default executor would hold the loop's shutdown)."""
        loop = asyncio.get_running_loop()
        found: asyncio.Future[str | None] = loop.create_future()

        def deliver(answer: str | None) -> None:
            if not found.done():
                found.set_result(answer)

        def work() -> None:
            try:
                socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
                answer = None
            except (OSError, UnicodeError) as e:
                answer = f"name lookup failed: {getattr(e, 'strerror', None) or e}"
            with contextlib.suppress(RuntimeError):  # the loop is gone: nobody waits
                loop.call_soon_threadsafe(deliver, answer)

        threading.Thread(target=work, name=f"lookup {host}", daemon=True).start()
        offline = asyncio.ensure_future(self.offline.wait())
        waiting: set[asyncio.Future[Any]] = {found, offline}
        try:
            await asyncio.wait(waiting, timeout=self.timeout, return_when=asyncio.FIRST_COMPLETED)
        finally:
            offline.cancel()
        if found.done():
            return found.result()
        found.cancel()
        if self.offline.is_set():
            return _OFFLINE
        return f"name lookup took longer than {self.timeout:g} s"


def worst_first(results: Iterable[LinkResult]) -> list[LinkResult]:
    rank = {status: i for i, status in enumerate(STATUSES)}
    return sorted(results, key=lambda r: (rank.get(r.status, 0), r.url))


def targets(course: object, topic_ids: Iterable[str] | None = None) -> dict[str, list[Where]]:
    """Each URL of the course (or of the given topics) -> where it is used, in course order."""
    from llmcourse.course.model import Course

    assert isinstance(course, Course)
    wanted = set(topic_ids) if topic_ids is not None else None
    found: dict[str, list[Where]] = {}

    def add(url: str | None, where: Where) -> None:
        if url and where not in found.setdefault(url, []):
            found[url].append(where)

    if wanted is None:
        for own in course.links:
            add(own.url, Where("course", own.id))
    for _, topic in course.iter_topics():
        if wanted is not None and topic.id not in wanted:
            continue
        for concept in topic.concepts:
            for link in concept.links:
                add(link.url, Where("concept", concept.id, topic.id))
        for res in topic.resources:
            where = Where("resource", res.id, topic.id)
            add(res.url, where)
            add(res.author_url, where)
            for link in res.links:
                add(link.url, where)
    for nb in course.notebooks:
        if wanted is not None and not wanted & set(nb.topics):
            continue
        first = nb.topics[0] if nb.topics else None
        for url in (nb.colab_url, nb.article_url, nb.repo_url):
            add(url, Where("notebook", nb.id, first))
    return found
